import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import image_bytes
from tests.support.households import household
from xaso.community.models import InfoKind, InfoPage
from xaso.community.services.infopages import household_listing, info_page_create, page_url
from xaso.core.errors import InvalidInput

PNG = image_bytes("PNG")


def test_the_poster_qr_decodes_to_the_pages_address(login, one_stop_officer, commune, tmp_path):
    page = info_page_create(
        actor=one_stop_officer,
        commune=commune,
        kind=InfoKind.RELIC,
        title="Đình làng Phúc Lộc",
        body="Xây năm 1890.",
    )
    response = login(one_stop_officer).get(reverse("community:info_poster", args=[page.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(tmp_path / "poster")], check=True
    )
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(tmp_path / "poster.png")], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert decoded == page_url(page)
    assert decoded.endswith(f"/cong-dong/xa/{commune.code}/trang/{page.pk}/")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Đình làng Phúc Lộc" in text
    assert "A4" in subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_the_public_page_counts_its_views(client, one_stop_officer, commune):
    page = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.SCHOOL, title="Trường Tiểu học"
    )
    url = reverse("community:info_page", args=[commune.code, page.pk])
    client.get(url)
    body = client.get(url).content.decode()
    page.refresh_from_db()
    assert page.view_count == 2
    assert "Trường Tiểu học" in body


def test_a_page_is_not_found_under_another_commune(client, one_stop_officer, commune, other_commune):
    page = info_page_create(actor=one_stop_officer, commune=commune, kind=InfoKind.CLINIC, title="Trạm y tế")
    assert client.get(reverse("community:info_page", args=[other_commune.code, page.pk])).status_code == 404


def test_a_cultural_house_shows_its_wifi_and_a_guide_links_the_catalogue(client, one_stop_officer, commune):
    house = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.CULTURAL_HOUSE, title="Nhà văn hóa thôn",
        wifi_name="NVH-PhucLoc", wifi_password="miễnphí",
    )  # fmt: skip
    guide = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.PROCEDURE_GUIDE, title="Đăng ký khai sinh",
        procedure_code="1.001193",
    )  # fmt: skip
    assert (
        "NVH-PhucLoc"
        in client.get(reverse("community:info_page", args=[commune.code, house.pk])).content.decode()
    )
    guide_page = client.get(reverse("community:info_page", args=[commune.code, guide.pk])).content.decode()
    assert "/thu-tuc/?q=1.001193" in guide_page


def test_a_lane_map_needs_a_real_image(one_stop_officer, commune):
    with pytest.raises(InvalidInput):
        info_page_create(actor=one_stop_officer, commune=commune, kind=InfoKind.LANE_MAP, title="Bản đồ ngõ")
    with pytest.raises(InvalidInput):
        info_page_create(
            actor=one_stop_officer, commune=commune, kind=InfoKind.LANE_MAP, title="Bản đồ ngõ",
            image=SimpleUploadedFile("map.png", b"%PDF-1.4 not an image"),
        )  # fmt: skip
    page = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.LANE_MAP, title="Bản đồ ngõ",
        image=SimpleUploadedFile("map.png", PNG),
    )  # fmt: skip
    assert page.image


def test_a_household_list_is_withheld_unless_every_household_consented(
    client, one_stop_officer, commune, village
):
    household(
        commune, village, "HK-1", head_name="Nguyễn Văn An", public_name=True, contact_phone="0912000001"
    )
    late = household(commune, village, "HK-2", head_name="Trần Văn Bảo", public_name=False)
    page = info_page_create(
        actor=one_stop_officer,
        commune=commune,
        kind=InfoKind.HOUSEHOLD_LIST,
        title="Danh sách hộ",
        village=village,
    )
    listing = household_listing(page)
    assert (listing.published, listing.withheld, listing.rows) == (False, 1, [])
    body = client.get(reverse("community:info_page", args=[commune.code, page.pk])).content.decode()
    assert "Nguyễn Văn An" not in body and "0912000001" not in body
    late.public_name = True
    late.save()
    body = client.get(reverse("community:info_page", args=[commune.code, page.pk])).content.decode()
    assert "Nguyễn Văn An" in body and "Trần Văn Bảo" in body
    assert "0912000001" not in body  # the phone is shown only where its household agreed


def test_a_consented_phone_is_shown(one_stop_officer, commune, village):
    household(
        commune,
        village,
        "HK-1",
        head_name="An",
        public_name=True,
        public_phone=True,
        contact_phone="0912000001",
    )
    page = info_page_create(
        actor=one_stop_officer,
        commune=commune,
        kind=InfoKind.HOUSEHOLD_LIST,
        title="Danh sách hộ",
        village=village,
    )
    assert household_listing(page).rows[0].phone == "0912000001"


def test_the_staff_page_publishes_and_another_commune_gets_no_poster(
    login, one_stop_officer, other_officer, commune
):
    client = login(one_stop_officer)
    response = client.post(reverse("community:info_pages"), {"kind": "history", "title": "Lịch sử xã"})
    page = InfoPage.objects.get()
    assert response["Location"] == reverse("community:info_page", args=[commune.code, page.pk])
    assert login(other_officer).get(reverse("community:info_poster", args=[page.pk])).status_code == 404


def test_a_citizen_cannot_publish_pages(login, citizen):
    assert login(citizen).get(reverse("community:info_pages")).status_code == 403
