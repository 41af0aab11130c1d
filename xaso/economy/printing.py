"""Printed matter of the economy app: QR signs for payment points and stamp sheets for label
paper, rendered by the shared PDF helper (xaso.core.pdf) with QR codes from xaso.core.qr."""

import re

from django.conf import settings
from django.urls import reverse

from xaso.core.pdf import render_pdf
from xaso.core.qr import qr_png_data_uri, qr_svg
from xaso.economy.models import Batch, PaymentPoint
from xaso.payments.banks import bank_by_bin

# A4 label sheets of 5 × 13 labels, 38.1 × 21.2 mm (the common "65 per sheet" stock).
LABEL_COLUMNS, LABEL_ROWS = 5, 13
LABELS_PER_PAGE = LABEL_COLUMNS * LABEL_ROWS
# One download holds at most this many pages; a large batch is printed in several files.
SHEET_MAX_PAGES = 40
SHEET_MAX_LABELS = LABELS_PER_PAGE * SHEET_MAX_PAGES

SHEET_CSS = """
@page { size: A4; margin: 10.7mm 4.75mm; }
html { font-family: xaso-sans, sans-serif; font-size: 5pt; line-height: 1.1; }
"""
SIGN_CSS = """
@page { size: A5; margin: 10mm; }
html { font-family: xaso-sans, sans-serif; font-size: 12pt; }
"""


_SIZE = re.compile(r'<svg ([^>]*?)width="(\d+)" height="(\d+)"')


def _scalable(svg: str) -> str:
    """segno writes width/height but no viewBox; with one, CSS sizes the code in millimetres."""
    return _SIZE.sub(r'<svg \1width="\2" height="\3" viewBox="0 0 \2 \3"', svg, count=1)


def printed(serial: str) -> str:
    """The serial in groups of four, as a person reads and types it: 0X9Y SA61 7M8N X40C."""
    return " ".join(serial[i : i + 4] for i in range(0, len(serial), 4))


def trace_url(serial: str) -> str:
    return settings.SITE_URL + reverse("economy:trace", args=[serial])


def stamp_sheet_pdf(batch: Batch, *, start: int = 0, count: int | None = None) -> bytes:
    """Labels for the batch's stamps [start, start + count): a QR of the public trace page, the
    serial in print (for a phone without a camera) and the product's name."""
    count = SHEET_MAX_LABELS if count is None else min(count, SHEET_MAX_LABELS)
    serials = list(batch.stamps.order_by("pk").values_list("serial", flat=True)[start : start + count])
    pages = [serials[i : i + LABELS_PER_PAGE] for i in range(0, len(serials), LABELS_PER_PAGE)]
    # PNG images in a fixed table: WeasyPrint lays that out several times faster than inline SVG
    # in a CSS grid or flex boxes.
    labels = [
        [
            [
                {"printed": printed(s), "qr": qr_png_data_uri(trace_url(s), scale=4, border=2)}
                for s in page[i : i + LABEL_COLUMNS]
            ]
            for i in range(0, len(page), LABEL_COLUMNS)
        ]
        for page in pages
    ]
    return render_pdf(
        "economy/print/stamp_sheet.html",
        {"batch": batch, "product": batch.product, "pages": labels},
        extra_css=SHEET_CSS,
    )


def payment_point_sign_pdf(point: PaymentPoint) -> bytes:
    return render_pdf(
        "economy/print/point_sign.html",
        {
            "point": point,
            "bank": bank_by_bin(point.bank_bin),
            "qr": _scalable(qr_svg(point.payload, scale=1, border=4)),
        },
        extra_css=SIGN_CSS,
    )
