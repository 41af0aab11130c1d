from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xaso.core.audit import audit_verify
from xaso.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into this (fresh) instance and check it against its manifest."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        if not archive.exists():
            raise CommandError(f"no such archive: {archive}")
        try:
            report = backup_restore(archive_path=archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        chain = audit_verify()
        problems = report.problems + chain.problems
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"restore check failed: {len(problems)} problem(s)")
        rows = sum(report.manifest["tables"].values())
        self.stdout.write(
            f"restored {rows} rows and {len(report.manifest['media'])} files; "
            f"audit chain ok ({chain.checked} events)"
        )
