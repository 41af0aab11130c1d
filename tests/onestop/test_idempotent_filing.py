"""Filing with an idempotency key: a retry or a double click files one dossier."""

import json

import pytest

from tests import factories as f
from tests.support.dossiers import BIRTH_DATA, attach_required_papers
from tests.support.race import race
from xaso.core.models import IdempotencyKey
from xaso.onestop.models import Dossier, Status
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit_once

pytestmark = pytest.mark.django_db


def file(client, commune, key, data=None):
    body = {"procedure": "1.001193", "commune": commune.code, "data": data or BIRTH_DATA}
    return client.post(
        "/api/v1/dossiers",
        json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_the_same_key_sent_twice_answers_the_same_201_and_files_once(login, citizen, commune):
    client = login(citizen)
    first, second = file(client, commune, "k-1"), file(client, commune, "k-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert Dossier.objects.exclude(status=Status.DRAFT).count() == 1
    row = IdempotencyKey.objects.get()
    assert (row.actor, row.key, row.response["code"]) == (citizen, "k-1", first.json()["code"])
    assert len(row.fingerprint) == 64


def test_the_same_key_with_another_body_is_refused_and_files_nothing(login, citizen, commune):
    client = login(citizen)
    assert file(client, commune, "k-2").status_code == 201
    other = file(client, commune, "k-2", data=dict(BIRTH_DATA, child_name="Lê Minh Châu"))
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["errors"][0]["field"] == "idempotency_key"
    assert Dossier.objects.count() == 1


def test_another_citizen_using_the_same_key_files_their_own(login, citizen, commune):
    neighbour = f.citizen(commune_obj=commune, phone="0912000002")
    a = file(login(citizen), commune, "shared").json()
    b = file(login(neighbour), commune, "shared").json()
    assert a["code"] != b["code"]
    assert Dossier.objects.filter(citizen=neighbour).count() == 1


def test_a_refused_filing_leaves_the_key_free_for_the_corrected_retry(login, citizen, commune):
    client = login(citizen)
    bad = file(client, commune, "k-3", data=dict(BIRTH_DATA, child_sex="X"))
    assert bad.status_code == 422
    assert not IdempotencyKey.objects.exists()
    assert file(client, commune, "k-3").status_code == 201


def test_a_malformed_key_is_a_problem_naming_it(login, citizen, commune):
    response = file(login(citizen), commune, "x" * 256)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "idempotency_key"
    assert not Dossier.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_with_one_key_file_one_dossier(citizen, commune, birth):
    results = race(
        *[
            lambda: dossier_submit_once(
                actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA), key="race"
            )
            for _ in range(4)
        ]
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({r.response["code"] for r in results}) == 1
    assert sorted(r.replayed for r in results) == [False, True, True, True]
    assert Dossier.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_clicking_send_twice_on_the_page_files_once_and_shows_the_dossier(login, citizen, commune, birth):
    client = login(citizen)
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    attach_required_papers(draft, citizen)
    page = client.get(f"/ho-so/nhap/{draft.pk}/3/")
    once = page.context["once"]
    assert f'name="once" value="{once}"' in page.content.decode()
    first = client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "submit", "once": once})
    second = client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "submit", "once": once})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/ho-so/{draft.code}/"
    assert Dossier.objects.count() == 1
