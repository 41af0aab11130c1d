"""Pictures sent to the commune (QR page images, feedback photos, announcement attachments) are
checked by opening them, stored under a name xaso chose and served with the type xaso found,
`nosniff` and a sandbox CSP; the public sees a light version without EXIF, the staff the original."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.files import PDF, POLYGLOT, image_bytes, jpeg_with_gps, noisy_photo, png_claiming
from xaso.community.models import InfoKind, InfoPage
from xaso.community.services.announcements import announcement_create
from xaso.community.services.feedback import feedback_submit
from xaso.community.services.infopages import info_page_create


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _assert_safe(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"].startswith("inline")


def test_a_png_named_html_is_stored_and_served_as_a_png(client, one_stop_officer, commune):
    page = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.LANE_MAP, title="Bản đồ ngõ",
        image=SimpleUploadedFile("x.html", image_bytes("PNG"), content_type="text/html"),
    )  # fmt: skip
    assert page.image.name.endswith(".png") and "x.html" not in page.image.name
    response = client.get(reverse("community:info_image", args=[commune.code, page.pk]))
    _assert_safe(response, "image/jpeg")  # the public gets the light web version
    original = client.get(reverse("community:info_image", args=[commune.code, page.pk]) + "?goc=1")
    _assert_safe(original, "image/jpeg")  # ?goc=1 is only for the commune's staff


def test_the_staff_get_the_original_picture(login, one_stop_officer, commune):
    page = info_page_create(
        actor=one_stop_officer, commune=commune, kind=InfoKind.LANE_MAP, title="Bản đồ ngõ",
        image=SimpleUploadedFile("map.png", image_bytes("PNG")),
    )  # fmt: skip
    client = login(one_stop_officer)
    response = client.get(reverse("community:info_image", args=[commune.code, page.pk]) + "?goc=1")
    _assert_safe(response, "image/png")


def test_a_page_posing_as_a_picture_is_refused_on_the_form_and_nothing_is_written(
    login, one_stop_officer, commune
):
    client = login(one_stop_officer)
    for name, data in [("map.webp", POLYGLOT), ("map.png", b"<html><script>alert(1)</script>")]:
        response = client.post(
            reverse("community:info_pages"),
            {"kind": InfoKind.LANE_MAP, "title": "Bản đồ", "image": SimpleUploadedFile(name, data)},
        )
        assert response.status_code == 422
        assert "image" in response.context["form"].errors
    assert not InfoPage.objects.exists()


def test_a_decompression_bomb_is_a_form_error_naming_the_image(login, one_stop_officer, commune):
    client = login(one_stop_officer)
    bomb = SimpleUploadedFile("b.png", png_claiming(50_000, 50_000))
    response = client.post(
        reverse("community:info_pages"), {"kind": InfoKind.LANE_MAP, "title": "Bản đồ", "image": bomb}
    )
    assert response.status_code == 422 and "image" in response.context["form"].errors
    assert not InfoPage.objects.exists()


def test_a_public_feedback_photo_shows_no_gps_and_is_light(client, commune, login, one_stop_officer):
    report = feedback_submit(
        actor=None, commune=commune, category="lighting", text="Đèn hỏng.", ip="10.0.0.9",
        photos=[SimpleUploadedFile("a.jpg", jpeg_with_gps()), SimpleUploadedFile("b.jpg", noisy_photo())],
    )  # fmt: skip
    small, big = report.photos.order_by("pk")
    public = client.get(reverse("community:feedback_photo", args=[small.pk]))
    _assert_safe(public, "image/jpeg")
    with Image.open(io.BytesIO(_body(public))) as served:
        assert not served.getexif().get_ifd(0x8825) and not served.getexif()
    board = client.get(reverse("community:feedback_photo", args=[big.pk]) + "?goc=1")
    data = _body(board)
    assert len(data) <= 150 * 1024
    with Image.open(io.BytesIO(data)) as served:
        assert max(served.size) <= 1280
    staff = login(one_stop_officer).get(reverse("community:feedback_photo", args=[big.pk]) + "?goc=1")
    with Image.open(io.BytesIO(_body(staff))) as original:
        assert original.size == (2000, 1500) and not original.getexif()


def test_an_announcement_attachment_is_served_by_its_checked_type(client, one_stop_officer, commune):
    announcement = announcement_create(
        actor=one_stop_officer, commune=commune, title="Lịch tiêm", body="Tiêm chủng.",
        attachments=[SimpleUploadedFile("lich.html", PDF, content_type="text/html")],
    )  # fmt: skip
    attachment = announcement.attachments.get()
    assert attachment.file.name.endswith(".pdf") and attachment.name == "lich.html"
    response = client.get(reverse("community:attachment", args=[attachment.pk]))
    _assert_safe(response, "application/pdf")
