"""A point needs a kind and a name, a village of its own commune, and a position on the map
given whole (both numbers 0–100) or not at all; a refused form keeps what was typed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories as f
from xaso.community.models import PublicPoint
from xaso.community.services.points import public_point_save
from xaso.core.errors import InvalidInput


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "cafe", "name": "Quán"}, "kind"),
        ({"kind": "wifi", "name": "   "}, "name"),
        ({"kind": "wifi", "name": "Nhà văn hóa", "x_percent": 40}, "y_percent"),
        ({"kind": "wifi", "name": "Nhà văn hóa", "x_percent": 140, "y_percent": 3}, "x_percent"),
    ],
)
def test_bad_points_are_refused_on_their_field(one_stop_officer, commune, data, field):
    with pytest.raises(InvalidInput) as refused:
        public_point_save(actor=one_stop_officer, commune=commune, data=data)
    assert refused.value.field == field


def test_a_village_of_another_commune_is_refused(one_stop_officer, commune, other_commune):
    elsewhere = f.village(other_commune, "Thôn Xa")
    with pytest.raises(InvalidInput) as refused:
        public_point_save(
            actor=one_stop_officer,
            commune=commune,
            data={"kind": "wifi", "name": "NVH", "village": elsewhere},
        )
    assert refused.value.field == "village"


def test_a_half_given_position_keeps_what_was_typed(login, one_stop_officer, commune):
    response = login(one_stop_officer).post(
        reverse("community:points"), {"kind": "wifi", "name": "Nhà văn hóa thôn Đông", "x_percent": "30"}
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Nhập cả hai vị trí trên sơ đồ" in body
    assert 'value="Nhà văn hóa thôn Đông"' in body
    assert not PublicPoint.objects.exists()


def test_a_map_picture_must_be_a_real_picture(login, one_stop_officer, commune):
    response = login(one_stop_officer).post(
        reverse("community:points"),
        {"do": "map", "image": SimpleUploadedFile("map.png", b"not a picture", content_type="image/png")},
    )
    assert response.status_code == 422
