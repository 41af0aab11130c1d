"""One checker for every upload: the type is decided by opening the file, pictures are written
again (no EXIF, no GPS, nothing appended), PDFs must parse, bombs are refused naming the field."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.files import (
    FAKE_PDF,
    HTML,
    PDF,
    POLYGLOT,
    image_bytes,
    jpeg_with_gps,
    noisy_photo,
    png_claiming,
)
from xaso.core.errors import InvalidInput
from xaso.core.uploads import IMAGE, OFFICE, file_check
from xaso.core.uploads import PDF as PDF_KIND


def _upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_it_refuses_a_webp_header_followed_by_a_page():
    with pytest.raises(InvalidInput) as refused:
        file_check(_upload("anh.webp", POLYGLOT, "image/webp"), field="image")
    assert refused.value.field == "image"


def test_it_refuses_a_page_named_as_a_picture():
    with pytest.raises(InvalidInput) as refused:
        file_check(_upload("anh.png", HTML), field="photos")
    assert refused.value.field == "photos"


def test_it_stores_a_real_png_named_html_as_a_png_under_a_random_name():
    checked = file_check(_upload("x.html", image_bytes("PNG"), "text/html"), field="image")
    stored = checked.content()
    assert checked.content_type == "image/png"
    assert re.fullmatch(r"[0-9a-f]{32}\.png", stored.name)
    assert checked.original_name == "x.html"


def test_it_keeps_only_the_base_of_the_uploaders_name():
    checked = file_check(_upload("../../etc/a.png", image_bytes("PNG")), field="image")
    assert checked.original_name == "a.png"


def test_it_writes_a_phone_photo_again_without_its_exif_or_gps():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    checked = file_check(_upload("photo.jpg", original, "image/jpeg"), field="photos", web_version=True)
    for data in (checked.data, checked.web):
        with Image.open(io.BytesIO(data)) as clean:
            assert not clean.getexif() and not clean.getexif().get_ifd(0x8825)
            assert "exif" not in clean.info
    assert b"PhoneMaker" not in checked.data


def test_it_drops_whatever_is_appended_after_a_picture():
    checked = file_check(_upload("a.png", image_bytes("PNG") + HTML), field="image")
    assert b"<script>" not in checked.data


def test_it_refuses_a_picture_whose_header_claims_billions_of_pixels_naming_the_field():
    with pytest.raises(InvalidInput) as refused:
        file_check(_upload("bomb.png", png_claiming(50_000, 50_000)), field="image")
    assert refused.value.field == "image" and refused.value.status == 422


def test_it_refuses_a_picture_over_the_pixel_budget(settings):
    settings.UPLOAD_MAX_PIXELS = 1_000_000
    with pytest.raises(InvalidInput) as refused:
        file_check(_upload("big.png", png_claiming(1001, 1000)), field="photo")
    assert refused.value.field == "photo" and refused.value.code == "too_large"


def test_it_accepts_a_pdf_that_parses_as_it_is():
    checked = file_check(_upload("giay.pdf", PDF, "application/pdf"), field="file")
    assert checked.content_type == "application/pdf" and checked.data == PDF
    assert checked.content().name.endswith(".pdf")


def test_it_refuses_a_pdf_signature_followed_by_junk():
    with pytest.raises(InvalidInput) as refused:
        file_check(_upload("giay.pdf", FAKE_PDF, "application/pdf"), field="file")
    assert refused.value.field == "file"


def test_it_refuses_a_kind_the_caller_does_not_accept():
    with pytest.raises(InvalidInput):
        file_check(_upload("giay.pdf", PDF, "application/pdf"), field="image", kinds=(IMAGE,))


def test_it_refuses_an_empty_or_oversized_file():
    with pytest.raises(InvalidInput):
        file_check(_upload("a.png", b""), field="image")
    with pytest.raises(InvalidInput) as refused:
        file_check(_upload("a.pdf", PDF), field="file", max_bytes=100)
    assert refused.value.code == "too_large"


def test_it_refuses_a_zip_that_is_not_an_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", HTML)
    with pytest.raises(InvalidInput):
        file_check(_upload("bao-cao.docx", buffer.getvalue()), field="file", kinds=(PDF_KIND, OFFICE))


def test_the_web_version_of_a_big_photo_is_at_most_1280_pixels_and_150_kb():
    checked = file_check(_upload("big.jpg", noisy_photo(), "image/jpeg"), field="photos", web_version=True)
    with Image.open(io.BytesIO(checked.web)) as web:
        assert max(web.size) <= 1280
    assert len(checked.web) <= 150 * 1024
    with Image.open(io.BytesIO(checked.data)) as original:
        assert original.size == (2000, 1500)
