from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.dx.services.decisions import decision_credential_demo_load


class Command(BaseCommand):
    help = (
        "`pki demo`, then a TEST certificate for the demo province supervisor (sotinh) to sign "
        "recognition decisions with."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow it with DEBUG off")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo certificates have a published passphrase: refused with DEBUG off (use --force "
                "on a machine nobody else can reach)"
            )
        credential = decision_credential_demo_load()
        self.stdout.write("TEST certificate (no legal value), passphrase: " + DEMO_PASSPHRASE)
        self.stdout.write(f"  {credential.label:<40} until {credential.not_after:%d/%m/%Y}")
