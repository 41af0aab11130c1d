"""The requests that answered 500 when the platform was attacked (and those the fuzz suite,
tests/security/test_no_url_answers_5xx.py, found next): dates at the edges of the calendar,
integers past 64 bits and unbounded offsets now answer a 4xx naming the field, or a 404 for an
id no row can have."""

import pytest
from django.urls import reverse

from xaso.community.models import Announcement

pytestmark = pytest.mark.django_db

HUGE = str(2**64)


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json().get("errors", [])]


@pytest.mark.parametrize("start", ["9999-12-31T23:00", "0001-01-01T00:00+14:00"])
def test_the_due_date_refuses_a_start_at_the_edge_of_the_calendar(client, start):
    response = client.get("/api/v1/calendar/due-date", {"start": start, "days": 365})
    assert response.status_code == 422
    assert _fields(response) == ["start"]


@pytest.mark.parametrize("url", ["/mot-cua/bao-cao/", "/mot-cua/bao-cao.xlsx"])
@pytest.mark.parametrize("edge", [{"tu": "01/01/0001"}, {"den": "31/12/9999"}])
def test_the_one_stop_report_refuses_a_date_at_the_edge_of_the_calendar(login, commune_leader, url, edge):
    response = login(commune_leader).get(url, edge)
    assert response.status_code == 422
    assert "1900" in response.content.decode()


def test_the_radio_playlist_of_a_cluster_past_64_bits_is_not_found(client):
    # Anonymous: receivers sign in with a token in the query, and the id went to raw SQL.
    for suffix in ("playlist.json", "playlist.m3u"):
        assert client.get(f"/cong-dong/radio/cum/{HUGE}/{suffix}", {"token": "x"}).status_code == 404


@pytest.mark.parametrize("name", ["assignee", "village"])
def test_the_queue_ignores_a_filter_id_past_64_bits(login, one_stop_officer, name):
    assert login(one_stop_officer).get("/mot-cua/ho-so/", {name: HUGE}).status_code == 200


def test_the_payments_api_refuses_an_offset_past_its_bound(login, one_stop_officer):
    response = login(one_stop_officer).get("/api/v1/payments/requests", {"offset": HUGE})
    assert response.status_code == 422
    assert _fields(response) == ["offset"]


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/places/villages/{HUGE}",
        f"/api/v1/citizens/{HUGE}",
        f"/api/v1/payments/requests/{HUGE}",
        f"/api/v1/dx/assessments/{HUGE}",
        f"/api/v1/dx/sets/{HUGE}/ranking",
    ],
)
def test_an_api_id_past_64_bits_is_refused(login, system_admin, url):
    assert login(system_admin).get(url).status_code == 422


def test_an_announcement_through_the_api_refuses_a_publish_time_in_year_9999(
    login, one_stop_officer, commune
):
    body = {"commune": commune.code, "title": "Họp", "body": "B", "publish_at": "9999-12-31T23:59:59+07:00"}
    response = login(one_stop_officer).post(
        "/api/v1/community/announcements", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert _fields(response) == ["publish_at"]
    assert not Announcement.objects.exists()


def test_the_announcement_form_refuses_an_expiry_in_year_9999(login, one_stop_officer):
    response = login(one_stop_officer).post(
        reverse("community:announcement_new"),
        {"title": "Họp", "body": "B", "urgency": "normal", "expires_at": "31/12/9999 23:59"},
    )
    assert response.status_code == 422
    assert not Announcement.objects.exists()


def test_the_household_list_ignores_a_village_id_past_64_bits(login, one_stop_officer):
    # Found by tests/security/test_no_url_answers_5xx.py: the id went to the database unbounded.
    assert login(one_stop_officer).get("/cong-dong/ho-gia-dinh/", {"village": "1" * 40}).status_code == 200
