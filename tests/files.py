"""Real and hostile files for upload tests, made in memory."""

import io
import os
import struct
import zlib

from PIL import Image


def pdf_bytes(text: str = "xaso") -> bytes:
    """A small, well-formed one-page PDF (a real cross-reference table, so a reader parses it)."""
    stream = f"BT /F1 12 Tf 20 20 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


PDF = pdf_bytes()


def image_bytes(fmt: str = "PNG", size=(8, 8), color="white", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, fmt)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    """A phone photo: EXIF with the camera's maker and where the reporter stood."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 1.0, 30.0), "E", (105.0, 50.0, 0.0)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def noisy_photo(size=(2000, 1500), quality=70) -> bytes:
    """A large photo that compresses badly (random pixels), as a phone camera's would."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels (a decompression bomb's shape)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


# Twelve bytes of a WebP header, then a page: what a 16-byte sniffer took for a picture.
POLYGLOT = b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"<html><script>alert(document.cookie)</script></html>"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
FAKE_PDF = b"%PDF-1.7\n" + b"junk that no reader parses " * 20


def core_checker_calls(monkeypatch) -> list:
    """Record every file xaso.core.uploads reads, to prove an app's upload goes through it."""
    from xaso.core import uploads

    calls, read = [], uploads._read

    def spy(upload, **kwargs):
        calls.append(kwargs["field"])
        return read(upload, **kwargs)

    monkeypatch.setattr(uploads, "_read", spy)
    return calls
