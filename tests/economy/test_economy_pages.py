"""Economy pages: staff screens scoped to their commune, the public catalogue, the product feed,
the printable signs and stamp sheets, and the public trace page."""

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from PIL import Image

from xaso.economy.models import Stamp
from xaso.economy.printing import LABEL_COLUMNS, LABEL_ROWS
from xaso.economy.services import payment_point_save, stamps_generate
from xaso.payments.vietqr import vietqr_parse

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="poppler-utils or zbar-tools missing"
)


def page_image(pdf: bytes, tmp_path, dpi: int = 300):
    (tmp_path / "f.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-png",
            "-singlefile",
            str(tmp_path / "f.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
        capture_output=True,
    )
    return Image.open(tmp_path / "p.png")


def zbar(paths) -> list[str]:
    out = subprocess.run(["zbarimg", "--raw", "-q", *map(str, paths)], capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


def qr_texts_of_pdf(pdf: bytes, tmp_path) -> list[str]:
    page_image(pdf, tmp_path)
    return zbar([tmp_path / "p.png"])


def label_texts_of_sheet(pdf: bytes, tmp_path) -> list[str]:
    """Scan each label on its own, as a phone does: cut the page along the label grid."""
    image, mm = page_image(pdf, tmp_path), 300 / 25.4
    paths = []
    for row in range(LABEL_ROWS):
        for col in range(LABEL_COLUMNS):
            left, top = (4.75 + col * (38.1 + 2.5)) * mm, (10.7 + row * 21.2) * mm
            path = tmp_path / f"l{row:02d}{col}.png"
            image.crop((int(left), int(top), int(left + 38.1 * mm), int(top + 21.2 * mm))).save(path)
            paths.append(path)
    return zbar(paths)


def test_an_officer_of_another_commune_gets_404_everywhere(
    login, other_officer, batch, one_stop_officer, commune
):
    point = payment_point_save(
        actor=one_stop_officer,
        commune=commune,
        data={
            "name": "Sạp",
            "kind": "shop",
            "bank_bin": "970405",
            "account_number": "123456789",
            "account_name": "A",
        },
    )
    client = login(other_officer)
    for url in (
        f"/kinh-te/co-so/{batch.product.producer_id}/",
        f"/kinh-te/san-pham/{batch.product_id}/",
        f"/kinh-te/lo/{batch.pk}/",
        f"/kinh-te/lo/{batch.pk}/tem.pdf",
        f"/kinh-te/diem-thanh-toan/{point.pk}/",
        f"/kinh-te/diem-thanh-toan/{point.pk}/bien.pdf",
    ):
        assert client.get(url).status_code == 404, url


def test_the_public_catalogue_finds_products_without_accents(client, product):
    response = client.get("/san-pham/", {"q": "che lam"})
    assert response.status_code == 200
    assert "Chè lam Phủ Quảng" in response.content.decode()
    assert "Chè lam" not in client.get("/san-pham/", {"q": "nem chua"}).content.decode()


def test_the_product_feed_comes_as_csv_and_excel(client, product):
    csv_text = client.get("/san-pham/san-pham.csv").content.decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    assert header.startswith("id,name,category,ocop_stars")
    assert "Chè lam Phủ Quảng" in row and ",4," in row
    book = load_workbook(io.BytesIO(client.get("/san-pham/san-pham.xlsx").content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][1] == "Chè lam Phủ Quảng" and rows[1][3] == 4


def test_the_trace_page_shows_origin_and_counts_scans(client, batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    serial = Stamp.objects.get().serial
    for _ in range(2):
        response = client.get(f"/truy-xuat/{serial}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chè lam Phủ Quảng" in body and "HTX Nông nghiệp Định Tân" in body and "L2411" in body
    assert Stamp.objects.get().scan_count == 2
    assert 'role="alert"' not in body


def test_a_cloned_stamp_warns_the_buyer(client, batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    serial = Stamp.objects.get().serial
    for i in range(7):
        response = client.get(f"/truy-xuat/{serial}/", REMOTE_ADDR=f"10.1.{i}.5")
    assert 'role="alert"' in response.content.decode()


def test_an_unknown_serial_says_it_may_be_counterfeit(client, db):
    response = client.get("/truy-xuat/ZZZZZZZZZZZZZZZZ/")
    assert response.status_code == 404


@needs_poppler
def test_the_stamp_sheet_qr_codes_lead_to_the_trace_pages(login, specialist, batch, tmp_path, settings):
    stamps_generate(actor=specialist, batch=batch)
    response = login(specialist).get(f"/kinh-te/lo/{batch.pk}/tem.pdf")
    assert response["Content-Type"] == "application/pdf"
    found = label_texts_of_sheet(response.content, tmp_path)
    first = list(Stamp.objects.order_by("pk").values_list("serial", flat=True)[:50])
    assert len(found) == 50
    assert {url.rsplit("/", 2)[-2] for url in found} == set(first)
    assert all(url.startswith(settings.SITE_URL + "/truy-xuat/") for url in found)


@needs_poppler
def test_the_payment_point_sign_carries_its_static_vietqr(login, one_stop_officer, commune, tmp_path):
    point = payment_point_save(
        actor=one_stop_officer,
        commune=commune,
        data={
            "name": "Căng tin trường",
            "kind": "school",
            "bank_bin": "970436",
            "account_number": "0011004455667",
            "account_name": "TRUONG THCS",
            "note": "Tien an",
        },
    )
    response = login(one_stop_officer).get(f"/kinh-te/diem-thanh-toan/{point.pk}/bien.pdf")
    [payload] = qr_texts_of_pdf(response.content, tmp_path)
    qr = vietqr_parse(payload)
    assert (qr.account_number, qr.note, qr.amount) == ("0011004455667", "Tien an", None)


def test_a_specialist_records_a_batch_and_issues_stamps_through_the_pages(login, specialist, product):
    client = login(specialist)
    response = client.post(
        f"/kinh-te/san-pham/{product.pk}/lo/",
        {"batch-code": "L1", "batch-produced_on": "01/11/2026", "batch-quantity": "3"},
    )
    assert response.status_code == 302
    response = client.post(response["Location"], {"count": "3"})
    assert response.status_code == 302
    assert Stamp.objects.filter(batch__code="L1").count() == 3


def test_a_batch_with_a_future_date_keeps_the_form(login, specialist, product):
    response = login(specialist).post(
        f"/kinh-te/san-pham/{product.pk}/lo/",
        {"batch-code": "L9", "batch-produced_on": "01/11/2099", "batch-quantity": "3"},
    )
    assert response.status_code == 422
    assert 'value="L9"' in response.content.decode()
