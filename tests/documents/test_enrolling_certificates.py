"""Enrolling the certificates a commune really holds: a leader their own (a PKCS#12 file, a USB
token, a remote signing account), the clerk the commune's seal. The secret is checked, never
kept; bad input is refused with a message naming the field, nothing is stored, and it is audited."""

import datetime as dt
import http.server
import threading

import pytest

from tests.documents.csc_server import CscService
from tests.support.signing import PASSPHRASE
from tests.support.softhsm import KEY_LABEL, LIBRARY, PIN
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.documents.models import KeySourceKind, SigningCredential
from xaso.documents.signing import pki
from xaso.documents.signing.credentials import trust_root_add
from xaso.documents.signing.enrolment import (
    credential_enrol_pkcs12,
    credential_enrol_remote,
    credential_enrol_token,
    remote_credentials_list,
)
from xaso.documents.signing.services import signed_result_create


def _refusals():
    return AuditEvent.objects.filter(action="signing_credential.enrol_refused")


def _p12(commune, actor, data, passphrase=PASSPHRASE, seal=False):
    return credential_enrol_pkcs12(
        actor=actor,
        commune=commune,
        seal=seal,
        label="Chữ ký số",
        position="Chủ tịch",
        pkcs12=data,
        passphrase=passphrase,
    )


def test_a_leader_enrols_a_pkcs12_file_kept_encrypted_without_its_passphrase(
    media_root, commune, commune_leader, leader_p12, trusted_ca
):
    credential = _p12(commune, commune_leader, leader_p12)
    assert credential.holder == commune_leader and credential.source == KeySourceKind.PKCS12
    assert bytes(credential.pkcs12) == leader_p12
    assert PASSPHRASE.encode() not in bytes(credential.pkcs12)
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Thử",
        html_or_pdf="<p>Thử</p>",
        credential=credential,
        secret=PASSPHRASE,
    )
    assert doc.code


def test_the_clerk_enrols_the_seal_but_not_a_personal_certificate(
    commune, clerk, seal_p12, leader_p12, trusted_ca
):
    seal = _p12(commune, clerk, seal_p12, seal=True)
    assert seal.is_seal
    with pytest.raises(NotAllowed):
        _p12(commune, clerk, leader_p12)


def test_an_officer_of_another_commune_cannot_enrol_here(commune, other_officer, seal_p12, trusted_ca):
    with pytest.raises(NotAllowed):
        _p12(commune, other_officer, seal_p12, seal=True)


def test_a_file_that_is_not_pkcs12_is_refused_and_audited(commune, commune_leader, trusted_ca):
    with pytest.raises(InvalidInput) as caught:
        _p12(commune, commune_leader, b"%PDF-1.7 not a certificate")
    assert caught.value.field == "pkcs12"
    assert not SigningCredential.objects.exists()
    assert _refusals().count() == 1


def test_a_wrong_passphrase_is_refused_and_audited(commune, commune_leader, leader_p12, trusted_ca):
    with pytest.raises(InvalidInput) as caught:
        _p12(commune, commune_leader, leader_p12, passphrase="sai")
    assert caught.value.field == "passphrase"
    assert not SigningCredential.objects.exists()
    assert _refusals().count() == 1


def test_a_certificate_of_an_untrusted_ca_is_refused(commune, commune_leader, leader_p12):
    with pytest.raises(InvalidInput) as caught:
        _p12(commune, commune_leader, leader_p12)
    assert caught.value.code == "untrusted"


def test_an_expired_certificate_is_refused(commune, commune_leader, expired_cert, test_ca, trusted_ca):
    data = pki.pkcs12_bytes(expired_cert, test_ca, PASSPHRASE)
    with pytest.raises(InvalidInput) as caught:
        _p12(commune, commune_leader, data)
    assert caught.value.code == "expired"


def test_an_intermediate_ca_installed_as_trusted_lets_its_certificates_in(commune, commune_leader, db):
    now = dt.datetime.now(dt.UTC)
    other = pki.ca_create("Another Root", now=now)
    person = pki.cert_issue(other, common_name="Lê Văn An", organisation="UBND Xã Yên Định")
    with pytest.raises(InvalidInput):
        _p12(commune, commune_leader, pki.pkcs12_bytes(person, other, PASSPHRASE))
    trust_root_add(actor=commune_leader, certificate_der=other.cert_der, label="Another")
    assert _p12(commune, commune_leader, pki.pkcs12_bytes(person, other, PASSPHRASE)).pk


