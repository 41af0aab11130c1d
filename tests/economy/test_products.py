"""Products: OCOP ratings of 3 to 5 stars with a certificate, https marketplace links, prices in
đồng, and photos checked by what they contain, not what they are called."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.images import png_bytes
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.economy.services import product_save

BASE = {"name": "Nem chua", "category": "food"}


def save(actor, producer, photo=None, **data):
    return product_save(actor=actor, producer=producer, data={**BASE, **data}, photo=photo)


def test_a_rated_product_keeps_its_stars_links_and_certifications(product):
    assert product.ocop_stars == 4
    assert product.marketplace_links == ["https://shopee.vn/che-lam-phu-quang"]
    assert product.certification_labels() == ["VietGAP"]
    assert (product.price_min, product.price_max) == (45_000, 60_000)
    assert "che lam phu quang" in product.search_text


@pytest.mark.parametrize("stars", [1, 2, 6, "x"])
def test_an_ocop_rating_outside_3_to_5_is_refused(specialist, producer, stars):
    with pytest.raises(InvalidInput) as exc:
        save(specialist, producer, ocop_stars=stars, ocop_certificate="C1")
    assert exc.value.field == "ocop_stars"


def test_a_rating_needs_its_certificate_number(specialist, producer):
    with pytest.raises(InvalidInput) as exc:
        save(specialist, producer, ocop_stars=3)
    assert exc.value.field == "ocop_certificate"


@pytest.mark.parametrize("link", ["http://shopee.vn/x", "javascript:alert(1)", "shopee.vn/x"])
def test_a_marketplace_link_must_be_https(specialist, producer, link):
    with pytest.raises(InvalidInput) as exc:
        save(specialist, producer, marketplace_links=link)
    assert exc.value.field == "marketplace_links"


def test_a_lowest_price_above_the_highest_is_refused(specialist, producer):
    with pytest.raises(InvalidInput) as exc:
        save(specialist, producer, price_min="90000", price_max="50000")
    assert exc.value.field == "price_max"


def test_a_real_photo_is_kept(specialist, producer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = save(specialist, producer, photo=SimpleUploadedFile("anh.png", png_bytes(), "image/png"))
    assert product.photo.name.endswith(".png")


def test_a_text_file_named_like_a_photo_is_refused(specialist, producer):
    fake = SimpleUploadedFile("anh.jpg", b"<?php echo 'not an image'; ?>", "image/jpeg")
    with pytest.raises(InvalidInput) as exc:
        save(specialist, producer, photo=fake)
    assert exc.value.field == "photo"


def test_a_gif_is_not_an_accepted_photo_format(specialist, producer):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("P", (4, 4)).save(buf, format="GIF")
    with pytest.raises(InvalidInput):
        save(specialist, producer, photo=SimpleUploadedFile("anh.png", buf.getvalue(), "image/png"))


def test_a_village_head_cannot_add_products(village_head, producer):
    with pytest.raises(NotAllowed):
        save(village_head, producer)
