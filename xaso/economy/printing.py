"""Printed matter of the economy app: QR signs for payment points (WeasyPrint, via the shared
PDF helper xaso.core.pdf) and stamp sheets for label paper (drawn directly, see below)."""

import io
import re

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from xaso.core.pdf import font_dir, render_pdf
from xaso.core.qr import qr_svg
from xaso.economy.models import Batch, PaymentPoint
from xaso.payments.banks import bank_by_bin

# A4 label sheets of 5 × 13 labels, 38.1 × 21.2 mm (the common "65 per sheet" stock).
LABEL_COLUMNS, LABEL_ROWS = 5, 13
LABELS_PER_PAGE = LABEL_COLUMNS * LABEL_ROWS
# One download holds at most this many pages; a large batch is printed in several files.
SHEET_MAX_PAGES = 40
SHEET_MAX_LABELS = LABELS_PER_PAGE * SHEET_MAX_PAGES

# Sheet geometry in millimetres: page, margins, label size and the gap between columns.
PAGE_MM = (210.0, 297.0)
MARGIN_TOP_MM, MARGIN_LEFT_MM = 10.7, 4.75
LABEL_MM = (38.1, 21.2)
COLUMN_GAP_MM = 2.5
QR_MM = 17.0
# Stamp sheets are drawn at the resolution of a label printer, one bit per dot.
SHEET_DPI = 300

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


def _dots(mm: float) -> int:
    return round(mm * SHEET_DPI / 25.4)


def _font(bold: bool, points: float) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(font_dir() / name), round(points * SHEET_DPI / 72))


def _qr_image(payload: str, size: int) -> Image.Image:
    """The QR code as a 1-bit image, a whole number of dots per module, at most size × size."""
    code = segno.make(payload, error="m", micro=False, boost_error=False)
    border = 2
    width = code.symbol_size(scale=1, border=border)[0]
    image = Image.new("1", (width, width), 1)
    image.putdata([1 - bit for row in code.matrix_iter(scale=1, border=border) for bit in row])
    scale = max(size // width, 1)
    return image.resize((width * scale, width * scale), Image.Resampling.NEAREST)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    words, out, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip() + "…"
    return [_fit(line, font, width) for line in out]


def _fit(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    while line and font.getlength(line) > width:
        line = line[:-2] + "…"
    return line


def _common_text(batch: Batch, width: int) -> Image.Image:
    """What every label of the batch says besides its serial, drawn once per sheet."""
    font = _font(False, 5)
    lines = _wrap(batch.product.name, font, width, 2) + [_fit(f"{_('Batch')} {batch.code}", font, width)]
    step = round(font.size * 1.15)
    image = Image.new("1", (width, step * len(lines)), 1)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((0, i * step), line, font=font, fill=0)
    return image


def stamp_sheet_pdf(batch: Batch, *, start: int = 0, count: int | None = None) -> bytes:
    """Labels for the batch's stamps [start, start + count): a QR of the public trace page, the
    serial in print (for a phone without a camera), the product's name and the batch.

    Drawn directly with Pillow onto one 1-bit image per page at SHEET_DPI and written as a PDF
    (lossless, CCITT or Flate): laying out 65 labels of text per page in WeasyPrint took over a
    second a page. The text that is the same on every label is drawn once per sheet."""
    count = SHEET_MAX_LABELS if count is None else min(count, SHEET_MAX_LABELS)
    serials = list(batch.stamps.order_by("pk").values_list("serial", flat=True)[start : start + count])
    page_size = (_dots(PAGE_MM[0]), _dots(PAGE_MM[1]))
    label_w, label_h = _dots(LABEL_MM[0]), _dots(LABEL_MM[1])
    qr_size, pad = _dots(QR_MM), _dots(1)
    text_x = pad + qr_size + pad
    text_w = label_w - text_x - pad
    serial_font = _font(True, 5.5)
    serial_step = round(serial_font.size * 1.15)
    common = _common_text(batch, text_w)
    text_h = 2 * serial_step + _dots(0.8) + common.height
    pages = []
    for first in range(0, max(len(serials), 1), LABELS_PER_PAGE):
        page = Image.new("1", page_size, 1)
        draw = ImageDraw.Draw(page)
        for index, serial in enumerate(serials[first : first + LABELS_PER_PAGE]):
            row, column = divmod(index, LABEL_COLUMNS)
            left = _dots(MARGIN_LEFT_MM + column * (LABEL_MM[0] + COLUMN_GAP_MM))
            top = _dots(MARGIN_TOP_MM + row * LABEL_MM[1])
            qr = _qr_image(trace_url(serial), qr_size)
            page.paste(qr, (left + pad, top + (label_h - qr.height) // 2))
            y = top + (label_h - text_h) // 2
            groups = printed(serial).split(" ")
            for i, half in enumerate((" ".join(groups[:2]), " ".join(groups[2:]))):
                draw.text((left + text_x, y + i * serial_step), half, font=serial_font, fill=0)
            page.paste(common, (left + text_x, y + 2 * serial_step + _dots(0.8)))
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(
        out,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=SHEET_DPI,
        title=f"{batch.product.name} {batch.code}",
    )
    return out.getvalue()


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
