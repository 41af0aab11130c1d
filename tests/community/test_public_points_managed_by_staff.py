"""The staff who manage the commune's information pages keep its wifi and digital-support
points: add, change, remove, each audited; an officer of another commune reaches none of them."""

import pytest
from django.urls import reverse

from xaso.community.models import PointKind, PublicPoint
from xaso.community.services.points import public_point_save
from xaso.core.errors import NotAllowed
from xaso.core.models import AuditEvent


def _point(actor, commune, **data):
    return public_point_save(
        actor=actor,
        commune=commune,
        data={"kind": PointKind.WIFI, "name": "Nhà văn hóa thôn Phúc Lộc", **data},
    )


def test_an_officer_adds_a_point_from_the_page_and_it_is_audited(login, one_stop_officer, commune, village):
    client = login(one_stop_officer)
    response = client.post(
        reverse("community:points"),
        {
            "kind": "wifi",
            "name": "  Nhà văn hóa   thôn Phúc Lộc ",
            "village": village.pk,
            "address": "Đội 3",
            "opening_hours": "7:30–21:00",
            "x_percent": "40",
            "y_percent": "55",
        },
    )
    assert response.status_code == 302
    point = PublicPoint.objects.get()
    assert (point.commune, point.village, point.name, point.x_percent, point.y_percent) == (
        commune,
        village,
        "Nhà văn hóa thôn Phúc Lộc",
        40,
        55,
    )
    event = AuditEvent.objects.get(action="public_point.create")
    assert event.commune_code == commune.code and event.target_id == str(point.pk)
    assert (
        reverse("community:point", args=[point.pk])
        in client.get(reverse("community:points")).content.decode()
    )


def test_changing_and_removing_a_point_are_audited(login, one_stop_officer, commune):
    point = _point(one_stop_officer, commune)
    client = login(one_stop_officer)
    response = client.post(
        reverse("community:point", args=[point.pk]),
        {"kind": "digital_support", "name": "Điểm hỗ trợ số UBND xã", "opening_hours": "Sáng thứ 7"},
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.kind, point.name) == ("digital_support", "Điểm hỗ trợ số UBND xã")
    changed = AuditEvent.objects.get(action="public_point.update")
    assert changed.changes["kind"] == ["wifi", "digital_support"]
    assert client.post(reverse("community:point_delete", args=[point.pk])).status_code == 302
    assert not PublicPoint.objects.exists()
    assert AuditEvent.objects.filter(action="public_point.delete", target_id=str(point.pk)).exists()


def test_an_officer_of_another_commune_reaches_none_of_its_points(
    login, one_stop_officer, other_officer, commune
):
    point = _point(one_stop_officer, commune)
    client = login(other_officer)
    assert client.get(reverse("community:point", args=[point.pk])).status_code == 404
    assert client.post(reverse("community:point_delete", args=[point.pk])).status_code == 404
    assert (
        reverse("community:point", args=[point.pk])
        not in client.get(reverse("community:points")).content.decode()
    )
    with pytest.raises(NotAllowed):
        public_point_save(actor=other_officer, commune=commune, data={"kind": "wifi", "name": "Lấn sang"})
    assert PublicPoint.objects.count() == 1


def test_a_citizen_cannot_manage_points(login, citizen, commune):
    assert login(citizen).get(reverse("community:points")).status_code == 403
