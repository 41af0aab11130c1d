from datetime import date

import pytest

from xaso.core.models import DayOverride, DayOverrideKind

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/due-date"


def test_it_answers_the_due_date_without_signing_in(client):
    response = client.get(URL, {"start": "2026-03-10T09:00", "days": 3})
    assert response.status_code == 200
    assert response.json() == {"due_date": "2026-03-13", "receipt_day": "2026-03-10"}


def test_it_applies_the_three_pm_rule(client):
    response = client.get(URL, {"start": "2026-03-10T15:00", "days": 3})
    assert response.json()["due_date"] == "2026-03-16"


def test_it_counts_across_tet(client):
    response = client.get(URL, {"start": "2026-02-12T16:00", "days": 3})
    assert response.json()["due_date"] == "2026-02-25"


def test_it_honours_a_moved_day_off(client):
    DayOverride.objects.create(date=date(2026, 3, 11), kind=DayOverrideKind.DAY_OFF)
    response = client.get(URL, {"start": "2026-03-10T09:00", "days": 1})
    assert response.json()["due_date"] == "2026-03-12"


def test_it_reads_an_explicit_offset(client):
    response = client.get(URL, {"start": "2026-03-10T08:30+00:00", "days": 0})
    assert response.json()["due_date"] == "2026-03-11"


def test_a_malformed_start_is_a_problem_naming_the_field(client):
    response = client.get(URL, {"start": "10/03/2026", "days": 3})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "start"


def test_days_out_of_range_are_refused(client):
    response = client.get(URL, {"start": "2026-03-10T09:00", "days": -1})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "days"
