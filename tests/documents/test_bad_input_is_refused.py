import datetime as dt
import io

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer

from tests import factories as f
from tests.support.signing import PASSPHRASE
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.core.pdf import html_to_pdf
from xaso.documents.models import SignedDocument
from xaso.documents.signing import pki
from xaso.documents.signing.credentials import credential_create_pkcs12, credential_revoke
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


def _sign(actor, commune, credential, *, secret=PASSPHRASE, html_or_pdf="<p>Kết quả</p>"):
    return signed_result_create(
        actor=actor,
        commune=commune,
        title="Kết quả",
        html_or_pdf=html_or_pdf,
        credential=credential,
        secret=secret,
    )


def test_a_wrong_passphrase_is_refused_audited_and_nothing_is_written(
    media_root, commune, commune_leader, leader_credential
):
    with pytest.raises(InvalidInput) as caught:
        _sign(commune_leader, commune, leader_credential, secret="sai-mat-khau")
    assert caught.value.field == "secret"
    assert caught.value.code == "wrong_secret"
    assert SignedDocument.objects.count() == 0
    assert not list(media_root.rglob("*.pdf"))
    event = AuditEvent.objects.get(action="document.sign_refused")
    assert event.summary == "wrong secret"
    assert event.actor == commune_leader


def test_a_revoked_certificate_cannot_sign(media_root, commune, commune_leader, leader_credential):
    credential_revoke(actor=commune_leader, credential=leader_credential)
    leader_credential.refresh_from_db()
    with pytest.raises(Conflict):
        _sign(commune_leader, commune, leader_credential)
    assert AuditEvent.objects.filter(action="document.sign_refused", summary="revoked").exists()


def test_an_expired_certificate_cannot_sign(
    media_root, commune, commune_leader, expired_cert, test_ca, trusted_ca
):
    credential = credential_create_pkcs12(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="Hết hạn",
        pkcs12=pki.pkcs12_bytes(expired_cert, test_ca, PASSPHRASE),
        passphrase=PASSPHRASE,
    )
    with pytest.raises(Conflict) as caught:
        _sign(commune_leader, commune, credential)
    assert caught.value.code == "expired"
    assert AuditEvent.objects.filter(action="document.sign_refused", summary="expired").exists()


def test_an_unprotected_pkcs12_file_is_not_stored(commune, commune_leader, leader_cert, test_ca):
    clear = pkcs12.serialize_key_and_certificates(
        b"x", leader_cert.key, leader_cert.cert, [test_ca.cert], serialization.NoEncryption()
    )
    with pytest.raises(InvalidInput) as caught:
        credential_create_pkcs12(
            actor=commune_leader,
            commune=commune,
            holder=commune_leader,
            label="x",
            pkcs12=clear,
            passphrase="",
        )
    assert caught.value.field == "pkcs12"


def test_a_pkcs12_file_is_not_stored_with_a_wrong_passphrase(commune, commune_leader, leader_cert, test_ca):
    with pytest.raises(InvalidInput) as caught:
        credential_create_pkcs12(
            actor=commune_leader,
            commune=commune,
            holder=commune_leader,
            label="x",
            pkcs12=pki.pkcs12_bytes(leader_cert, test_ca, PASSPHRASE),
            passphrase="khac",
        )
    assert caught.value.field == "passphrase"


def test_a_leader_cannot_sign_with_another_persons_certificate(media_root, commune, leader_credential):
    deputy = f.staff("commune_leader", commune_obj=commune, username="phochutich")
    with pytest.raises(NotAllowed):
        _sign(deputy, commune, leader_credential)


def test_an_officer_without_the_signing_role_cannot_sign(media_root, commune, specialist, leader_credential):
    with pytest.raises(NotAllowed):
        _sign(specialist, commune, leader_credential)


def test_a_leader_of_another_commune_cannot_use_this_communes_seal(
    media_root, commune, other_commune, leader_credential
):
    other_leader = f.staff("commune_leader", commune_obj=other_commune, username="lanhdao_khac")
    with pytest.raises(NotAllowed):
        _sign(other_leader, other_commune, leader_credential)
    with pytest.raises(NotAllowed):
        _sign(other_leader, commune, leader_credential)


def test_a_file_that_is_not_a_pdf_is_refused(db, commune_leader):
    with pytest.raises(InvalidInput) as caught:
        verification_report(commune_leader, b"GIF89a not a pdf")
    assert caught.value.code == "not_pdf"


def test_a_damaged_pdf_is_refused(db, commune_leader):
    with pytest.raises(InvalidInput) as caught:
        verification_report(
            commune_leader, b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 9 0 R>>\ntrailer garbage"
        )
    assert caught.value.code == "corrupt"


def test_an_encrypted_pdf_is_refused(db, commune_leader):
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(html_to_pdf("<p>bí mật</p>"))))
    writer.encrypt("chu-so-huu", "nguoi-doc")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InvalidInput) as caught:
        verification_report(commune_leader, out.getvalue())
    assert caught.value.code == "encrypted"


def test_an_oversized_pdf_is_refused(db, commune_leader, settings):
    settings.DOCUMENTS_MAX_PDF_BYTES = 1024
    with pytest.raises(InvalidInput) as caught:
        verification_report(commune_leader, html_to_pdf("<p>lớn</p>"))
    assert caught.value.code == "too_large"


def test_an_oversized_pdf_is_not_signed(media_root, commune, commune_leader, leader_credential, settings):
    settings.DOCUMENTS_MAX_PDF_BYTES = 1024
    with pytest.raises(InvalidInput):
        _sign(commune_leader, commune, leader_credential, html_or_pdf=html_to_pdf("<p>lớn</p>"))
    assert SignedDocument.objects.count() == 0


def test_a_certificate_from_an_untrusted_authority_is_reported(media_root, commune, commune_leader):
    stranger_ca = pki.ca_create("Unknown CA")
    cert = pki.cert_issue(stranger_ca, common_name="Ai Đó", organisation="Không rõ")
    credential = credential_create_pkcs12(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="Lạ",
        pkcs12=pki.pkcs12_bytes(cert, stranger_ca, PASSPHRASE),
        passphrase=PASSPHRASE,
    )
    doc = _sign(commune_leader, commune, credential)
    report = verification_report(commune_leader, doc.file.read())
    [sig] = report.signatures
    assert sig.intact and sig.unchanged
    assert not sig.trusted and not report.ok


def test_a_signature_made_while_the_certificate_was_valid_stays_valid_later(
    media_root, commune, commune_leader, leader_credential, monkeypatch
):
    doc = _sign(commune_leader, commune, leader_credential)
    pdf = doc.file.read()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365)
    monkeypatch.setattr("xaso.documents.signing.verification._now", lambda: later)
    [sig] = verification_report(commune_leader, pdf).signatures
    assert sig.valid_at_signing and sig.trusted
