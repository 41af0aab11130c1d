"""Evidence files: the content decides the type, not the name or the browser's claim.

Accepted: PDF, JPEG, PNG or WebP (photos of a signed page, a screenshot; written again without
EXIF) and Word/Excel files (OOXML, a zip holding `[Content_Types].xml`), checked by the one
checker of the platform (xaso.core.uploads). Anything else, an empty file or one over the size
limit is refused."""

from xaso.core.uploads import IMAGE, OFFICE, PDF, CheckedFile, file_check

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_VALUE = 10


def evidence_check(upload) -> CheckedFile:
    """The evidence file to store (its checked type, bytes and name), else InvalidInput(field="file")."""
    return file_check(upload, field="file", kinds=(PDF, IMAGE, OFFICE), max_bytes=MAX_EVIDENCE_BYTES)
