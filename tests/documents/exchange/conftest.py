"""Two agencies for the exchange tests: commune A (Yên Định, the sender) and commune B (Định
Tân) as two tenants of one installation, each with its exchange key from the test CA, and an
issued outgoing document of A (signed by A's leader, numbered and sealed)."""

import pytest

from tests.support.exchange import agency_pkcs12
from tests.support.signing import PASSPHRASE
from xaso.documents.exchange.services import agency_key_set, exchange_send
from xaso.documents.registry.services import document_act, outgoing_create, outgoing_issue, outgoing_sign


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
