"""User files are hostile: one checker and one server for every upload of every app.

A file's type is decided by opening it, never by its name, the browser's claim or its first
bytes: a picture must be decoded by Pillow and is written again (which drops EXIF, GPS
included, and anything appended to it), a PDF must be parsed by pyHanko's reader, a Word or
Excel file must be a zip with the OOXML table of contents. Anything else is refused with a
message naming the field (InvalidInput: a form error on pages, a 422 problem in the API), and
before anything is written. A picture over `settings.UPLOAD_MAX_PIXELS` is refused before it is
decoded, as is anything Pillow calls a decompression bomb.

A checked file is stored under a random name with the extension of its detected type; the
uploader's name is only display metadata. Every stored user file is served by `file_response`:
with the type xaso determined, `nosniff`, a sandbox CSP, inline only for pictures and PDFs.
Public pages show a light web version of a picture (`CheckedFile.web`), staff the original."""

import io
import secrets
import warnings
import zipfile
from dataclasses import dataclass
from hashlib import sha256
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pyhanko.pdf_utils.reader import PdfFileReader

from xaso.core.errors import InvalidInput

IMAGE = "image"
PDF = "pdf"
OFFICE = "office"

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
# The only types a stored file is ever served as; the extension is the one xaso chose.
EXTENSIONS = {**IMAGE_TYPES, PDF_TYPE: "pdf", DOCX_TYPE: "docx", XLSX_TYPE: "xlsx"}
TYPES_BY_EXTENSION = {ext: kind for kind, ext in EXTENSIONS.items()} | {"jpeg": "image/jpeg"}
INLINE_TYPES = frozenset({*IMAGE_TYPES, PDF_TYPE})
OCTET_STREAM = "application/octet-stream"
# Served on every user file: a file opened directly runs no script and reaches no origin.
SANDBOX = "sandbox"

PILLOW_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
OOXML = {"word/": DOCX_TYPE, "xl/": XLSX_TYPE}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# The web version of a public picture: small enough for a board of photos on a phone.
WEB_MAX_SIDE = 1280
WEB_MAX_BYTES = 150 * 1024


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed: the bytes to store (a picture re-encoded), its type and the
    uploader's name (display only); `web` is the light version of a picture, when asked for."""

    data: bytes
    content_type: str
    original_name: str
    web: bytes | None = None
    web_type: str | None = None

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return sha256(self.data).hexdigest()

    def content(self) -> ContentFile:
        """The file to save in a FileField, under a random name with the detected extension."""
        return ContentFile(self.data, name=stored_name(self.content_type))

    def web_content(self) -> ContentFile | None:
        if self.web is None:
            return None
        return ContentFile(self.web, name=stored_name(self.web_type))


def stored_name(content_type: str) -> str:
    """A server-chosen file name: random, with the extension of the type xaso detected."""
    return f"{secrets.token_hex(16)}.{EXTENSIONS[content_type]}"


def display_name(name) -> str:
    """The uploader's file name without any directory, for display (templates escape it)."""
    return PurePath(str(name or "").replace("\\", "/")).name[-200:]


def file_check(
    upload,
    *,
    field: str,
    kinds: tuple[str, ...] = (IMAGE, PDF),
    max_bytes: int = DEFAULT_MAX_BYTES,
    web_version: bool = False,
    name: str | None = None,
) -> CheckedFile:
    """Open an upload (a Django file, or bytes with `name`) and return what to store, or raise
    InvalidInput naming `field`. Rules: not empty, at most `max_bytes`; a picture (JPEG, PNG,
    WebP) within the pixel budget is re-encoded; a PDF must parse; an OOXML file must be one."""
    original = display_name(name if name is not None else getattr(upload, "name", ""))
    data = _read(upload, field=field, max_bytes=max_bytes)
    if IMAGE in kinds:
        picture = _image(data, field=field, web_version=web_version)
        if picture is not None:
            return CheckedFile(picture[1], picture[0], original, picture[2], picture[3])
    if PDF in kinds and _is_pdf(data, field=field):
        return CheckedFile(data, PDF_TYPE, original)
    if OFFICE in kinds:
        office = _ooxml_type(data)
        if office is not None:
            return CheckedFile(data, office, original)
    raise _refused(kinds, field)


def _read(upload, *, field: str, max_bytes: int) -> bytes:
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if size is not None and size > max_bytes:
            raise _too_big(field, max_bytes)
        upload.seek(0)
        data = upload.read(max_bytes + 1)
        upload.seek(0)
    if len(data) > max_bytes:
        raise _too_big(field, max_bytes)
    if not data:
        raise InvalidInput(_("The file is empty."), field=field)
    return data


