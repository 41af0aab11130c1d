from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests import factories as f
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.dx.models import HelpLog
from xaso.dx.services import digital_teams


def test_one_active_team_per_village(commune, commune_leader, village):
    digital_teams.team_create(actor=commune_leader, commune=commune, name="Tổ Phúc Lộc", village=village)
    with pytest.raises(InvalidInput):
        digital_teams.team_create(actor=commune_leader, commune=commune, name="Tổ khác", village=village)


def test_a_team_cannot_use_another_communes_village(commune, other_commune, commune_leader):
    with pytest.raises(InvalidInput):
        digital_teams.team_create(
            actor=commune_leader, commune=commune, name="Tổ", village=f.village(other_commune, "Thôn lạ")
        )


def test_another_communes_officer_cannot_manage_teams(commune, other_officer):
    with pytest.raises(NotAllowed):
        digital_teams.team_create(actor=other_officer, commune=commune, name="Tổ")


def test_members_and_trainings(commune, commune_leader, village):
    team = digital_teams.team_create(actor=commune_leader, commune=commune, name="Tổ", village=village)
    m = digital_teams.team_member_add(
        actor=commune_leader, team=team, full_name="  Lê  Văn   Tư ", phone="0912 345 678"
    )
    assert m.full_name == "Lê Văn Tư" and m.phone == "0912345678"
    with pytest.raises(InvalidInput):
        digital_teams.team_member_add(actor=commune_leader, team=team, full_name="X", phone="12")
    t = digital_teams.training_record(
        actor=commune_leader, commune=commune, held_on=date(2025, 4, 1), topic="VNeID", attendees=[m]
    )
    assert list(t.attendees.all()) == [m]
    with pytest.raises(InvalidInput):
        digital_teams.training_record(
            actor=commune_leader,
            commune=commune,
            held_on=timezone.localdate() + timedelta(days=1),
            topic="X",
            attendees=[],
        )


def test_the_quick_form_logs_help_and_the_same_household_counts_once(commune, village_head, village, login):
    client = login(village_head)
    for action in ("eid", "payment_account"):
        r = client.post(
            "/cds/ho-tro/", {"household": "Hộ ông Lê Văn Tư", "village": village.pk, "action": action}
        )
        assert r.status_code == 302
    logs = HelpLog.objects.filter(commune=commune)
    assert logs.count() == 2 and logs.values("household_key").distinct().count() == 1


def test_the_quick_form_refuses_a_future_date_and_keeps_the_household(commune, village_head, login):
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    r = login(village_head).post(
        "/cds/ho-tro/", {"household": "Hộ bà Mai", "action": "eid", "helped_on": tomorrow}
    )
    assert r.status_code == 422 and "Hộ bà Mai" in r.content.decode()


def test_a_citizen_cannot_log_help(citizen, login):
    assert login(citizen).get("/cds/ho-tro/").status_code == 403


def test_the_teams_page_shows_village_coverage(commune, commune_leader, village, login):
    client = login(commune_leader)
    r = client.post("/cds/to-cds/", {"name": "Tổ Phúc Lộc", "village": village.pk})
    assert r.status_code == 302
    page = client.get("/cds/to-cds/")
    body = page.content.decode()
    assert "1/1 thôn có tổ đang hoạt động" in body and "Tổ Phúc Lộc" in body


def test_team_pages_do_not_leak_another_communes_teams(
    commune, other_commune, commune_leader, other_officer, login
):
    team = digital_teams.team_create(actor=commune_leader, commune=commune, name="Tổ riêng")
    r = login(other_officer).post(f"/cds/to-cds/{team.pk}/thanh-vien/", {"full_name": "Kẻ lạ"})
    assert r.status_code == 404
    assert "Tổ riêng" not in login(other_officer).get("/cds/to-cds/").content.decode()
