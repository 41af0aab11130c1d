"""`xaso pki demo`: a test CA, the demo commune's seal and its leader's personal certificate,
so that signing works out of the box. Every certificate says TEST ONLY in its subject and every
signature made with it prints "CHỮ KÝ THỬ NGHIỆM" in its visible block. The demo commune also
gets its exchange key (an agency certificate from the same test CA), and the CA publishes a
revocation list at var/pki/demo/ca.crl (`xaso pki revoke SERIAL` adds to it)."""

import datetime as dt
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction

from xaso.accounts.demo import DEMO_COMMUNE_CODE, demo_load
from xaso.accounts.models import User
from xaso.core.demo import DemoContext, DemoStep
from xaso.documents.exchange.services import agency_key_set
from xaso.documents.meetings.services import meeting_create, meeting_item_add
from xaso.documents.models import Agency, Meeting, RegisteredDocument, SigningCredential
from xaso.documents.registry.services import (
    document_act,
    incoming_register,
    outgoing_create,
    outgoing_issue,
    outgoing_sign,
)
from xaso.documents.signing import pki
from xaso.documents.signing.credentials import credential_create_pkcs12, trust_root_add

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


def _directory(directory: Path | None) -> Path:
    return directory or Path(settings.VAR_DIR) / "pki" / "demo"


def crl_write(directory: Path | None = None) -> Path:
    """(Re-)issue the demo CA's revocation list from revoked.txt ("serial-hex iso-time" lines)."""
    directory = _directory(directory)
    ca = _ca(directory)
    listed = directory / "revoked.txt"
    revoked = []
    if listed.exists():
        for line in listed.read_text().split("\n"):
            if line.strip():
                serial, when = line.split()
                revoked.append((int(serial, 16), dt.datetime.fromisoformat(when)))
    path = directory / "ca.crl"
    path.write_bytes(pki.crl_create(ca, revoked).public_bytes(serialization.Encoding.DER))
    return path


def pki_demo_revoke(serial_hex: str, directory: Path | None = None) -> Path:
    """Revoke a certificate of the demo CA by its serial (hex) and re-issue the list."""
    serial = int(serial_hex.replace(":", ""), 16)
    directory = _directory(directory)
    with (directory / "revoked.txt").open("a") as fh:
        fh.write(f"{serial:x} {dt.datetime.now(dt.UTC).isoformat()}\n")
    return crl_write(directory)


def _exchange_key(ca: pki.Issued, commune, organisation: str) -> Agency:
    """The demo commune as an agency of the exchange, with a TEST key from the demo CA."""
    existing = Agency.objects.filter(commune=commune).first()
    if existing is not None and existing.is_ours:
        return existing
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    issued = pki.cert_issue(ca, common_name=f"{organisation} - trao đổi văn bản", organisation=organisation)
    transport = secrets.token_urlsafe(16)  # only to carry the key into agency_key_set
    return agency_key_set(
        actor=admin,
        commune=commune,
        code=f"xa-{commune.code}",
        name=organisation,
        base_url=settings.SITE_URL,
        pkcs12=pki.pkcs12_bytes(issued, ca, transport),
        passphrase=transport,
    )


@transaction.atomic
def pki_demo_load(directory: Path | None = None) -> list[SigningCredential]:
    """Create (once) the demo CA, trust it, and give the demo commune a seal and its leader a
    personal certificate, both as PKCS#12 under DEMO_PASSPHRASE. Idempotent."""
    commune = demo_load()
    leader = User.objects.get(username=DEMO_LEADER)
    directory = _directory(directory)
    ca = _ca(directory)
    if not (directory / "ca.crl").exists():
        crl_write(directory)
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
    _exchange_key(ca, commune, organisation)
    return created


# --- `xaso demo` (xaso.core.demo): the TEST certificates, two registered documents, a meeting --


def demo_step(ctx: DemoContext) -> None:
    """The demo CA and certificates (what `xaso pki demo` does), an incoming document from the
    province and an outgoing notice signed by the leader and issued under the seal, and a
    meeting next week with its pack (the agenda with both documents)."""
    commune, users = ctx["commune"], ctx["users"]
    credentials = pki_demo_load()
    clerk, leader = users["vanthu"], users["lanhdao"]
    incoming = incoming_register(
        actor=clerk,
        commune=commune,
        kind="KH",
        title="Kế hoạch chuyển đổi số tỉnh Thanh Hóa năm " + str(ctx.today.year),
        sender="UBND tỉnh Thanh Hóa",
        number_symbol="215/KH-UBND",
        document_date=ctx.today - dt.timedelta(days=20),
    )
    outgoing = outgoing_create(
        actor=clerk,
        commune=commune,
        kind="TB",
        title="Thông báo lịch tiếp công dân của Chủ tịch UBND xã",
        body=(
            "Chủ tịch UBND xã tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở UBND xã.\n"
            "Công dân có nhu cầu phản ánh, kiến nghị đăng ký trước tại bộ phận Một cửa."
        ),
        recipients=["Các thôn trong xã", "Lưu: VT"],
    )
    signature = next(c for c in credentials if c.holder_id == leader.pk)
    seal = next(c for c in credentials if c.holder_id is None)
    document_act(actor=clerk, document=outgoing, action="submit")
    outgoing = outgoing_sign(actor=leader, document=outgoing, credential=signature, secret=DEMO_PASSPHRASE)
    outgoing_issue(actor=clerk, document=outgoing, seal=seal, secret=DEMO_PASSPHRASE)
    meeting = meeting_create(
        actor=clerk,
        commune=commune,
        title="Họp giao ban UBND xã tháng " + f"{ctx.today:%m/%Y}",
        starts_at=ctx.now.replace(hour=1, minute=0, second=0, microsecond=0) + dt.timedelta(days=7),
        place="Hội trường UBND xã",
        chair=leader,
        staff=[users["motcua"], users["chuyenvien"], clerk],
        outsiders=[("Bí thư Đoàn xã", "0912000009", "")],
    )
    meeting_item_add(
        actor=clerk, meeting=meeting, title="Triển khai kế hoạch chuyển đổi số", document=incoming
    )
    meeting_item_add(actor=clerk, meeting=meeting, title="Lịch tiếp công dân", document=outgoing)
    ctx.communes.add(commune.code)


def foreign(mine: set[str]) -> dict[str, int]:
    return {
        "registered documents": RegisteredDocument.objects.exclude(commune_id__in=mine).count(),
        "meetings": Meeting.objects.exclude(commune_id__in=mine).count(),
    }


DEMO_STEP = DemoStep("documents", demo_step, order=40, foreign=foreign)
