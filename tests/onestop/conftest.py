"""Helpers for the one-stop tests: the shipped catalogue is loaded by migration, so the birth
registration (1.001193) is always there."""

from datetime import datetime

import pytest

from tests.payments.conftest import statement_csv
from xaso.core.calendar import LOCAL_TZ
from xaso.documents.signing import pki
from xaso.documents.signing.credentials import credential_create_pkcs12, trust_root_add
from xaso.onestop.models import Procedure
from xaso.onestop.services import dossier_act, dossier_submit, procedures_load
from xaso.payments.services import collection_account_set, statement_import

BIRTH_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "relationship": "me",
    "child_name": "Lê Minh An",
    "child_birth_date": "2026-03-01",
    "child_sex": "M",
    "child_birth_place": "Trạm y tế xã Yên Định",
    "child_ethnicity": "Kinh",
    "mother_name": "Trần Thị Bình",
}

# A Tuesday morning, Vietnamese time: no holiday near it.
TUESDAY_9AM = datetime(2026, 3, 10, 9, 0, tzinfo=LOCAL_TZ)


@pytest.fixture(autouse=True)
def catalogue(request):
    """The catalogue a migration loads; reloaded after a transactional test flushed it."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    if not Procedure.objects.exists():
        procedures_load()


@pytest.fixture
def birth(db):
    return Procedure.objects.get(national_code="1.001193")


@pytest.fixture
def file_birth(citizen, commune, birth):
    """File a birth registration online as the citizen; returns the dossier."""

    def _file(data=None, actor=None):
        return dossier_submit(
            actor=actor or citizen, procedure=birth, commune=commune, data=data or dict(BIRTH_DATA)
        )

    return _file


@pytest.fixture
def walk(one_stop_officer, specialist, commune_leader):
    """Move a dossier along the happy path up to (and including) the named action."""
    steps = [
        ("receive", one_stop_officer, {}),
        ("assign", one_stop_officer, {"assignee": specialist}),
        ("start", specialist, {}),
        ("propose", specialist, {}),
        ("approve", commune_leader, {}),
        ("result_ready", one_stop_officer, {}),
        ("deliver", one_stop_officer, {}),
    ]

    def _walk(dossier, until: str):
        for action, actor, extra in steps:
            dossier = dossier_act(actor=actor, dossier=dossier, action=action, **extra)
            if action == until:
                return dossier
        raise AssertionError(f"no step {until}")

    return _walk


# --- fees (see test_fees.py, test_fee_pages.py) ---------------------------------------------
MARITAL_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "applicant_address": "Thôn Phúc Lộc, xã Yên Định",
    "purpose": "ket_hon",
}


@pytest.fixture
def account(commune, commune_leader):
    return collection_account_set(
        actor=commune_leader,
        commune=commune,
        bank_bin="970405",
        account_number="3600205123456",
        account_name="UBND XA YEN DINH",
    )


@pytest.fixture
def marital(db):
    return Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan")  # 15.000 đồng


@pytest.fixture
def file_marital(citizen, commune, marital):
    def _file():
        return dossier_submit(actor=citizen, procedure=marital, commune=commune, data=dict(MARITAL_DATA))

    return _file


@pytest.fixture
def pay(one_stop_officer):
    """Import a statement with one credit for `request`; returns the statement."""

    def _pay(request, amount, txn="FT1", name="saoke.csv"):
        content = statement_csv([(txn, "01/12/2026", str(amount), f"MBVCB.9.{request.note}")])
        return statement_import(
            actor=one_stop_officer, account=request.account, filename=name, content=content
        )

    return _pay


# --- signed results (see test_signed_results.py, test_signed_result_access.py) --------------
PASSPHRASE = "mat-khau-ky"


@pytest.fixture(scope="module")
def test_ca():
    return pki.ca_create("xaso Test Root CA")


@pytest.fixture
def credential(commune, commune_leader, test_ca, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    trust_root_add(actor=commune_leader, certificate_der=test_ca.cert_der, label="Test CA", is_test=True)
    cert = pki.cert_issue(
        test_ca, common_name="Trịnh Văn Hùng", organisation="UBND Xã Yên Định", title="Chủ tịch"
    )
    return credential_create_pkcs12(
        actor=commune_leader,
        commune=commune,
        holder=commune_leader,
        label="Chữ ký số Chủ tịch",
        position="Chủ tịch",
        pkcs12=pki.pkcs12_bytes(cert, test_ca, PASSPHRASE),
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def approved(file_birth, walk):
    return walk(file_birth(), "approve")
