"""`xaso pki demo`: a test CA, the demo commune's seal and its leader's personal certificate,
so that signing works out of the box. Every certificate says TEST ONLY in its subject and every
signature made with it prints "CHỮ KÝ THỬ NGHIỆM" in its visible block."""

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction

from xaso.accounts.demo import DEMO_COMMUNE_CODE, demo_load
from xaso.accounts.models import User
from xaso.documents import pki
from xaso.documents.models import SigningCredential
from xaso.documents.services import credential_create_pkcs12, trust_root_add

DEMO_PASSPHRASE = "demo-ky-so"  # noqa: S105 — published on purpose: test certificates only
DEMO_LEADER = "lanhdao"


def _ca(directory: Path) -> pki.Issued:
    """The demo CA, kept under var/pki/demo so that re-running keeps the same trust root."""
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / "ca.pem", directory / "ca-key.pem"
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return pki.Issued(key, cert)
    ca = pki.ca_create("xaso Demo Root CA")
    key_path.touch(mode=0o600)
    key_path.write_bytes(ca.key_pem())
    cert_path.write_bytes(ca.cert_pem)
    return ca


@transaction.atomic
def pki_demo_load(directory: Path | None = None) -> list[SigningCredential]:
    """Create (once) the demo CA, trust it, and give the demo commune a seal and its leader a
    personal certificate, both as PKCS#12 under DEMO_PASSPHRASE. Idempotent."""
    commune = demo_load()
    leader = User.objects.get(username=DEMO_LEADER)
    ca = _ca(directory or Path(settings.VAR_DIR) / "pki" / "demo")
    trust_root_add(actor=leader, certificate_der=ca.cert_der, label="xaso Demo Root CA (TEST)", is_test=True)
    organisation = f"UBND {commune.name}"
    wanted = [
        (None, f"Con dấu {organisation}", "", organisation),
        (leader, f"Chữ ký số {leader.full_name}", "Chủ tịch", leader.full_name),
    ]
    created = []
    for holder, label, position, common_name in wanted:
        existing = SigningCredential.objects.filter(
            commune_id=DEMO_COMMUNE_CODE, holder=holder, label=label, revoked_at__isnull=True
        ).first()
        if existing:
            created.append(existing)
            continue
        issued = pki.cert_issue(ca, common_name=common_name, organisation=organisation, title=position)
        created.append(
            credential_create_pkcs12(
                actor=leader,
                commune=commune,
                holder=holder,
                label=label,
                position=position,
                pkcs12=pki.pkcs12_bytes(issued, ca, DEMO_PASSPHRASE),
                passphrase=DEMO_PASSPHRASE,
            )
        )
    return created
