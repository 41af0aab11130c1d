"""Uploaded files are accepted by what they contain, not by their name: the first bytes must be
those of an allowed type, and the size within the limit."""

from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]


def sniff(upload, *, field: str = "attachments", max_bytes: int = MAX_ATTACHMENT_BYTES) -> str:
    """The content type of an allowed upload (PDF, PNG, JPEG), else InvalidInput."""
    if upload.size > max_bytes:
        raise InvalidInput(
            _("%(name)s is too big (%(mb)d MB at most).") % {"name": upload.name, "mb": max_bytes // 2**20},
            field=field,
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head[8:12] == b"WEBP" and head[:4] == b"RIFF":
        return "image/webp"
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    raise InvalidInput(
        _("%(name)s is not a PDF, PNG, JPEG or WebP file.") % {"name": upload.name}, field=field
    )
