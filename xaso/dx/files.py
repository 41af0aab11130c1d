"""Evidence files: the content decides the type, not the name or the browser's claim.

Accepted: PDF, JPEG, PNG (photos of a signed page, a screenshot) and Word/Excel files (OOXML, a
zip holding `[Content_Types].xml`). Anything else, an empty file or one over the size limit is
refused. Images are opened with Pillow so a renamed file or a truncated photo is caught."""

import io
import zipfile

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from xaso.core.errors import InvalidInput

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_VALUE = 10

OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _ooxml_type(head: bytes, upload) -> str | None:
    if not head.startswith(b"PK\x03\x04"):
        return None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in OOXML.items():
        if any(name.startswith(prefix) for name in names):
            return content_type
    return None


def _image_type(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return {"JPEG": "image/jpeg", "PNG": "image/png"}.get(kind)


def evidence_type(upload) -> str:
    """The checked content type of an uploaded evidence file, else InvalidInput(field="file")."""
    size = getattr(upload, "size", None) or 0
    if size <= 0:
        raise InvalidInput(_("The file is empty."), field="file")
    if size > MAX_EVIDENCE_BYTES:
        raise InvalidInput(
            _("The file is too large (%(mb)d MB at most).") % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)},
            field="file",
        )
    upload.seek(0)
    head = upload.read(8)
    content_type = None
    if head.startswith(b"%PDF-"):
        upload.seek(0)
        content_type = "application/pdf" if b"%%EOF" in upload.read()[-2048:] else None
    elif head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")):
        upload.seek(0)
        content_type = _image_type(upload.read())
    else:
        content_type = _ooxml_type(head, upload)
    upload.seek(0)
    if content_type is None:
        raise InvalidInput(_("Attach a PDF, a JPEG or PNG photo, or a Word or Excel file."), field="file")
    return content_type
