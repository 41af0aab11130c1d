"""A citizen downloads what xaso keeps about them: theirs, and nobody else's."""

import json

import pytest

from tests import factories as f
from tests.support.dossiers import BIRTH_DATA
from xaso.community.models import FeedbackReport, Household, Resident
from xaso.core.models import AuditEvent
from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def birth(db):
    if not Procedure.objects.exists():
        procedures_load()
    return Procedure.objects.get(national_code="1.001193")


def download(client) -> dict:
    response = client.get("/ho-so-ca-nhan/du-lieu.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def test_the_download_holds_the_profile_dossiers_feedback_and_households(
    login, citizen, commune, village, birth
):
    mine = dossier_submit(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    FeedbackReport.objects.create(
        commune=commune,
        category="roads",
        text="Đường hỏng",
        reporter=citizen,
        tracking_code="PA-MINE",
        due_on="2026-12-10",
    )
    home = Household.objects.create(commune=commune, village=village, code="HK-1", head_name="Trần Thị Bình")
    Resident.objects.create(household=home, full_name="Trần Thị Bình", profile=citizen.profile, is_head=True)
    data = download(login(citizen))
    assert data["account"]["profile"]["phone"] == "0912000001"
    assert [d["code"] for d in data["dossiers"]] == [mine.code]
    assert data["dossiers"][0]["timeline"][0]["action"] == "submit"
    assert [r["tracking_code"] for r in data["feedback"]] == ["PA-MINE"]
    assert [h["household"] for h in data["households"]] == ["HK-1"]
    assert AuditEvent.objects.filter(action="personal_data.export", actor=citizen).exists()


def test_the_download_holds_nothing_of_another_citizen(login, citizen, commune, village, birth):
    neighbour = f.citizen(commune_obj=commune, phone="0912000009", full_name="Lê Văn Hàng")
    theirs = dossier_submit(actor=neighbour, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    FeedbackReport.objects.create(
        commune=commune,
        category="roads",
        text="Của người khác",
        reporter=neighbour,
        tracking_code="PA-THEIRS",
        due_on="2026-12-10",
    )
    home = Household.objects.create(commune=commune, village=village, code="HK-2", head_name="Lê Văn Hàng")
    Resident.objects.create(household=home, full_name="Lê Văn Hàng", profile=neighbour.profile, is_head=True)
    text = json.dumps(download(login(citizen)), ensure_ascii=False)
    for secret in (theirs.code, "PA-THEIRS", "HK-2", "Lê Văn Hàng", "0912000009"):
        assert secret not in text


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/ho-so-ca-nhan/du-lieu.json")
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]
