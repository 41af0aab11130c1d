"""Write the web version of public pictures stored before xaso made one at upload.

A model lists its public pictures as `PUBLIC_PICTURES = (("original", "web"), ...)`; for each row
with an original and no web version, the original is opened by the core checker and its light
version (no EXIF, no GPS) stored. A stored file that is not a picture is reported and left: it is
served as a sandboxed download. Safe to run again; rows done are skipped."""

from django.apps import apps
from django.core.management.base import BaseCommand

from xaso.core.errors import InvalidInput
from xaso.core.uploads import IMAGE, file_check


class Command(BaseCommand):
    help = "Make the light web version of public pictures uploaded before versions existed."

    def handle(self, *args, **options):
        made = refused = 0
        for model in apps.get_models():
            for original, web in getattr(model, "PUBLIC_PICTURES", ()):
                rows = model._default_manager.exclude(**{original: ""}).filter(**{web: ""})
                for row in rows.iterator():
                    stored = getattr(row, original)
                    try:
                        with stored.open("rb") as handle:
                            checked = file_check(
                                handle.read(),
                                name=stored.name,
                                field=original,
                                kinds=(IMAGE,),
                                web_version=True,
                            )
                    except (InvalidInput, FileNotFoundError) as exc:
                        refused += 1
                        self.stderr.write(f"{model._meta.label} {row.pk}: {exc}")
                        continue
                    setattr(row, web, checked.web_content())
                    row.save(update_fields=[web])
                    made += 1
        self.stdout.write(f"{made} web version(s) written, {refused} file(s) left as they are")
