"""A product photo goes through the platform's one checker; the public catalogue shows a light
version without EXIF, the commune's staff the original, both with nosniff and a sandbox CSP."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.files import POLYGLOT, core_checker_calls, jpeg_with_gps, noisy_photo, png_claiming
from xaso.core.errors import InvalidInput
from xaso.economy.services import product_save

BASE = {"name": "Chè Shan tuyết", "category": "food"}


@pytest.mark.parametrize("content", [POLYGLOT, png_claiming(50_000, 50_000)], ids=["polyglot", "bomb"])
def test_a_hostile_photo_is_refused_by_the_core_checker(monkeypatch, specialist, producer, content):
    calls = core_checker_calls(monkeypatch)
    with pytest.raises(InvalidInput) as refused:
        product_save(
            actor=specialist, producer=producer, data=BASE, photo=SimpleUploadedFile("a.jpg", content)
        )
    assert refused.value.field == "photo" and calls == ["photo"]


def test_the_public_sees_a_light_photo_and_the_staff_the_original(client, login, specialist, producer):
    product = product_save(
        actor=specialist, producer=producer, data=BASE, photo=SimpleUploadedFile("a.jpg", noisy_photo())
    )
    public = client.get(reverse("economy:product_photo", args=[product.pk]))
    assert public["Content-Security-Policy"] == "sandbox" and public["X-Content-Type-Options"] == "nosniff"
    data = b"".join(public.streaming_content)
    assert len(data) <= 150 * 1024
    with Image.open(io.BytesIO(data)) as web:
        assert max(web.size) <= 1280
    assert (
        reverse("economy:product_photo", args=[product.pk])
        in client.get(reverse("economy:product_public", args=[product.pk])).content.decode()
    )
    staff = login(specialist).get(reverse("economy:product_photo_staff", args=[product.pk]))
    with Image.open(io.BytesIO(b"".join(staff.streaming_content))) as original:
        assert original.size == (2000, 1500)


def test_a_product_photo_loses_its_gps(client, specialist, producer):
    product = product_save(
        actor=specialist, producer=producer, data=BASE, photo=SimpleUploadedFile("a.jpg", jpeg_with_gps())
    )
    with product.photo.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()
