"""Papers are accepted by what they contain, never by their name: a PDF the reader parses or a
JPEG, PNG or WebP picture Pillow decodes (and writes again, without EXIF), checked by the one
checker of the platform (xaso.core.uploads). At most 10 MB each and 20 per dossier."""

from xaso.core.uploads import IMAGE, PDF, CheckedFile, file_check

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 20


def upload_check(upload, *, field: str = "file") -> CheckedFile:
    """The paper to store (its real type, size and SHA-256), or InvalidInput naming `field`."""
    return file_check(upload, field=field, kinds=(IMAGE, PDF), max_bytes=MAX_BYTES)