# --- a USB token ---------------------------------------------------------------------------


def _token(commune, actor, pin=PIN, token=None, key_label=KEY_LABEL):
    return credential_enrol_token(
        actor=actor,
        commune=commune,
        seal=False,
        label="USB token",
        position="Chủ tịch",
        token_label=token,
        key_label=key_label,
        pin=pin,
    )


def test_a_leader_enrols_a_usb_token_and_signs_with_it(
    settings, media_root, softhsm_token, commune, commune_leader, trusted_ca
):
    settings.PKCS11_MODULE = LIBRARY
    credential = _token(commune, commune_leader, token=softhsm_token)
    assert credential.source == KeySourceKind.PKCS11 and credential.pkcs11_key_label == KEY_LABEL
    assert "Trịnh Văn Hùng" in credential.subject
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Ký bằng USB token",
        html_or_pdf="<p>Thử</p>",
        credential=credential,
        secret=PIN,
    )
    assert doc.code


def test_a_wrong_pin_is_refused_at_enrolment(settings, softhsm_token, commune, commune_leader, trusted_ca):
    settings.PKCS11_MODULE = LIBRARY
    with pytest.raises(InvalidInput) as caught:
        _token(commune, commune_leader, pin="000000", token=softhsm_token)
    assert caught.value.field == "pin"
    assert not SigningCredential.objects.exists()
    assert _refusals().count() == 1


def test_a_token_that_does_not_answer_is_refused(
    settings, softhsm_token, commune, commune_leader, trusted_ca
):
    settings.PKCS11_MODULE = LIBRARY
    with pytest.raises(InvalidInput) as caught:
        _token(commune, commune_leader, token="khong-cam")
    assert caught.value.code == "key_unavailable"
    assert not SigningCredential.objects.exists()


def test_a_key_name_the_token_does_not_hold_is_refused(
    settings, softhsm_token, commune, commune_leader, trusted_ca
):
    settings.PKCS11_MODULE = LIBRARY
    with pytest.raises(InvalidInput) as caught:
        _token(commune, commune_leader, token=softhsm_token, key_label="khac")
    assert caught.value.field == "key_label"


def test_without_a_configured_module_no_token_is_enrolled(settings, commune, commune_leader, trusted_ca):
    settings.PKCS11_MODULE = ""
    with pytest.raises(InvalidInput) as caught:
        _token(commune, commune_leader, token="xaso-test-token")
    assert caught.value.code == "no_module"


# --- a remote signing account ----------------------------------------------------------------


@pytest.fixture
def csc(leader_cert, test_ca):
    with CscService(issued=leader_cert, ca=test_ca) as service:
        yield service


def test_a_leader_enrols_a_remote_account_listed_by_the_service(
    media_root, csc, commune, commune_leader, trusted_ca
):
    assert remote_credentials_list(service_url=csc.url) == [csc.credential_id]
    credential = credential_enrol_remote(
        actor=commune_leader,
        commune=commune,
        seal=False,
        label="Ký số từ xa",
        service_url=csc.url,
        credential_id=csc.credential_id,
    )
    assert credential.source == KeySourceKind.CSC
    assert csc.calls[1:3] == ["credentials/list", "credentials/info"]
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Ký từ xa",
        html_or_pdf="<p>Thử</p>",
        credential=credential,
        secret=csc.pin,
    )
    assert doc.code


def test_a_credential_the_service_does_not_list_is_refused(csc, commune, commune_leader, trusted_ca):
    with pytest.raises(InvalidInput) as caught:
        credential_enrol_remote(
            actor=commune_leader,
            commune=commune,
            seal=False,
            label="Ký số từ xa",
            service_url=csc.url,
            credential_id="khong-co",
        )
    assert caught.value.field == "credential_id"


class _Silent(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.server.release.wait(10)  # answers nothing before the client gives up

    def log_message(self, *args):
        pass


def test_a_service_that_times_out_is_refused_and_audited(settings, commune, commune_leader, trusted_ca):
    settings.SIGNING_SERVICE_TIMEOUT_SECONDS = 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Silent)
    server.release = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(InvalidInput) as caught:
            credential_enrol_remote(
                actor=commune_leader,
                commune=commune,
                seal=False,
                label="Ký số từ xa",
                service_url=f"http://127.0.0.1:{server.server_address[1]}",
                credential_id="x",
            )
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
    assert caught.value.code == "key_unavailable"
    assert not SigningCredential.objects.exists()
    assert _refusals().count() == 1
