from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load


class Command(BaseCommand):
    help = "Signing certificates. `pki demo` creates a TEST CA and test certificates for the demo commune."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["demo"])
        parser.add_argument("--force", action="store_true", help="allow it with DEBUG off")

    def handle(self, *args, action, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo certificates have a published passphrase: refused with DEBUG off (use --force "
                "on a machine nobody else can reach)"
            )
        credentials = pki_demo_load()
        self.stdout.write("TEST certificates (no legal value), passphrase: " + DEMO_PASSPHRASE)
        for credential in credentials:
            holder = credential.holder.username if credential.holder else "(seal)"
            self.stdout.write(f"  {credential.label:<40} {holder:<10} until {credential.not_after:%d/%m/%Y}")
