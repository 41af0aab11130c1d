"""Put a PAdES signature with a visible block on a PDF. Pure: no database, no request.

The visible block is drawn by WeasyPrint (so Vietnamese text uses the same local fonts as the
document) and imported as the appearance of the signature field. The cryptographic signing
time is the CMS signing-time attribute (and the RFC 3161 token when a TSA is configured); the
time printed in the block is taken just before signing and shown in Asia/Ho_Chi_Minh.
"""

import binascii
import io
import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from pyhanko.pdf_utils import content
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import BoxConstraints
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import find_inherited_value_in_tree
from pyhanko.sign import fields
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import StaticStampStyle

from xaso.core.pdf import Anchor, html_to_pdf
from xaso.documents.signing.keys import run_async

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MM = 72 / 25.4
# The block's size: the same box the official-document template reserves.
STAMP_SIZE = (75 * MM, 26 * MM)


@dataclass(frozen=True)
class SignerLabel:
    """What the visible block says about the signer."""

    name: str
    position: str = ""
    organisation: str = ""
    is_test: bool = False
    qr_data_uri: str = ""  # drawn at the block's left: the verification link
    code: str = ""  # the verification code, printed under the text
    headline: str = ""  # a first line in bold (the number and date the seal gives at issue)


class _ImportedPdfBytes(content.ImportedPdfPage):
    """pyHanko's ImportedPdfPage reads from a file name; this reads the stamp from memory."""

    def __init__(self, data: bytes):
        self.data = data
        super().__init__(file_name="", page_ix=0)

    def render(self) -> bytes:
        w = self._ensure_writer
        xobj = w.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def stamp_pdf(label: SignerLabel, at: datetime, size=STAMP_SIZE) -> bytes:
    html = render_to_string(
        "documents/signature_stamp.html",
        {"label": label, "at": at.astimezone(VN)},
    )
    css = render_to_string("documents/signature_stamp.css")
    css += f"@page {{ size: {size[0]:.2f}pt {size[1]:.2f}pt; margin: 0 }}"
    return html_to_pdf(html, extra_css=css)


def default_anchor(pdf: bytes) -> Anchor:
    """For PDFs xaso did not lay out: bottom right of the last page, above the margin."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    count = int(reader.root["/Pages"]["/Count"])
    page_ref, _resources = reader.find_page_for_modification(count - 1)
    media = find_inherited_value_in_tree(page_ref.get_object(), "/MediaBox", "/Parent")
    right = float(media[2])
    return Anchor(
        page=count - 1,
        box=(right - 15 * MM - STAMP_SIZE[0], 20 * MM, right - 15 * MM, 20 * MM + STAMP_SIZE[1]),
    )


@dataclass(frozen=True)
class SignRequest:
    """One document to sign and how its block should read."""

    pdf: bytes
    label: SignerLabel
    anchor: Anchor | None = None
    reason: str = ""
    location: str = ""


async def _sign_one(signer, request: SignRequest, at: datetime, tsa_url: str) -> bytes:
    anchor = request.anchor or default_anchor(request.pdf)
    field_name = f"Sig-{uuid.uuid4().hex[:12]}"
    meta = PdfSignatureMetadata(
        field_name=field_name,
        reason=request.reason or None,
        location=request.location or None,
        name=request.label.name,
        subfilter=fields.SigSeedSubFilter.PADES,
        use_pades_lta=False,
    )
    width, height = anchor.box[2] - anchor.box[0], anchor.box[3] - anchor.box[1]
    stamp = stamp_pdf(request.label, at, (width, height))
    style = StaticStampStyle(background=_ImportedPdfBytes(stamp), border_width=0)
    spec = fields.SigFieldSpec(field_name, box=anchor.box, on_page=anchor.page)
    timestamper = HTTPTimeStamper(tsa_url, timeout=10) if tsa_url else None
    writer = IncrementalPdfFileWriter(io.BytesIO(request.pdf), strict=False)
    pdf_signer = PdfSigner(
        meta, signer=signer, timestamper=timestamper, stamp_style=style, new_field_spec=spec
    )
    out = await pdf_signer.async_sign_pdf(writer)
    return out.getvalue()


async def _sign_all(source, secret, requests, at, tsa_url) -> list[bytes]:
    async with source.signer(secret) as signer:
        return [await _sign_one(signer, request, at, tsa_url) for request in requests]


def sign_request(signer, request: SignRequest, *, at: datetime, tsa_url: str = "") -> bytes:
    """Sign one request with a signer already opened (`source.open(secret)`); for batches
    that time each document, like the benchmark."""
    return run_async(_sign_one(signer, request, at, tsa_url))


def pdf_sign_many(
    requests: list[SignRequest], *, source, secret: str, at: datetime, tsa_url: str = ""
) -> list[bytes]:
    """Sign several PDFs after opening the key once (one passphrase or PIN for a batch).
    Rules: PAdES baseline (ETSI.CAdES.detached); visible block at each request's anchor (or
    bottom right of the last page); an RFC 3161 timestamp when `tsa_url` is given. Raises
    keys.WrongSecret / keys.KeyUnavailable from the key source."""
    return run_async(_sign_all(source, secret, requests, at, tsa_url))


def pdf_sign(
    pdf: bytes,
    *,
    source,
    secret: str,
    label: SignerLabel,
    at: datetime,
    anchor: Anchor | None = None,
    reason: str = "",
    location: str = "",
    tsa_url: str = "",
) -> bytes:
    """Sign one PDF; see `pdf_sign_many` for the rules."""
    request = SignRequest(pdf=pdf, label=label, anchor=anchor, reason=reason, location=location)
    return pdf_sign_many([request], source=source, secret=secret, at=at, tsa_url=tsa_url)[0]
