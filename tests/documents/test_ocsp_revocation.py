"""Revocation by OCSP when the certificate names a responder (Authority Information Access),
against a real responder (`openssl ocsp`) on loopback: a good certificate signs and verifies, a
revoked one is refused at signing and reported at verification, and a responder that does not
answer is a soft fail (the signature goes ahead, audited; verification says it is unconfirmed)."""

import pytest

from tests.documents.ocsp_responder import OcspResponder, free_port
from tests.support.signing import PASSPHRASE
from xaso.core.errors import Conflict
from xaso.core.models import AuditEvent
from xaso.documents.signing import ocsp, pki
from xaso.documents.signing.credentials import credential_create_pkcs12
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def port():
    return free_port()


@pytest.fixture(scope="module")
def good_cert(test_ca, port):
    return pki.cert_issue(
        test_ca,
        common_name="Người Còn Hiệu Lực",
        organisation="UBND Xã Yên Định",
        ocsp_url=f"http://127.0.0.1:{port}",
    )


@pytest.fixture(scope="module")
def revoked_cert(test_ca, port):
    return pki.cert_issue(
        test_ca,
        common_name="Người Bị Thu Hồi",
        organisation="UBND Xã Yên Định",
        ocsp_url=f"http://127.0.0.1:{port}",
    )


@pytest.fixture(scope="module")
def responder(test_ca, good_cert, revoked_cert, port, tmp_path_factory):
    with OcspResponder(
        ca=test_ca,
        directory=tmp_path_factory.mktemp("ocsp"),
        port=port,
        good=[good_cert],
        revoked=[revoked_cert],
    ) as running:
        yield running


@pytest.fixture(autouse=True)
def fresh_ocsp_cache():
    ocsp._cache.clear()


def _credential(commune, leader, issued, test_ca):
    return credential_create_pkcs12(
        actor=leader,
        commune=commune,
        holder=leader,
        label=issued.cert.subject.rfc4514_string()[:60],
        pkcs12=pki.pkcs12_bytes(issued, test_ca, PASSPHRASE),
        passphrase=PASSPHRASE,
    )


def _sign(commune, leader, credential):
    return signed_result_create(
        actor=leader,
        commune=commune,
        title="Thử OCSP",
        html_or_pdf="<p>OCSP</p>",
        credential=credential,
        secret=PASSPHRASE,
    )


def test_the_responder_answers_good_and_revoked(responder, good_cert, revoked_cert, test_ca):
    assert ocsp.ocsp_status(good_cert.cert_der, [test_ca.cert_der]).status == ocsp.GOOD
    answer = ocsp.ocsp_status(revoked_cert.cert_der, [test_ca.cert_der])
    assert answer.status == ocsp.REVOKED and answer.revoked_at is not None


def test_a_good_certificate_signs_and_verifies(
    responder, media_root, commune, commune_leader, good_cert, test_ca, trusted_ca
):
    doc = _sign(commune, commune_leader, _credential(commune, commune_leader, good_cert, test_ca))
    report = verification_report(None, doc.file.read())
    assert report.ok and not report.signatures[0].problems


def test_a_revoked_certificate_is_refused_at_signing(
    responder, media_root, commune, commune_leader, revoked_cert, test_ca, trusted_ca
):
    credential = _credential(commune, commune_leader, revoked_cert, test_ca)
    with pytest.raises(Conflict) as caught:
        _sign(commune, commune_leader, credential)
    assert caught.value.code == "revoked"
    assert "thu hồi" in str(caught.value.message)
    assert AuditEvent.objects.filter(action="document.sign_refused", summary__contains="OCSP").exists()


def test_a_signature_made_before_the_revocation_was_known_is_reported_revoked(
    responder, media_root, commune, commune_leader, revoked_cert, test_ca, trusted_ca, monkeypatch
):
    credential = _credential(commune, commune_leader, revoked_cert, test_ca)
    monkeypatch.setattr(ocsp, "ocsp_status", lambda *a, **k: ocsp.OcspAnswer(ocsp.GOOD))
    doc = _sign(commune, commune_leader, credential)
    monkeypatch.undo()
    report = verification_report(None, doc.file.read())
    assert not report.ok and report.signatures[0].revoked


def test_an_unreachable_responder_is_a_soft_fail_on_record(
    media_root, commune, commune_leader, test_ca, trusted_ca
):
    silent = pki.cert_issue(
        test_ca,
        common_name="Không Ai Trả Lời",
        organisation="UBND Xã Yên Định",
        ocsp_url=f"http://127.0.0.1:{free_port()}",
    )
    doc = _sign(commune, commune_leader, _credential(commune, commune_leader, silent, test_ca))
    assert AuditEvent.objects.filter(action="document.ocsp_unreachable").count() == 1
    report = verification_report(None, doc.file.read())
    assert report.signatures[0].trusted and not report.signatures[0].revoked
    assert any("OCSP" in p for p in report.signatures[0].problems)


def test_an_untrusted_certificate_in_an_uploaded_pdf_makes_no_ocsp_request(
    media_root, commune, commune_leader, test_ca, trusted_ca, monkeypatch
):
    other = pki.ca_create("Untrusted CA")
    stranger = pki.cert_issue(
        other, common_name="Người Lạ", organisation="Không rõ", ocsp_url="http://10.0.0.1/internal"
    )
    credential = credential_create_pkcs12(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="Lạ",
        pkcs12=pki.pkcs12_bytes(stranger, other, PASSPHRASE),
        passphrase=PASSPHRASE,
    )
    monkeypatch.setattr(ocsp, "ocsp_status", lambda *a, **k: ocsp.OcspAnswer(ocsp.GOOD))
    doc = _sign(commune, commune_leader, credential)
    monkeypatch.undo()
    asked = []
    monkeypatch.setattr(ocsp, "_ask", lambda *a, **k: asked.append(a) or ocsp.OcspAnswer(ocsp.GOOD))
    report = verification_report(None, doc.file.read())
    assert not report.signatures[0].trusted and asked == []
