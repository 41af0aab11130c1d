"""QR images of payment payloads (segno). Kept in one place so that the project's shared QR
helper (xaso.core.qr) can take over here alone once it exists."""

import io

import segno


def _code(payload: str):
    # Error correction M: survives a smudged print, still a small symbol for a phone to read.
    return segno.make(payload, error="m", micro=False)


def qr_png(payload: str, *, scale: int = 8) -> bytes:
    buf = io.BytesIO()
    _code(payload).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def qr_svg_data_uri(payload: str, *, scale: int = 6) -> str:
    """An <img src> for templates: the CSP allows data: images, not inline scripts or styles."""
    return _code(payload).svg_data_uri(scale=scale, border=4)
