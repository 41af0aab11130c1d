"""A USB signing token, played by SoftHSM2 (tests/support/softhsm.py): the key is created outside
xaso and stays on the token; xaso knows the token's label, the key's label and the certificate."""

import pytest

from tests.support.signing import pdfsig
from tests.support.softhsm import LIBRARY, PIN
from xaso.core.errors import Conflict, InvalidInput
from xaso.core.models import AuditEvent
from xaso.documents.models import SignedDocument
from xaso.documents.signing.credentials import credential_create_pkcs11
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def token_credential(softhsm_token, commune, commune_leader, leader_cert, test_ca, trusted_ca):
    return credential_create_pkcs11(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="USB token",
        position="Chủ tịch",
        library=LIBRARY,
        token=softhsm_token,
        key_label="leader",
        certificate_pem=leader_cert.cert_pem,
        chain_pem=test_ca.cert_pem,
    )


def _sign(actor, commune, credential, pin):
    return signed_result_create(
        actor=actor,
        commune=commune,
        title="Ký bằng thiết bị",
        html_or_pdf="<p>Ký bằng USB token</p>",
        credential=credential,
        secret=pin,
    )


def test_a_token_signature_verifies_in_xaso_and_in_poppler(
    media_root, commune, commune_leader, token_credential, tmp_path
):
    pdf = _sign(commune_leader, commune, token_credential, PIN).file.read()
    report = verification_report(commune_leader, pdf)
    assert report.ok
    assert report.signatures[0].signer == "Trịnh Văn Hùng"
    out = pdfsig(pdf, tmp_path)
    assert "Signature is Valid." in out and "Total document signed" in out


def test_a_wrong_pin_is_refused_and_audited(media_root, commune, commune_leader, token_credential):
    with pytest.raises(InvalidInput) as caught:
        _sign(commune_leader, commune, token_credential, "000000")
    assert caught.value.code == "wrong_secret"
    assert SignedDocument.objects.count() == 0
    assert AuditEvent.objects.filter(action="document.sign_refused", summary="wrong secret").exists()


def test_an_unknown_token_is_reported_as_unreachable(media_root, commune, commune_leader, token_credential):
    token_credential.pkcs11_token = "not-plugged-in"
    token_credential.save()
    with pytest.raises(Conflict) as caught:
        _sign(commune_leader, commune, token_credential, PIN)
    assert caught.value.code == "key_unavailable"
