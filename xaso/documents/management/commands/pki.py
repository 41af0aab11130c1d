from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load, pki_demo_revoke
from xaso.documents.models import Agency


class Command(BaseCommand):
    help = (
        "Signing certificates. `pki demo` creates a TEST CA, test certificates and the exchange key "
        "of the demo commune; `pki revoke SERIAL` revokes a demo certificate in the demo CA's CRL."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["demo", "revoke"])
        parser.add_argument("serial", nargs="?", default="", help="revoke: the certificate serial (hex)")
        parser.add_argument("--force", action="store_true", help="allow it with DEBUG off")

    def handle(self, *args, action, serial="", force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo certificates have a published passphrase: refused with DEBUG off (use --force "
                "on a machine nobody else can reach)"
            )
        if action == "revoke":
            if not serial:
                raise CommandError("give the serial (hex) of the certificate to revoke")
            try:
                path = pki_demo_revoke(serial)
            except ValueError:
                raise CommandError("the serial must be hexadecimal") from None
            self.stdout.write(f"revoked {serial}; the CRL is {path} (set XASO_CRL_SOURCES to check it)")
            return
        credentials = pki_demo_load()
        self.stdout.write("TEST certificates (no legal value), passphrase: " + DEMO_PASSPHRASE)
        for credential in credentials:
            holder = credential.holder.username if credential.holder else "(seal)"
            self.stdout.write(f"  {credential.label:<40} {holder:<10} until {credential.not_after:%d/%m/%Y}")
        for agency in Agency.objects.filter(commune__isnull=False):
            self.stdout.write(f"  exchange key of {agency.name} (agency code {agency.code}, TEST)")
        crl = settings.VAR_DIR / "pki" / "demo" / "ca.crl"
        self.stdout.write(f"  revocation list of the test CA: {crl}")
