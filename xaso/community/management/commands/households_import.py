import sys

from django.core.management.base import BaseCommand, CommandError

from xaso.accounts.models import User
from xaso.community.services.importing import households_import
from xaso.community.spreadsheet import error_report
from xaso.core.errors import DomainError
from xaso.places.models import Commune


def bar(label: str, stream=None):
    """A text progress bar on the terminal: `label [#####.....]  50% 500/1000`."""

    def show(done: int, total: int) -> None:
        out = stream or sys.stderr
        width = 30
        filled = int(width * done / total) if total else width
        percent = int(100 * done / total) if total else 100
        out.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {percent:3d}% {done}/{total}")
        if done >= total:
            out.write("\n")
        out.flush()

    return show


class Command(BaseCommand):
    help = "Import a household list (xlsx) into a commune, with a progress bar."
    requires_system_checks = []  # a batch job: checking every URL and model first costs seconds

    def add_arguments(self, parser):
        parser.add_argument("commune", help="commune code")
        parser.add_argument("file", help="xlsx file in the template's layout")
        parser.add_argument("--as", dest="username", required=True, help="the officer doing the import")
        parser.add_argument("--import-valid-rows", action="store_true")
        parser.add_argument("--report", help="where to write the sheet with an error column")

    def handle(self, *args, commune, file, username, import_valid_rows=False, report=None, **options):
        try:
            actor = User.objects.get(username=username)
            target = Commune.objects.get(code=commune)
        except (User.DoesNotExist, Commune.DoesNotExist) as exc:
            raise CommandError(str(exc)) from None
        try:
            outcome = households_import(
                actor=actor,
                commune=target,
                source=file,
                import_valid_rows=import_valid_rows,
                check_progress=bar("checking"),
                save_progress=bar("saving  "),
            )
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        if outcome.errors and report:
            error_report(file, outcome.errors, report)
        self.stdout.write(
            f"rows {outcome.total}, created {outcome.created}, updated {outcome.updated}, "
            f"errors {len(outcome.errors)}, imported {'yes' if outcome.imported else 'no'}"
        )
        if outcome.errors and not outcome.imported:
            raise CommandError("nothing imported: rows have errors" + (f" (see {report})" if report else ""))
