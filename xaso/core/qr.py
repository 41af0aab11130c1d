"""QR codes for URLs and payloads (receipts, verification links, VietQR, meeting packs).

segno encodes; callers get SVG text for pages and PNG bytes or a data URI for PDFs. Error
correction "M" survives a crease or a smudge on a printed receipt without making the code dense.
"""

import base64
import io

import segno


def _make(payload: str, *, error: str = "m"):
    if not payload:
        raise ValueError("a QR code needs a payload")
    # boost_error=False keeps the level asked for, so the same payload always gives the same code.
    return segno.make(payload, error=error, micro=False, boost_error=False)


def qr_svg(payload: str, *, scale: int = 4, border: int = 2, title: str | None = None) -> str:
    """SVG markup (no XML declaration) to inline in a page or an HTML template for a PDF."""
    buf = io.BytesIO()
    _make(payload).save(
        buf, kind="svg", scale=scale, border=border, xmldecl=False, svgns=True, title=title, nl=False
    )
    return buf.getvalue().decode("utf-8")


def qr_png(payload: str, *, scale: int = 6, border: int = 4) -> bytes:
    """PNG bytes; the quiet zone of 4 modules is what scanners expect on paper."""
    buf = io.BytesIO()
    _make(payload).save(buf, kind="png", scale=scale, border=border)
    return buf.getvalue()


def qr_png_data_uri(payload: str, *, scale: int = 6, border: int = 4) -> str:
    """A data: URI of the PNG, for <img src> in templates rendered to PDF (no file, no network)."""
    return "data:image/png;base64," + base64.b64encode(qr_png(payload, scale=scale, border=border)).decode()
