"""A test PKI for every folder that signs: one CA (made once per session: RSA keys are slow),
certificates for the commune's leader and seal, their credentials, and poppler's checks of a
signed PDF. tests/conftest.py loads this module as a plugin, so its fixtures are everywhere."""

import datetime as dt
import subprocess

import pytest

from xaso.documents.signing import pki
from xaso.documents.signing.credentials import credential_create_pkcs12, trust_root_add
from xaso.onestop import hooks as onestop_hooks

PASSPHRASE = "dung-mat-khau"


def pdfsig(pdf: bytes, tmp_path) -> str:
    """poppler's independent check. Exit status 0: every signature is cryptographically valid."""
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def pdftext(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture(scope="session")
def test_ca():
    return pki.ca_create("xaso Test Root CA")


@pytest.fixture(scope="session")
def leader_cert(test_ca):
    return pki.cert_issue(
        test_ca, common_name="Trịnh Văn Hùng", organisation="UBND Xã Yên Định", title="Chủ tịch"
    )


@pytest.fixture(scope="session")
def seal_cert(test_ca):
    return pki.cert_issue(test_ca, common_name="UBND Xã Yên Định", organisation="UBND Xã Yên Định")


@pytest.fixture(scope="session")
def expired_cert(test_ca):
    now = dt.datetime.now(dt.UTC)
    return pki.cert_issue(
        test_ca,
        common_name="Người Hết Hạn",
        organisation="UBND Xã Yên Định",
        not_before=now - dt.timedelta(days=400),
        not_after=now - dt.timedelta(days=30),
    )


@pytest.fixture(scope="session")
def leader_p12(leader_cert, test_ca):
    return pki.pkcs12_bytes(leader_cert, test_ca, PASSPHRASE)


@pytest.fixture(scope="session")
def seal_p12(seal_cert, test_ca):
    return pki.pkcs12_bytes(seal_cert, test_ca, PASSPHRASE)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def trusted_ca(db, test_ca, commune_leader):
    return trust_root_add(
        actor=commune_leader, certificate_der=test_ca.cert_der, label="Test CA", is_test=True
    )


@pytest.fixture
def leader_credential(commune, commune_leader, leader_p12, trusted_ca):
    return credential_create_pkcs12(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="Chữ ký số Chủ tịch",
        position="Chủ tịch",
        pkcs12=leader_p12,
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def seal_credential(commune, commune_leader, seal_p12, trusted_ca):
    return credential_create_pkcs12(
        actor=commune_leader,
        commune=commune,
        holder=None,
        label="Con dấu UBND Xã Yên Định",
        pkcs12=seal_p12,
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def without_register(monkeypatch):
    """A result that does not come from the civil-status register (the register app unplugged
    from onestop's hooks): its paper has the number box, and the clerk's issuance numbers it
    from the outgoing book. With the register, a birth's paper carries the entry's number."""
    monkeypatch.setattr(onestop_hooks, "_approved", [])
    monkeypatch.setattr(onestop_hooks, "_marks", [])
