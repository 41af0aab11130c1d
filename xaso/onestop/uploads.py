"""Papers are accepted by what they contain, never by their name: a PDF must start with the
PDF signature and carry an end-of-file marker; a JPEG or PNG must be an image Pillow can read
and verify. At most 10 MB each and 20 per dossier."""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from xaso.core.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 20
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def _image_type(upload) -> str | None:
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    finally:
        upload.seek(0)
    return {"JPEG": "image/jpeg", "PNG": "image/png"}.get(kind)


def _is_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(max(0, upload.size - 2048))
    tail = upload.read()
    upload.seek(0)
    return head.lstrip(b"\x00\t\n\r ").startswith(b"%PDF-") and b"%%EOF" in tail


def upload_check(upload, *, field: str = "file") -> CheckedUpload:
    """The upload's real type, size and SHA-256, or InvalidInput saying what is wrong."""
    if upload.size > MAX_BYTES:
        raise InvalidInput(_("The file is larger than 10 MB."), field=field)
    if upload.size == 0:
        raise InvalidInput(_("The file is empty."), field=field)
    content_type = "application/pdf" if _is_pdf(upload) else _image_type(upload)
    if content_type is None:
        raise InvalidInput(_("Only PDF, JPEG or PNG files are accepted."), field=field)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(content_type, upload.size, digest.hexdigest())
