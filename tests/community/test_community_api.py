"""The community API (/api/v1/community): households, announcements with coverage, feedback;
scoped to the caller's commune, errors as problem bodies naming the field."""

import pytest

from tests import factories as f
from tests.support.households import household
from xaso.community.models import FeedbackReport, FeedbackStatus, FeedbackSubscriber, Household
from xaso.community.services.feedback import feedback_answer, feedback_merge, feedback_submit
from xaso.notify.models import Notification

API = "/api/v1/community"


@pytest.fixture
def officer_client(login, one_stop_officer):
    return login(one_stop_officer)


def new_household(commune, village, **extra):
    body = {
        "commune": commune.code,
        "code": "HK-100",
        "village_id": village.pk,
        "head_name": "Nguyễn Văn Đức",
        "head_birth_year": 1968,
        "members": [{"name": "Trần Thị Mai", "birth_year": 1970}],
        "contact_phone": "0912345678",
    }
    return {**body, **extra}


def test_households_are_searched_ignoring_diacritics_and_paginated(officer_client, commune, village):
    for i in range(3):
        household(
            commune, village, f"HK-{i}", head_name=f"Đặng Văn Sơn {i}", search_text=f"hk-{i} dang van son {i}"
        )
    household(commune, village, "HK-9", head_name="Lê Thị Hoa", search_text="hk-9 le thi hoa")
    page = officer_client.get(f"{API}/households?q=Đặng Văn&limit=2").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    rest = officer_client.get(f"{API}/households?q=dang van&limit=2&offset=2").json()
    assert [h["code"] for h in rest["items"]] == ["HK-2"]


def test_a_household_is_created_updated_and_read_back(officer_client, commune, village):
    created = officer_client.post(
        f"{API}/households", new_household(commune, village), content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert (
        body["members"] == [{"name": "Trần Thị Mai", "birth_year": 1970}] and body["head_birth_year"] == 1968
    )
    changed = new_household(commune, village, members=[], head_name="Nguyễn Văn Đức Anh")
    updated = officer_client.put(f"{API}/households/{body['id']}", changed, content_type="application/json")
    assert updated.status_code == 200 and updated.json()["members"] == []
    assert officer_client.get(f"{API}/households/{body['id']}").json()["head_name"] == "Nguyễn Văn Đức Anh"
    assert Household.objects.get().residents.count() == 1


def test_bad_household_input_is_a_problem_naming_the_field(officer_client, commune, village):
    bad_phone = officer_client.post(
        f"{API}/households",
        new_household(commune, village, contact_phone="12345"),
        content_type="application/json",
    )
    assert bad_phone.status_code == 422 and bad_phone["Content-Type"] == "application/problem+json"
    assert bad_phone.json()["errors"][0]["field"] == "contact_phone"
    officer_client.post(f"{API}/households", new_household(commune, village), content_type="application/json")
    taken = officer_client.post(
        f"{API}/households", new_household(commune, village), content_type="application/json"
    )
    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "code"
    member = new_household(commune, village, code="HK-101", members=[{"name": "An", "birth_year": 1500}])
    wrong = officer_client.post(f"{API}/households", member, content_type="application/json")
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"].startswith("members.0")


def test_an_officer_of_another_commune_reaches_no_household(login, other_officer, commune, village):
    found = household(commune, village, "HK-1")
    client = login(other_officer)
    assert client.get(f"{API}/households").json()["count"] == 0
    assert client.get(f"{API}/households/{found.pk}").status_code == 404
    moved = client.post(f"{API}/households", new_household(commune, village), content_type="application/json")
    assert moved.status_code == 403


def test_an_announcement_posted_through_the_api_counts_its_coverage(login, village_head, commune, village):
    household(commune, village, "HK-1")
    household(commune, f.village(commune, "Thôn Đông"), "HK-2")
    client = login(village_head)
    body = {"commune": commune.code, "title": "Họp thôn", "body": "19 giờ", "village_ids": [village.pk]}
    created = client.post(f"{API}/announcements", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["village_ids"] == [village.pk]
    coverage = client.get(f"{API}/announcements/{created.json()['id']}/coverage").json()
    assert (coverage["households"], coverage["reached"]) == (1, 0)
    assert client.get(f"{API}/announcements").json()["count"] == 1


def test_feedback_is_public_rate_limited_and_answered_by_the_commune(
    client, login, one_stop_officer, commune
):
    report = {
        "commune": commune.code,
        "category": "lighting",
        "text": "Đèn đường hỏng",
        "phone": "0912345678",
    }
    codes = [client.post(f"{API}/feedback", report, content_type="application/json") for _ in range(4)]
    assert [r.status_code for r in codes] == [201, 201, 201, 429]
    assert codes[0].json()["tracking_code"].startswith("PA-")
    staff = login(one_stop_officer)
    listed = staff.get(f"{API}/feedback?status=received").json()
    assert listed["count"] == 3
    first = listed["items"][0]["id"]
    answered = staff.post(
        f"{API}/feedback/{first}/answer",
        {"answer": "Đã thay bóng", "resolve": True},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["status"] == FeedbackStatus.RESOLVED
    assert FeedbackReport.objects.get(pk=first).answer == "Đã thay bóng"


def test_feedback_coordinates_out_of_range_are_refused(client, commune):
    body = {"commune": commune.code, "category": "roads", "text": "Ổ gà", "latitude": 123.0}
    refused = client.post(f"{API}/feedback", body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "latitude"


def test_a_report_is_assigned_to_a_named_officer_who_is_told(login, one_stop_officer, village_head, commune):
    report = feedback_submit(actor=None, commune=commune, category="roads", text="Ổ gà")
    client = login(village_head)
    given = client.post(
        f"{API}/feedback/{report.pk}/assign",
        {"officer": one_stop_officer.username},
        content_type="application/json",
    )
    assert given.status_code == 200
    assert (given.json()["assigned_to"], given.json()["status"]) == (one_stop_officer.username, "assigned")
    assert Notification.objects.filter(
        recipient=one_stop_officer, subject__contains=report.tracking_code
    ).exists()
    stranger = f.staff("one_stop_officer", commune_obj=f.commune("15475", "Xã Định Tân", commune.province))
    refused = client.post(
        f"{API}/feedback/{report.pk}/assign", {"officer": stranger.username}, content_type="application/json"
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "officer"


def test_followers_are_told_of_updates_and_follow_a_merge(login, citizen, one_stop_officer, commune):
    report = feedback_submit(actor=None, commune=commune, category="water", text="Cống tắc")
    duplicate = feedback_submit(actor=None, commune=commune, category="water", text="Cống tắc nữa")
    neighbour = login(citizen)
    followed = neighbour.post(f"{API}/feedback/follow/{duplicate.tracking_code}")
    assert followed.json() == {"tracking_code": duplicate.tracking_code, "following": True}
    feedback_merge(actor=one_stop_officer, report=duplicate, into=report)
    feedback_answer(actor=one_stop_officer, report=report, answer="Đã thông cống", resolve=True)
    told = Notification.objects.filter(recipient=citizen).values_list("subject", flat=True)
    assert any(duplicate.tracking_code in s for s in told) and any(report.tracking_code in s for s in told)
    neighbour.delete(f"{API}/feedback/follow/{report.tracking_code}")
    assert not FeedbackSubscriber.objects.filter(user=citizen).exists()


def test_following_needs_a_sign_in(client, commune):
    report = feedback_submit(actor=None, commune=commune, category="water", text="Cống tắc")
    assert client.post(f"{API}/feedback/follow/{report.tracking_code}").status_code == 401
