"""A remote signing service speaking the Cloud Signature Consortium API, run on loopback."""

import pytest

from tests.documents.csc_server import CscService
from tests.support.signing import pdfsig
from xaso.core.errors import Conflict, InvalidInput
from xaso.core.models import AuditEvent
from xaso.documents.models import SignedDocument
from xaso.documents.signing.credentials import credential_create_csc
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def csc(leader_cert, test_ca):
    with CscService(issued=leader_cert, ca=test_ca) as service:
        yield service


@pytest.fixture
def remote_credential(csc, commune, commune_leader, trusted_ca):
    return credential_create_csc(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="Ký số từ xa",
        position="Chủ tịch",
        service_url=csc.url,
        credential_id=csc.credential_id,
    )


def _sign(actor, commune, credential, pin):
    return signed_result_create(
        actor=actor,
        commune=commune,
        title="Ký từ xa",
        html_or_pdf="<p>Ký số từ xa</p>",
        credential=credential,
        secret=pin,
    )


def test_the_certificate_is_read_from_the_service(remote_credential, leader_cert):
    assert bytes(remote_credential.certificate_der) == leader_cert.cert_der
    assert remote_credential.is_test


def test_a_remote_signature_verifies_in_xaso_and_in_poppler(
    media_root, csc, commune, commune_leader, remote_credential, tmp_path
):
    pdf = _sign(commune_leader, commune, remote_credential, csc.pin).file.read()
    assert verification_report(commune_leader, pdf).ok
    assert "Signature is Valid." in pdfsig(pdf, tmp_path)
    # The PIN authorised exactly the hash that was then signed (SCAL 2).
    assert csc.calls[-2:] == ["credentials/authorize", "signatures/signHash"]


def test_a_wrong_pin_is_refused_by_the_service(media_root, csc, commune, commune_leader, remote_credential):
    with pytest.raises(InvalidInput) as caught:
        _sign(commune_leader, commune, remote_credential, "0000")
    assert caught.value.code == "wrong_secret"
    assert "signatures/signHash" not in csc.calls
    assert SignedDocument.objects.count() == 0
    assert AuditEvent.objects.filter(action="document.sign_refused", summary="wrong secret").exists()


def test_a_service_that_is_down_is_reported_clearly(
    media_root, csc, commune, commune_leader, remote_credential
):
    csc.stop()
    with pytest.raises(Conflict) as caught:
        _sign(commune_leader, commune, remote_credential, csc.pin)
    assert caught.value.code == "key_unavailable"
    assert SignedDocument.objects.count() == 0


def test_an_unknown_credential_is_not_registered(csc, commune, commune_leader):
    with pytest.raises(InvalidInput) as caught:
        credential_create_csc(
            actor=commune_leader,
            commune=commune,
            holder=commune_leader,
            label="x",
            service_url=csc.url,
            credential_id="nobody",
        )
    assert caught.value.field == "service_url"
