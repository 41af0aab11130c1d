"""The register's API: officers search their commune's entries (a supervisor their province's),
read one with its history; bad input is a problem body; reads are audited; personal ID numbers
are masked."""

import pytest

from tests.civil.conftest import birth_data
from xaso.civil.services.entries import entry_amend
from xaso.core.models import AuditEvent

pytestmark = pytest.mark.django_db
API = "/api/v1/register/entries"


@pytest.fixture
def entries(register, other_commune, system_admin):
    here = register(
        data=birth_data(details={"declarant_name": "Trần Thị Bình", "declarant_personal_id": "038190000123"})
    )
    there = register(
        data=birth_data(name="Lê Minh Ân"), commune=other_commune, actor=system_admin, confirm_duplicates=True
    )
    return here, there


def test_an_officer_searches_their_communes_entries_without_diacritics(entries, login, specialist):
    answer = login(specialist).get(API, {"q": "le minh", "kind": "birth", "year": 2026})
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["name"], item["number"], item["book"], item["kind_label"]) == (
        "Lê Minh An",
        1,
        "01/2026",
        "Khai sinh",
    )
    assert AuditEvent.objects.filter(action="export.register_entries").exists()


def test_a_province_supervisor_reads_the_provinces_entries(
    entries, login, province_supervisor, other_province_supervisor
):
    assert login(province_supervisor).get(API).json()["count"] == 2
    assert login(other_province_supervisor).get(API).json()["count"] == 0


def test_an_entry_with_its_history_and_masked_numbers(entries, login, specialist):
    here, _there = entries
    entry_amend(
        actor=specialist,
        entry=here,
        changes={"place": "Bệnh viện huyện"},
        reason="Cải chính",
        decision="QĐ 12",
    )
    body = login(specialist).get(f"{API}/{here.pk}").json()
    assert body["place"] == "Bệnh viện huyện"
    assert body["history"][0]["changes"] == {"place": ["Trạm y tế xã Yên Định", "Bệnh viện huyện"]}
    assert body["history"][0]["decision"] == "QĐ 12"
    assert "038190000123" not in str(body)


def test_another_communes_entry_is_not_found(entries, login, other_officer):
    here, _there = entries
    answer = login(other_officer).get(f"{API}/{here.pk}")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("query", [{"year": 99999}, {"kind": "adoption"}, {"limit": 0}, {"number": -1}])
def test_bad_input_is_a_problem_body_naming_the_field(entries, login, specialist, query):
    answer = login(specialist).get(API, query)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == next(iter(query))


def test_who_reads_no_register_is_refused(entries, login, citizen, village_head):
    for user in (citizen, village_head):
        assert login(user).get(API).status_code == 403
