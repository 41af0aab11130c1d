"""Only published news reaches the public: a draft or a withdrawn item is a 404 on the public
pages and absent from the list and the portal; another commune's item is not found under this one."""

from xaso.dx.services import news


def test_a_draft_and_a_withdrawn_item_are_not_on_the_public_pages(client, commune, commune_leader):
    draft = news.news_create(
        actor=commune_leader, commune=commune, title="Bản nháp bí mật", body="Chưa đăng."
    )
    gone = news.news_create(actor=commune_leader, commune=commune, title="Tin đã gỡ", body="Đã gỡ.")
    news.news_publish(actor=commune_leader, item=gone)
    news.news_withdraw(actor=commune_leader, item=gone)
    for item in (draft, gone):
        assert client.get(f"/cds/xa/{commune.code}/tin/{item.pk}/").status_code == 404
    listing = client.get(f"/cds/xa/{commune.code}/tin/").content.decode()
    portal = client.get(f"/xa/{commune.code}/").content.decode()
    for text in ("Bản nháp bí mật", "Tin đã gỡ"):
        assert text not in listing and text not in portal


def test_a_published_item_is_not_found_under_another_commune(client, commune, other_commune, commune_leader):
    item = news.news_create(actor=commune_leader, commune=commune, title="Tin của Yên Định", body="Nội dung.")
    news.news_publish(actor=commune_leader, item=item)
    assert client.get(f"/cds/xa/{commune.code}/tin/{item.pk}/").status_code == 200
    assert client.get(f"/cds/xa/{other_commune.code}/tin/{item.pk}/").status_code == 404
