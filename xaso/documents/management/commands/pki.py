from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.accounts.models import User
from xaso.core.errors import InvalidInput
from xaso.documents.demo import DEMO_PASSPHRASE, pki_demo_load, pki_demo_revoke
from xaso.documents.models import Agency, TrustRoot
from xaso.documents.signing.trust import trust_roots_install


class Command(BaseCommand):
    help = (
        "Signing certificates. `pki trust add FILE` trusts the root or intermediate CA "
        "certificates of FILE (PEM or DER); `pki trust list` shows the trusted ones. "
        "`pki demo` creates a TEST CA, test certificates and the exchange key of the demo commune; "
        "`pki revoke SERIAL` revokes a demo certificate in the demo CA's CRL."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["demo", "revoke", "trust"])
        parser.add_argument(
            "args", nargs="*", help="revoke: the certificate serial (hex); trust: add FILE | list"
        )
        parser.add_argument("--label", default="", help="trust add: a name for a single certificate")
        parser.add_argument("--by", default="", help="trust add: the administrator's username (audit)")
        parser.add_argument("--force", action="store_true", help="allow demo/revoke with DEBUG off")

    def handle(self, *args, action, label="", by="", force=False, **options):
        if action == "trust":
            return self._trust(list(args), label=label, by=by)
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo certificates have a published passphrase: refused with DEBUG off (use --force "
                "on a machine nobody else can reach)"
            )
        if action == "revoke":
            serial = args[0] if args else ""
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

    def _trust(self, args: list[str], *, label: str, by: str):
        if args[:1] == ["list"]:
            for root in TrustRoot.objects.all():
                mark = " (TEST)" if root.is_test else ""
                self.stdout.write(f"{root.fingerprint[:16]}  {root.label}{mark}")
            return
        if len(args) != 2 or args[0] != "add":
            raise CommandError("usage: xaso pki trust add FILE | xaso pki trust list")
        actor = None
        if by:
            actor = User.objects.filter(username=by, is_active=True).first()
            if actor is None:
                raise CommandError(f"no active user is named {by!r}")
        path = Path(args[1])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        try:
            roots = trust_roots_install(actor=actor, data=data, label=label)
        except InvalidInput as exc:
            raise CommandError(f"{path}: {exc.message}") from None
        for root in roots:
            self.stdout.write(f"trusted: {root.label} (sha256 {root.fingerprint[:16]}…)")
