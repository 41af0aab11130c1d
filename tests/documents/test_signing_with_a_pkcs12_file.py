import hashlib

import pytest

from tests.support.signing import PASSPHRASE, pdfsig
from xaso.core.pdf import html_to_pdf
from xaso.documents.models import SignedDocument
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create

HTML = "<p>Giấy xác nhận</p><div id='xaso-signature' style='width:75mm;height:26mm'></div>"


@pytest.fixture
def signed(media_root, commune, commune_leader, leader_credential):
    return signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Giấy xác nhận cư trú",
        html_or_pdf=HTML,
        credential=leader_credential,
        secret=PASSPHRASE,
        subject_type="test.subject",
        subject_id="7",
    )


def test_a_signed_result_verifies_in_xaso(signed, commune_leader):
    pdf = signed.file.read()
    report = verification_report(commune_leader, pdf)
    assert report.ok
    [sig] = report.signatures
    assert sig.signer == "Trịnh Văn Hùng"
    assert sig.organisation == "UBND Xã Yên Định"
    assert sig.position == "Chủ tịch"
    assert sig.intact and sig.unchanged and sig.trusted and sig.valid_at_signing
    assert sig.is_test


def test_a_signed_result_verifies_in_poppler(signed, tmp_path):
    out = pdfsig(signed.file.read(), tmp_path)
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "ETSI.CAdES.detached" in out  # PAdES, not the legacy adbe.pkcs7 subfilter
    assert "Trịnh Văn Hùng" in out


def test_the_record_keeps_the_code_the_fingerprint_and_the_subject(signed):
    pdf = signed.file.read()
    assert signed.sha256 == hashlib.sha256(pdf).hexdigest()
    assert len(signed.code) == 14 and signed.code[4] == "-"
    assert (signed.subject_type, signed.subject_id) == ("test.subject", "7")
    assert SignedDocument.objects.count() == 1


def test_a_pdf_can_be_signed_as_given(media_root, commune, commune_leader, leader_credential, tmp_path):
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Tệp PDF có sẵn",
        html_or_pdf=html_to_pdf("<p>Có sẵn</p>"),
        credential=leader_credential,
        secret=PASSPHRASE,
    )
    assert "Signature is Valid." in pdfsig(doc.file.read(), tmp_path)


def test_signing_twice_keeps_the_first_signature_valid(
    signed, commune, commune_leader, leader_credential, tmp_path
):
    again = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Ký lần hai",
        html_or_pdf=signed.file.read(),
        credential=leader_credential,
        secret=PASSPHRASE,
    )
    pdf = again.file.read()
    report = verification_report(commune_leader, pdf)
    assert len(report.signatures) == 2
    assert report.ok
    assert pdfsig(pdf, tmp_path).count("Signature is Valid.") == 2
