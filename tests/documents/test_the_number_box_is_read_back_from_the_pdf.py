"""The seal's block goes over a paper's number box: issuance reads the box back from the
signed PDF (WeasyPrint's named destination plus the box's size) instead of rendering the paper
again, and finds the same place the render reported."""

import datetime as dt

from xaso.core.pdf import html_to_pdf_with_anchors
from xaso.documents.official import NUMBER_ANCHOR, NUMBER_BOX, OfficialDocument, anchor_in_pdf, official_html


def _document(*, reserve: bool) -> OfficialDocument:
    return OfficialDocument(
        kind="GXN",
        issuing_body="ỦY BAN NHÂN DÂN XÃ YÊN ĐỊNH",
        body_abbr="UBND",
        place="Yên Định",
        issued_on=dt.date(2026, 3, 5),
        title="Xác nhận",
        body="Nội dung.",
        reserve_number_box=reserve,
    )


def test_the_box_read_back_is_where_the_render_put_it():
    pdf, anchors = html_to_pdf_with_anchors(official_html(_document(reserve=True)))
    rendered, read = anchors[NUMBER_ANCHOR], anchor_in_pdf(pdf, NUMBER_ANCHOR, NUMBER_BOX)
    assert read is not None and read.page == rendered.page
    assert all(abs(a - b) < 0.5 for a, b in zip(read.box, rendered.box, strict=True)), (read, rendered)


def test_a_paper_without_a_box_or_a_pdf_without_names_gives_none():
    pdf, _anchors = html_to_pdf_with_anchors(official_html(_document(reserve=False)))
    assert anchor_in_pdf(pdf, NUMBER_ANCHOR, NUMBER_BOX) is None
    assert anchor_in_pdf(b"%PDF-1.7 not really", NUMBER_ANCHOR, NUMBER_BOX) is None
