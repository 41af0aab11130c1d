"""The staff pages that write the commune's DX news: the list (empty state, then the items), the
form that keeps what was typed when the picture is refused, publishing and withdrawing by a button."""

from django.core.files.uploadedfile import SimpleUploadedFile

from xaso.dx.models import NewsItem, NewsStatus


def test_an_officer_writes_a_draft_then_publishes_and_withdraws_it(client, commune, commune_leader):
    client.force_login(commune_leader)
    assert "Chưa có tin nào." in client.get("/cds/tin/").content.decode()
    response = client.post("/cds/tin/moi/", {"title": "Chợ 4.0", "body": "Thanh toán bằng mã QR."})
    item = NewsItem.objects.get(title="Chợ 4.0")
    assert response.status_code == 302 and response["Location"] == f"/cds/tin/{item.pk}/"
    page = client.get(f"/cds/tin/{item.pk}/").content.decode()
    assert "Bản nháp" in page and "Đăng lên cổng thông tin" in page
    client.post(f"/cds/tin/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED
    page = client.get(f"/cds/tin/{item.pk}/").content.decode()
    assert "Gỡ khỏi cổng thông tin" in page and f"/cds/xa/{commune.code}/tin/{item.pk}/" in page
    client.post(f"/cds/tin/{item.pk}/withdraw/")
    item.refresh_from_db()
    assert item.status == NewsStatus.WITHDRAWN
    assert "Chợ 4.0" in client.get("/cds/tin/").content.decode()


def test_a_refused_picture_keeps_what_was_typed(client, commune, commune_leader):
    client.force_login(commune_leader)
    fake = SimpleUploadedFile("anh.jpg", b"not a picture at all", "image/jpeg")
    response = client.post(
        "/cds/tin/moi/", {"title": "Tin có ảnh hỏng", "body": "Nội dung giữ lại.", "picture": fake}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert 'value="Tin có ảnh hỏng"' in page and "Nội dung giữ lại." in page
    assert "JPEG, PNG" in page
    assert not NewsItem.objects.exists()


def test_an_officer_of_another_commune_cannot_open_or_publish_the_item(
    client, commune, commune_leader, other_officer
):
    client.force_login(commune_leader)
    client.post("/cds/tin/moi/", {"title": "Tin Yên Định", "body": "Nội dung."})
    item = NewsItem.objects.get()
    client.force_login(other_officer)
    assert client.get(f"/cds/tin/{item.pk}/").status_code == 404
    assert client.post(f"/cds/tin/{item.pk}/publish/").status_code == 404
    item.refresh_from_db()
    assert item.status == NewsStatus.DRAFT


def test_a_village_head_is_refused_the_news_pages(client, commune, village_head):
    client.force_login(village_head)
    assert client.get("/cds/tin/").status_code == 403
