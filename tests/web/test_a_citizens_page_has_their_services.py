"""A signed-in citizen lands on cards for their commune's services: file online, my dossiers,
look up, feedback, the village's announcements, notifications (with the unread count) and
their information."""

from tests import factories as f
from xaso.core.visitor import COMMUNE_COOKIE
from xaso.notify.services import notify_send

CARDS = [
    "Nộp hồ sơ trực tuyến",
    "Hồ sơ của tôi",
    "Tra cứu hồ sơ",
    "Phản ánh, kiến nghị",
    "Thông báo của thôn",
    "Thông báo cho tôi",
    "Thông tin của tôi",
]


def test_a_citizen_sees_every_card_pointing_to_their_commune(login, citizen, commune):
    body = login(citizen).get("/bang-dieu-khien/").content.decode()
    for title in CARDS:
        assert f"{title}</a></h2>" in body, title
    for href in (
        f"/thu-tuc/?xa={commune.code}",
        "/ho-so/cua-toi/",
        "/tra-cuu/",
        f"/cong-dong/xa/{commune.code}/phan-anh/gui/",
        f"/cong-dong/xa/{commune.code}/thong-bao/",
        "/thong-bao/",
        "/ho-so-ca-nhan/",
    ):
        assert f'href="{href}"' in body, href


def test_the_notifications_card_counts_the_unread(login, citizen, commune):
    assert "Không có thông báo chưa đọc" in login(citizen).get("/bang-dieu-khien/").content.decode()
    for n in range(3):
        notify_send(recipient=citizen, subject=f"S{n}", body="B", channels=["inapp"])
    assert "<strong>3 chưa đọc</strong>" in login(citizen).get("/bang-dieu-khien/").content.decode()


def test_a_citizen_without_a_commune_is_asked_to_choose_one(login, db):
    body = login(f.citizen()).get("/bang-dieu-khien/").content.decode()
    assert "Chọn xã của bạn" in body and "/phan-anh/gui/" not in body


def test_without_a_commune_on_the_profile_the_one_they_opened_is_used(client, login, other_commune):
    client.cookies[COMMUNE_COOKIE] = other_commune.code
    body = login(f.citizen()).get("/bang-dieu-khien/").content.decode()
    assert f'href="/cong-dong/xa/{other_commune.code}/phan-anh/gui/"' in body


def test_staff_do_not_get_the_citizen_cards(login, one_stop_officer):
    body = login(one_stop_officer).get("/bang-dieu-khien/").content.decode()
    assert "Nộp hồ sơ trực tuyến" not in body
