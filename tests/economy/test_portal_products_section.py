"""The portal shows a few of the commune's published products, their photos served by the
public photo page (200, never a raw /media/ path), and links to the commune's catalogue; an
unpublished product is not shown, and a commune without products has no such section."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import image_bytes
from xaso.economy.services import product_save


def test_products_are_shown_with_photos_that_answer(client, commune, producer, specialist):
    product = product_save(
        actor=specialist,
        producer=producer,
        data={"name": "Chè lam Phủ Quảng", "category": "food", "price_min": "45.000"},
        photo=SimpleUploadedFile("che.jpg", image_bytes("JPEG", size=(64, 48)), content_type="image/jpeg"),
    )
    product_save(
        actor=specialist,
        producer=producer,
        data={"name": "Giò chả chưa bán", "category": "food", "is_published": False},
    )
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert "Chè lam Phủ Quảng" in body and "Giò chả chưa bán" not in body
    assert reverse("economy:product_public", args=[product.pk]) in body
    assert f"{reverse('economy:catalogue')}?xa={commune.code}" in body
    assert "/media/" not in body
    photos = re.findall(r'<img src="([^"]+)"', body[body.index('id="p-products"') :])
    assert photos == [reverse("economy:product_photo", args=[product.pk])]
    assert client.get(photos[0]).status_code == 200


def test_a_commune_without_products_has_no_products_section(client, commune):
    assert 'id="p-products"' not in client.get(f"/xa/{commune.code}/").content.decode()
