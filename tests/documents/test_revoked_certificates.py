"""A certificate its CA revoked (a CRL from XASO_CRL_SOURCES) no longer signs, and the
verification report says a signature made with it cannot be relied on."""

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.core.management import call_command
from django.utils import translation

from tests.support.signing import PASSPHRASE
from xaso.accounts.models import User
from xaso.core.audit import AuditEvent
from xaso.core.errors import Conflict
from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.documents.models import Agency, SigningCredential
from xaso.documents.signing import pki
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


def _crl(tmp_path, ca, *serials) -> str:
    path = tmp_path / "ca.crl"
    crl = pki.crl_create(
        ca, [(serial, dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)) for serial in serials]
    )
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    return str(path)


def _sign(actor, commune, credential, secret=PASSPHRASE):
    return signed_result_create(
        actor=actor,
        commune=commune,
        title="Thử ký",
        html_or_pdf="<p>Thử</p>",
        credential=credential,
        secret=secret,
    )


def test_a_revoked_certificate_is_refused_at_signing_and_audited(
    media_root, commune, commune_leader, leader_credential, leader_cert, test_ca, tmp_path, settings
):
    settings.CRL_SOURCES = [_crl(tmp_path, test_ca, leader_cert.cert.serial_number)]
    with pytest.raises(Conflict) as caught:
        _sign(commune_leader, commune, leader_credential)
    assert caught.value.code == "revoked"
    event = AuditEvent.objects.filter(action="document.sign_refused").latest("seq")
    assert "CRL" in event.summary


def test_a_list_of_other_serials_does_not_stop_signing(
    media_root, commune, commune_leader, leader_credential, seal_cert, test_ca, tmp_path, settings
):
    settings.CRL_SOURCES = [_crl(tmp_path, test_ca, seal_cert.cert.serial_number)]
    assert _sign(commune_leader, commune, leader_credential).code


def test_verification_reports_a_signature_whose_certificate_was_revoked_since(
    media_root, commune, commune_leader, leader_credential, leader_cert, test_ca, tmp_path, settings
):
    pdf = _sign(commune_leader, commune, leader_credential).file.read()
    assert verification_report(None, pdf).ok
    settings.CRL_SOURCES = [_crl(tmp_path, test_ca, leader_cert.cert.serial_number)]
    with translation.override("en"):
        report = verification_report(None, pdf)
    sig = report.signatures[0]
    assert not report.ok and sig.revoked and sig.intact
    assert "The certificate has been revoked." in sig.problems


def test_a_list_not_signed_by_the_issuer_is_ignored(
    media_root, commune, commune_leader, leader_credential, leader_cert, tmp_path, settings
):
    impostor = pki.ca_create("xaso Test Root CA")  # same name, another key
    settings.CRL_SOURCES = [_crl(tmp_path, impostor, leader_cert.cert.serial_number)]
    assert _sign(commune_leader, commune, leader_credential).code


@pytest.fixture
def demo_var(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True
    return tmp_path


def test_the_demo_ca_publishes_a_list_and_revokes_with_the_command(demo_var, settings, capsys):
    call_command("pki", "demo")
    crl = demo_var / "pki" / "demo" / "ca.crl"
    assert crl.exists() and "ca.crl" in capsys.readouterr().out
    agency = Agency.objects.get(commune__isnull=False)
    assert agency.is_ours and agency.is_test
    seal = SigningCredential.objects.get(holder__isnull=True)
    settings.CRL_SOURCES = [str(crl)]
    assert _sign(_leader(), seal.commune, seal, DEMO_PASSPHRASE).code
    serial = format(pki_serial(seal), "x")
    call_command("pki", "revoke", serial)
    with pytest.raises(Conflict):
        _sign(_leader(), seal.commune, seal, DEMO_PASSPHRASE)


def _leader():
    return User.objects.get(username="lanhdao")


def pki_serial(credential) -> int:
    return x509.load_der_x509_certificate(bytes(credential.certificate_der)).serial_number