def _too_big(field: str, max_bytes: int):
    return InvalidInput(
        _("The file is too large (%(mb)d MB at most).") % {"mb": max(1, max_bytes // (1024 * 1024))},
        field=field,
        code="too_large",
    )


def _refused(kinds, field: str):
    accepted = set(kinds)
    if accepted == {IMAGE}:
        message = _("The file is not a picture xaso can open (JPEG, PNG or WebP).")
    elif accepted == {PDF}:
        message = _("The file is not a readable PDF document.")
    elif accepted == {IMAGE, PDF}:
        message = _("The file is neither a readable PDF nor a JPEG, PNG or WebP picture.")
    else:
        message = _("Attach a PDF, a JPEG, PNG or WebP picture, or a Word or Excel file.")
    return InvalidInput(message, field=field, code="file_type")


def _image(data: bytes, *, field: str, web_version: bool):
    """(type, re-encoded bytes, web bytes, web type) of a picture; None if it is not one
    Pillow decodes in full; InvalidInput if it is over the pixel budget."""
    budget = settings.UPLOAD_MAX_PIXELS
    bomb = InvalidInput(
        _("The picture is too large (%(mp)d megapixels at most).") % {"mp": budget // 1_000_000},
        field=field,
        code="too_large",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = PILLOW_FORMATS.get(probe.format)
                width, height = probe.size
                if kind is None:
                    return None
                if width * height > budget:
                    raise bomb
                probe.verify()
            # verify() leaves the image unusable: open it again to decode every pixel.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                clean, alpha = _normalised(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise bomb from None
    except InvalidInput:
        raise
    except Exception:  # noqa: BLE001 — a hostile file can make a decoder fail in any way
        return None
    out_type = "image/png" if alpha and kind == "image/jpeg" else kind
    encoded = _encode(clean, out_type)
    if not web_version:
        return out_type, encoded, None, None
    web, web_type = _web(clean, alpha)
    return out_type, encoded, web, web_type


def _normalised(image: Image.Image) -> tuple[Image.Image, bool]:
    """A fresh image with only pixels: turned upright, in RGB(A) or L, without EXIF or text."""
    upright = ImageOps.exif_transpose(image) or image
    alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    if alpha:
        pixels = upright.convert("RGBA")
    elif upright.mode in ("RGB", "L"):
        pixels = upright.copy()
    else:
        pixels = upright.convert("RGB")
    pixels.info = {}
    return pixels, alpha


def _encode(image: Image.Image, content_type: str, *, quality: int = 88) -> bytes:
    out = io.BytesIO()
    if content_type == "image/jpeg":
        image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True)
    elif content_type == "image/webp":
        image.save(out, "WEBP", quality=quality)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def _web(image: Image.Image, alpha: bool) -> tuple[bytes, str]:
    """A version for public pages: longest side at most WEB_MAX_SIDE, at most WEB_MAX_BYTES."""
    web_type = "image/webp" if alpha else "image/jpeg"
    small = image.copy()
    small.thumbnail((WEB_MAX_SIDE, WEB_MAX_SIDE))
    for _round in range(8):
        for quality in (80, 65, 50, 40):
            data = _encode(small, web_type, quality=quality)
            if len(data) <= WEB_MAX_BYTES:
                return data, web_type
        small.thumbnail((max(1, small.width * 3 // 4), max(1, small.height * 3 // 4)))
    return data, web_type


def _is_pdf(data: bytes, *, field: str) -> bool:
    """Whether pyHanko's reader parses the file as an unencrypted PDF with a page tree."""
    if data.lstrip()[:5] != b"%PDF-":
        return False
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        encrypted = reader.encrypted
        if not encrypted:
            pages = reader.root["/Pages"]
            int(pages["/Count"])
    except Exception:  # noqa: BLE001 — a damaged or forged file can make the parser fail in any way
        return False
    if encrypted:
        raise InvalidInput(
            _("The PDF file is password-protected; send the file without a password."),
            field=field,
            code="encrypted",
        )
    return True


def _ooxml_type(data: bytes) -> str | None:
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return content_type
    return None


def stored_type(stored, content_type: str = "") -> str:
    """The type a stored file is served as: the one recorded at upload, else the one its
    server-chosen extension stands for; anything unknown is a plain download."""
    if content_type in EXTENSIONS:
        return content_type
    extension = PurePath(str(getattr(stored, "name", stored) or "")).suffix.lower().lstrip(".")
    return TYPES_BY_EXTENSION.get(extension, OCTET_STREAM)


def file_response(
    stored, *, content_type: str = "", filename: str = "", download: bool = False
) -> FileResponse:
    """Serve a stored user file (a FieldFile) safely: the type xaso determined, never sniffed;
    inline for pictures and PDFs, a download for anything else or when `download` (a signed
    paper behind a "Tải về" link); a sandbox CSP so that even a file opened on its own runs
    nothing in our origin. Http404 if the file is gone."""
    served_type = stored_type(stored, content_type)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = display_name(filename) or display_name(stored.name)
    response = FileResponse(
        handle,
        content_type=served_type,
        # A link that says "download" (a signed paper to keep) downloads whatever the type.
        as_attachment=download or served_type not in INLINE_TYPES,
        filename=name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    return response
