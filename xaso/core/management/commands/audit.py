from django.core.management.base import BaseCommand, CommandError

from xaso.core.audit import audit_verify


class Command(BaseCommand):
    help = "Audit chain tools. `audit verify` checks that no event was edited or deleted."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        report = audit_verify()
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(f"audit chain broken: {len(report.problems)} problem(s)")
        self.stdout.write(f"audit chain ok: {report.checked} events")
