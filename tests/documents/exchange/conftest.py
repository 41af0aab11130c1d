"""Two agencies for the exchange tests: commune A (Yên Định, the sender) and commune B (Định
Tân) as two tenants of one installation, each with its exchange key from the test CA, and an
issued outgoing document of A (signed by A's leader, numbered and sealed)."""

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.conftest import PASSPHRASE
from xaso.documents import envelope
from xaso.documents.exchange import agency_key_set, exchange_send
from xaso.documents.registry.services import document_act, outgoing_create, outgoing_issue, outgoing_sign
from xaso.documents.signing import pki


def agency_pkcs12(test_ca, name: str) -> bytes:
    issued = pki.cert_issue(test_ca, common_name=f"{name} - trao đổi văn bản", organisation=name)
    return pki.pkcs12_bytes(issued, test_ca, PASSPHRASE)


@pytest.fixture(scope="session")
def agency_a_p12(test_ca):
    return agency_pkcs12(test_ca, "UBND Xã Yên Định")


@pytest.fixture(scope="session")
def agency_b_p12(test_ca):
    return agency_pkcs12(test_ca, "UBND Xã Định Tân")


@pytest.fixture
def agency_a(commune, system_admin, agency_a_p12, trusted_ca):
    return agency_key_set(
        actor=system_admin,
        commune=commune,
        code="xa-15469",
        name="UBND Xã Yên Định",
        base_url="http://testserver",
        pkcs12=agency_a_p12,
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def agency_b(other_commune, system_admin, agency_b_p12, trusted_ca):
    return agency_key_set(
        actor=system_admin,
        commune=other_commune,
        code="xa-15475",
        name="UBND Xã Định Tân",
        base_url="http://testserver",
        pkcs12=agency_b_p12,
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def issued(media_root, commune, specialist, commune_leader, clerk, leader_credential, seal_credential):
    doc = outgoing_create(
        actor=specialist,
        commune=commune,
        kind="CV",
        title="Về việc phối hợp tiêm chủng giữa hai xã",
        body="Ủy ban nhân dân xã Yên Định đề nghị xã Định Tân phối hợp tổ chức tiêm chủng.",
        recipients=["UBND Xã Định Tân"],
    )
    doc = document_act(actor=specialist, document=doc, action="submit")
    doc = outgoing_sign(actor=commune_leader, document=doc, credential=leader_credential, secret=PASSPHRASE)
    return outgoing_issue(actor=clerk, document=doc, seal=seal_credential, secret=PASSPHRASE)


@pytest.fixture
def delivery(issued, clerk, agency_a, agency_b):
    """An envelope from A to B, built and signed, not sent yet (tests run no commit hooks)."""
    return exchange_send(actor=clerk, document=issued, recipient=agency_b)


def parts(delivery) -> dict:
    """The three parts of the POST, as the delivery worker sends them."""
    return {
        "envelope": bytes(delivery.envelope),
        "signature": bytes(delivery.signature),
        "pdf": delivery.document.file.open("rb").read(),
    }


def post(client, data: dict):
    files = {name: SimpleUploadedFile(name, value) for name, value in data.items()}
    return client.post("/api/v1/exchange/envelopes", files)


def resign(data: bytes, p12: bytes) -> bytes:
    key, cert, extra = pkcs12.load_key_and_certificates(p12, PASSPHRASE.encode())
    return envelope.cms_sign(data, envelope.AgencyKey(key, cert, list(extra)))
