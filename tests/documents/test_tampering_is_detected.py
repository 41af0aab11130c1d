import io

import pytest
from django.utils import translation
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from tests.support.signing import PASSPHRASE, pdfsig
from xaso.core.errors import InvalidInput
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def signed_pdf(media_root, commune, commune_leader, leader_credential) -> bytes:
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Quyết định",
        html_or_pdf="<p>Số tiền hỗ trợ: 1.000.000 đồng</p>",
        credential=leader_credential,
        secret=PASSPHRASE,
    )
    return doc.file.read()


def _flip(pdf: bytes, at: int) -> bytes:
    data = bytearray(pdf)
    data[at] ^= 0x01
    return bytes(data)


def test_a_byte_flipped_in_the_signed_content_is_detected(signed_pdf, commune_leader, tmp_path):
    # The producer string sits in the signed range and flipping it keeps the PDF readable.
    tampered = _flip(signed_pdf, signed_pdf.index(b"WeasyPrint") + 3)
    report = verification_report(commune_leader, tampered)
    assert not report.ok
    [sig] = report.signatures
    assert not sig.intact and not sig.unchanged
    assert "Signature is Invalid" in pdfsig(tampered, tmp_path) or "Digest Mismatch" in pdfsig(
        tampered, tmp_path
    )


def test_a_changed_signature_value_is_detected(signed_pdf, commune_leader, tmp_path):
    # The RSA signature value ends the CMS blob, just before the zero padding of /Contents.
    start = signed_pdf.index(b"/Contents <") + len(b"/Contents <")
    end = signed_pdf.index(b">", start)
    last = len(signed_pdf[start:end].rstrip(b"0")) + start
    at = last - 20
    data = bytearray(signed_pdf)
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    tampered = bytes(data)
    report = verification_report(commune_leader, tampered)
    assert not report.ok
    assert not report.signatures[0].intact
    assert "Signature is Valid." not in pdfsig(tampered, tmp_path)


@pytest.mark.parametrize("offset", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
def test_no_byte_flipped_in_the_signed_ranges_passes_as_valid(signed_pdf, commune_leader, offset):
    # Outside the signed ranges is the signature's own zero padding; everything else is covered.
    gap_start = signed_pdf.index(b"/Contents <") + len(b"/Contents ")
    gap_end = signed_pdf.index(b">", gap_start) + 1
    covered = [*range(0, gap_start), *range(gap_end, len(signed_pdf))]
    tampered = _flip(signed_pdf, covered[int(len(covered) * offset)])
    try:
        report = verification_report(commune_leader, tampered)
    except InvalidInput:
        return  # unreadable after the flip: refused, which is also a detection
    assert not report.ok


def test_content_added_in_a_later_revision_is_reported(signed_pdf, commune_leader, tmp_path):
    # The classic attack: keep the signed bytes, append an incremental update that draws over
    # the page. The signature still checks out; the report must say the document changed.
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    overlay = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 100 200 50 re f"))
    writer.add_stream_to_page(0, overlay)
    out = io.BytesIO()
    writer.write(out)
    with translation.override("en"):
        report = verification_report(commune_leader, out.getvalue())
    [sig] = report.signatures
    assert sig.intact
    assert not sig.unchanged
    assert not report.ok
    assert "Content was added to the document after it was signed." in sig.problems


def test_a_flip_anywhere_in_the_cross_reference_table_is_refused_or_detected(signed_pdf, commune_leader):
    # The tail of the file (xref, trailer) is what parsers trip on: never a crash, never "valid".
    tail = signed_pdf.rindex(b"xref")
    for at in range(tail, len(signed_pdf), max(1, (len(signed_pdf) - tail) // 60)):
        try:
            report = verification_report(commune_leader, _flip(signed_pdf, at))
        except InvalidInput:
            continue
        assert not report.ok, at
