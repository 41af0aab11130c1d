"""The administrative format of Decree 30/2020/NĐ-CP (Appendix I): one template for every
official document xaso prints — results, receipts, apology letters, notices, decisions.

Layout, top to bottom: issuing body (left) and national title and motto (right); number and
symbol (left) and place and date (right); the document kind and its summary title, centred;
the body; the signature block (right) with the authority line, the position, the space the
digital signature is stamped into, and the signer's name; recipients (left, "Nơi nhận").
The printed wording is the legal format's and therefore Vietnamese whatever the UI language.

A paper with a statutory form of its own (a civil-status certificate or extract, Circular
04/2020/TT-BTP) names its `template` and passes its filled lines as `paper`; it goes through
the same pipeline (`official_html` → PDF → signing) and keeps the same anchors
(`SIGNATURE_ANCHOR` for the signature, `NUMBER_ANCHOR` when the number is stamped at issue).
"""

import io
from dataclasses import dataclass, field
from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

from xaso.core.pdf import Anchor, html_to_pdf_with_anchors

SIGNATURE_ANCHOR = "xaso-signature"
NUMBER_ANCHOR = "xaso-number"


@dataclass(frozen=True)
class DocumentKind:
    code: str  # the abbreviation in the symbol (Appendix III): TB, QĐ …
    printed: str  # the name printed above the title: THÔNG BÁO …
    label: str  # the interface's name for it (translated)


# Appendix III of Decree 30/2020: names and abbreviations of administrative documents. A
# "công văn" has no printed kind and no abbreviation in its symbol.
KINDS = {
    k.code: k
    for k in [
        DocumentKind("NQ", "NGHỊ QUYẾT", _("Resolution")),
        DocumentKind("QĐ", "QUYẾT ĐỊNH", _("Decision")),
        DocumentKind("CT", "CHỈ THỊ", _("Directive")),
        DocumentKind("QC", "QUY CHẾ", _("Regulation")),
        DocumentKind("TB", "THÔNG BÁO", _("Notice")),
        DocumentKind("HD", "HƯỚNG DẪN", _("Guidance")),
        DocumentKind("KH", "KẾ HOẠCH", _("Plan")),
        DocumentKind("BC", "BÁO CÁO", _("Report")),
        DocumentKind("BB", "BIÊN BẢN", _("Minutes")),
        DocumentKind("TTr", "TỜ TRÌNH", _("Submission")),
        DocumentKind("GM", "GIẤY MỜI", _("Invitation")),
        DocumentKind("GGT", "GIẤY GIỚI THIỆU", _("Letter of introduction")),
        DocumentKind("GXN", "GIẤY XÁC NHẬN", _("Certification")),
        DocumentKind("PTN", "PHIẾU TIẾP NHẬN", _("Receipt")),
        DocumentKind("TXL", "THƯ XIN LỖI", _("Apology letter")),
        DocumentKind("CV", "", _("Official letter")),
    ]
}


# The commune's own offices an outgoing document can be sent to (after the 2025 reform: the
# People's Committee's office, the economic and the cultural-social divisions, the public
# administration service centre). Villages and other agencies are added beside them.
COMMUNE_OFFICES = (
    "Văn phòng HĐND và UBND xã",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công",
    "Công an xã",
    "Ban Chỉ huy Quân sự xã",
)


def symbol_of(kind: str, body_abbr: str, *, unit_abbr: str = "") -> str:
    """The symbol after the number: "TB-UBND"; a công văn: "UBND" or "UBND-VP"."""
    if kind == "CV":
        return f"{body_abbr}-{unit_abbr}" if unit_abbr else body_abbr
    return f"{KINDS[kind].code}-{body_abbr}"


def number_and_symbol(number: int | None, symbol: str) -> str:
    """ "15/TB-UBND"; a draft without a number keeps the place empty: "   /TB-UBND"."""
    # Decree 30: numbers below 10 take a leading zero.
    return f"{number:02d}/{symbol}" if number else f"     /{symbol}"


def date_line(place: str, day: date) -> str:
    """ "Yên Định, ngày 05 tháng 01 năm 2026": days below 10 and months below 3 take a 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class OfficialDocument:
    kind: str
    issuing_body: str  # "ỦY BAN NHÂN DÂN XÃ YÊN ĐỊNH"
    body_abbr: str  # "UBND"
    place: str  # "Yên Định"
    issued_on: date
    title: str  # the summary (trích yếu)
    body: str  # plain text, paragraphs separated by blank lines
    signer_name: str = ""
    signer_position: str = "CHỦ TỊCH"
    authority: str = "TM. ỦY BAN NHÂN DÂN"  # "TM.", "KT.", "Q." line above the position
    recipients: list[str] = field(default_factory=list)
    number: int | None = None
    parent_body: str = ""  # the body above the issuer, when there is one
    unit_abbr: str = ""
    is_test: bool = False
    reserve_number_box: bool = False  # outgoing: room under the number for the seal at issue
    printed_kind: str = ""  # a result's own name ("TRÍCH LỤC KHAI SINH") instead of the kind's
    template: str = "documents/official.html"  # a statutory form's own layout
    paper: dict = field(default_factory=dict)  # that form's filled lines, for its template

    @property
    def kind_info(self) -> DocumentKind:
        return KINDS[self.kind]

    @property
    def printed_name(self) -> str:
        return self.printed_kind or self.kind_info.printed

    @property
    def number_line(self) -> str:
        return "Số: " + number_and_symbol(
            self.number, symbol_of(self.kind, self.body_abbr, unit_abbr=self.unit_abbr)
        )

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.issued_on)

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


def official_html(doc: OfficialDocument) -> str:
    if doc.kind not in KINDS:
        raise ValueError(f"unknown document kind {doc.kind!r}")
    return render_to_string(
        doc.template,
        {
            "doc": doc,
            "paper": doc.paper,
            "css": render_to_string("documents/official.css"),
            "anchor": SIGNATURE_ANCHOR,
            "number_anchor": NUMBER_ANCHOR,
        },
    )


def official_pdf(doc: OfficialDocument) -> tuple[bytes, Anchor | None]:
    """The document as PDF and where its signature block awaits the digital signature."""
    pdf, anchors = html_to_pdf_with_anchors(official_html(doc))
    return pdf, anchors.get(SIGNATURE_ANCHOR)


# The number box's size as documents/official.css reserves it (`.number-space`): the seal's
# block is stamped there when the clerk issues the document.
MM = 72 / 25.4
NUMBER_BOX = (64 * MM, 13 * MM)


def anchor_in_pdf(pdf: bytes, name: str, size: tuple[float, float]) -> Anchor | None:
    """Where the element with id `name` landed in a PDF this template rendered, read back from
    the PDF's named destination (WeasyPrint writes one per id: its page and top-left corner)
    with the element's known `size`; None when the PDF has no such destination. Issuance uses
    it to find the number box on a signed paper without rendering the paper again."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        names = reader.root["/Names"]["/Dests"]["/Names"]
        # a flat name tree: name, destination, name, destination … (pyHanko's arrays do not slice)
        items = [names[i] for i in range(len(names))]
        dest = dict(zip(items[::2], items[1::2], strict=True)).get(name)
        if dest is None:
            return None
        page_ref, left, top = dest.raw_get(0), float(dest[2]), float(dest[3])
        count = int(reader.root["/Pages"]["/Count"])
        for index in range(count):
            ref, _resources = reader.find_page_for_modification(index)
            if ref.idnum == page_ref.idnum:
                return Anchor(page=index, box=(left, top - size[1], left + size[0], top))
    except (PdfError, KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None
    return None
