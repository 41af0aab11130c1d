"""The portal lists the commune's QR information pages under their kind (history, relics,
cultural houses…), each linking to its page; without any page the section is left out."""

from django.urls import reverse

from xaso.community.models import InfoKind
from xaso.community.services.infopages import info_page_create


def test_pages_are_grouped_by_kind_and_linked(client, one_stop_officer, commune):
    relic = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.RELIC, title="Đình Phúc Lộc"
    )
    history = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.HISTORY, title="Lịch sử làng Yên Định"
    )
    house = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.CULTURAL_HOUSE, title="Nhà văn hóa thôn Đông"
    )
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert "Giới thiệu về xã" in body
    for page in (relic, history, house):
        assert reverse("community:info_page", args=[commune.code, page.pk]) in body
    # Under their kinds' headings, in the order of the kinds (history, relic, …, cultural house).
    assert (
        body.index("<h3>Lịch sử địa phương</h3>")
        < body.index("Lịch sử làng Yên Định")
        < body.index("Đình Phúc Lộc")
        < body.index("Nhà văn hóa thôn Đông")
    )


def test_without_pages_the_section_is_left_out(client, commune):
    assert 'id="p-info"' not in client.get(f"/xa/{commune.code}/").content.decode()
