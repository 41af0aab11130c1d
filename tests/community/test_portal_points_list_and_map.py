"""The portal lists the commune's free wifi and digital-support points with a small map drawn
without external tiles: a schematic of the villages, or the picture the commune uploaded (served
by the site, 200) with the points at their positions. No point: the section is left out, and
the points page says so."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import image_bytes
from xaso.community.services.points import point_map_upload, public_point_save


def _add(actor, commune, **data):
    return public_point_save(actor=actor, commune=commune, data=data)


def test_points_are_listed_and_drawn_in_their_villages(client, one_stop_officer, commune, village):
    _add(
        one_stop_officer,
        commune,
        kind="wifi",
        name="NVH thôn Phúc Lộc",
        village=village,
        opening_hours="7:00–21:00",
    )
    _add(one_stop_officer, commune, kind="digital_support", name="Tổ CĐS tại UBND xã")
    body = client.get(f"/xa/{commune.code}/").content.decode()
    section = body[body.index('id="p-points"') :]
    assert "NVH thôn Phúc Lộc" in section and "7:00–21:00" in section and "Tổ CĐS tại UBND xã" in section
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert "Thôn Phúc Lộc" in svg  # the village's box
    assert svg.count("<circle") == 1 and svg.count('rx="2"') == 1  # one wifi, one support marker
    assert "<image" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # Coordinates are plain numbers whatever the language (never "12,5").
    assert not re.search(r'c[xy]="\d+,\d', svg)
    assert reverse("community:public_points", args=[commune.code]) in section


def test_an_uploaded_map_is_served_and_the_points_sit_at_their_positions(client, one_stop_officer, commune):
    point_map_upload(
        actor=one_stop_officer,
        commune=commune,
        image=SimpleUploadedFile("ban-do.png", image_bytes("PNG", size=(400, 200)), content_type="image/png"),
    )
    _add(one_stop_officer, commune, kind="wifi", name="NVH", x_percent=50, y_percent=50)
    _add(one_stop_officer, commune, kind="wifi", name="Chưa đặt")
    body = client.get(f"/xa/{commune.code}/").content.decode()
    image_url = reverse("community:point_map_image", args=[commune.code])
    assert f'href="{image_url}"' in body
    assert 'cx="150" cy="75"' in body  # the middle of a 300 × 150 drawing
    assert "1 điểm chưa được đặt trên sơ đồ" in body
    picture = client.get(image_url)
    assert picture.status_code == 200 and picture["Content-Type"].startswith("image/")


def test_without_points_the_section_is_left_out_and_the_page_says_so(client, commune):
    assert 'id="p-points"' not in client.get(f"/xa/{commune.code}/").content.decode()
    page = client.get(reverse("community:public_points", args=[commune.code])).content.decode()
    assert "Xã chưa công bố điểm wifi hay điểm hỗ trợ số nào." in page
    assert client.get(reverse("community:point_map_image", args=[commune.code])).status_code == 404
