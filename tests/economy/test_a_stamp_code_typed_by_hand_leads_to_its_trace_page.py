"""A buyer whose pack's QR code is torn types the code printed under it (on the product's page):
the code, with spaces, dashes or lower case, leads to the stamp's trace page; an unknown code
says so in Vietnamese and keeps what was typed."""

from datetime import date

from xaso.economy.models import Stamp
from xaso.economy.services import batch_create, producer_save, product_save, stamps_generate


def _stamp(commune, officer):
    producer = producer_save(
        actor=officer, commune=commune, data={"name": "HTX Yên Định", "kind": "cooperative"}
    )
    product = product_save(
        actor=officer, producer=producer, data={"name": "Gạo Yên Định", "category": "food"}
    )
    batch = batch_create(
        actor=officer, product=product, data={"code": "L1", "produced_on": date(2026, 11, 1), "quantity": 5}
    )
    stamps_generate(actor=officer, batch=batch, count=1)
    return Stamp.objects.get(batch=batch)


def test_a_code_typed_with_spaces_and_lower_case_leads_to_the_trace_page(client, commune, specialist):
    stamp = _stamp(commune, specialist)
    typed = " ".join([stamp.serial[:4].lower(), stamp.serial[4:8], "-", stamp.serial[8:]])
    response = client.get("/truy-xuat/", {"tem": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/truy-xuat/{stamp.serial}/"


def test_an_unknown_code_is_refused_in_vietnamese_keeping_what_was_typed(client, db):
    response = client.get("/truy-xuat/", {"tem": "ZZZZ0000ZZZZ0000"})
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không có tem nào mang số sê-ri này" in body
    assert 'value="ZZZZ0000ZZZZ0000"' in body


def test_the_product_page_offers_the_form(client, commune, specialist):
    stamp = _stamp(commune, specialist)
    stamp.batch.product.is_published = True
    stamp.batch.product.save()
    body = client.get(f"/san-pham/{stamp.batch.product_id}/").content.decode()
    assert 'action="/truy-xuat/"' in body
    assert "Mã in dưới mã QR của tem" in body
