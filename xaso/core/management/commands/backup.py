from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from xaso.core.backup import backup_create


class Command(BaseCommand):
    help = "Write a backup archive (database + uploaded files + manifest)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="archive path (default var/backups/xaso-<time>.tar)")

    def handle(self, *args, output=None, **options):
        output = output or Path(settings.VAR_DIR) / "backups" / f"xaso-{timezone.now():%Y%m%d-%H%M%S}.tar"
        manifest = backup_create(output=output)
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"backup written: {output} ({rows} rows, {len(manifest['media'])} files)")
