"""Small real files for upload tests, made in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.files import PDF


def pdf(name="giay-chung-sinh.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def image(fmt="PNG", name="scan.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def fake(name="virus.pdf", content=b"MZ\x90\x00 this is an executable"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")
