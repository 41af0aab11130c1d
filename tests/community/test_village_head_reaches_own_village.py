"""A village head tied to a village (Membership.village) reads, edits and exports the households
of that village only, by page, API and export; the import takes rows of that village only; an
announcement they publish goes to their village. Officers of the commune still reach every
village (xaso.core.tenancy: the model's village_path)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories as f
from tests.support.households import household
from xaso.accounts.models import Membership
from xaso.community.services.announcements import announcement_create
from xaso.community.services.households import HouseholdData, household_save
from xaso.community.services.importing import households_import
from xaso.core.errors import InvalidInput, NotFound

API = "/api/v1/community"


@pytest.fixture
def village_b(commune):
    return f.village(commune, "Thôn Đông Hải")


@pytest.fixture
def head_of_a(village_head, village):
    Membership.objects.filter(user=village_head).update(village=village)
    village_head.refresh_from_db()
    return village_head


@pytest.fixture
def homes(commune, village, village_b):
    mine = household(commune, village, "HK-A1", head_name="Nguyễn Văn Làng A", search_text="hk-a1")
    theirs = household(commune, village_b, "HK-B1", head_name="Trần Thị Làng B", search_text="hk-b1")
    return mine, theirs


def test_the_household_page_lists_only_the_heads_village(login, head_of_a, homes):
    page = login(head_of_a).get(reverse("community:households")).content.decode()
    assert "HK-A1" in page and "HK-B1" not in page


def test_the_api_lists_reads_and_edits_only_the_heads_village(login, head_of_a, homes, village):
    client = login(head_of_a)
    listed = client.get(f"{API}/households").json()
    assert [h["code"] for h in listed["items"]] == ["HK-A1"]
    mine, theirs = homes
    assert client.get(f"{API}/households/{theirs.pk}").status_code == 404
    body = {"commune": village.commune_id, "code": "HK-B1", "village_id": village.pk, "head_name": "Đổi tên"}
    edited = client.put(f"{API}/households/{theirs.pk}", body, content_type="application/json")
    assert edited.status_code == 404
    assert client.get(f"{API}/households/{mine.pk}").status_code == 200


def test_the_export_holds_only_the_heads_village(login, head_of_a, homes):
    response = login(head_of_a).get(reverse("community:households_export"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    codes = [r[0] for r in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)]
    assert codes == ["HK-A1"]


def test_the_head_cannot_write_a_household_into_another_village(head_of_a, commune, village_b, homes):
    data = HouseholdData(code="HK-NEW", village_id=village_b.pk, head_name="Lê Văn Mới")
    with pytest.raises(InvalidInput) as refused:
        household_save(actor=head_of_a, commune=commune, data=data)
    assert refused.value.field == "village_id"
    _mine, theirs = homes
    with pytest.raises(NotFound):
        household_save(actor=head_of_a, commune=commune, data=data, household=theirs)


def test_an_officer_still_reaches_every_village(login, one_stop_officer, homes):
    listed = login(one_stop_officer).get(f"{API}/households").json()
    assert sorted(h["code"] for h in listed["items"]) == ["HK-A1", "HK-B1"]


def test_the_import_takes_rows_of_the_heads_village_only(head_of_a, commune, village_b, xlsx):
    from tests.support.households import row

    outcome = households_import(
        actor=head_of_a, commune=commune, source=xlsx([row("HK-A2"), row("HK-B2", village="Thôn Đông Hải")])
    )
    assert not outcome.imported and list(outcome.errors) == [3], outcome.errors
    assert "Đông Hải" in outcome.errors[3]


def test_an_announcement_by_the_head_goes_to_their_village(head_of_a, commune, village, village_b):
    sent = announcement_create(actor=head_of_a, commune=commune, title="Họp thôn", body="Tối nay 19h")
    assert list(sent.villages.all()) == [village]
    with pytest.raises(InvalidInput) as refused:
        announcement_create(actor=head_of_a, commune=commune, title="Họp", body="x", villages=[village_b])
    assert refused.value.field == "villages"
