"""The public news pages of a commune's DX section: a list, newest first, ten to a page, with an
empty state; a detail page with the text and the picture's light version; dates dd/mm/yyyy."""

import io
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.dx.factories import published_news
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.services import news


def test_a_commune_without_news_shows_an_empty_state(client, commune):
    response = client.get(f"/cds/xa/{commune.code}/tin/")
    assert response.status_code == 200
    assert "Xã chưa đăng tin chuyển đổi số nào." in response.content.decode()


def test_an_unknown_commune_is_the_friendly_404(client, db):
    assert client.get("/cds/xa/99999/tin/").status_code == 404


def test_the_list_is_newest_first_and_paginated(client, commune, commune_leader):
    for day in range(1, 13):
        published_news(
            commune_leader, commune, f"Tin ngày {day:02d}", at=datetime(2025, 3, day, 9, tzinfo=LOCAL_TZ)
        )
    first = client.get(f"/cds/xa/{commune.code}/tin/").content.decode()
    assert first.index("Tin ngày 12") < first.index("Tin ngày 03")
    assert "Tin ngày 02" not in first and "12/03/2025" in first
    assert "Trang 1 / 2" in first or "Trang 1 trên 2" in first or 'rel="next"' in first
    second = client.get(f"/cds/xa/{commune.code}/tin/?page=2").content.decode()
    assert "Tin ngày 02" in second and "Tin ngày 01" in second and "Tin ngày 12" not in second
    assert client.get(f"/cds/xa/{commune.code}/tin/?page=nope").status_code == 200


def test_the_detail_page_shows_the_text_and_the_light_picture(client, commune, commune_leader):
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1500), "blue").save(buffer, "PNG")
    item = news.news_create(
        actor=commune_leader,
        commune=commune,
        title="Loa thông minh thôn Phúc Lộc",
        body="Dòng một.\nDòng hai.",
        picture=SimpleUploadedFile("loa.png", buffer.getvalue(), "image/png"),
    )
    news.news_publish(actor=commune_leader, item=item)
    page = client.get(f"/cds/xa/{commune.code}/tin/{item.pk}/").content.decode()
    assert "<h1>Loa thông minh thôn Phúc Lộc</h1>" in page
    assert "Dòng một.<br>Dòng hai." in page
    picture_url = f"/cds/xa/{commune.code}/tin/{item.pk}/anh"
    assert picture_url in page
    picture = client.get(picture_url)
    assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
    assert picture["X-Content-Type-Options"] == "nosniff"
    with Image.open(io.BytesIO(b"".join(picture.streaming_content))) as web:
        assert max(web.size) <= 1280


def test_an_item_without_picture_has_no_picture_address(client, commune, commune_leader):
    item = published_news(commune_leader, commune, "Tin không ảnh")
    assert client.get(f"/cds/xa/{commune.code}/tin/{item.pk}/anh").status_code == 404
