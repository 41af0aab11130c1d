"""The electronic-exchange indicator against a hand-counted register (Yên Định, 2025)."""

from datetime import datetime
from decimal import Decimal as D

from tests.dx.factories import signed_document
from xaso.core.calendar import LOCAL_TZ
from xaso.documents.models import RegisteredDocument
from xaso.dx.calculators import Period, compute_one


def _doc(commune, direction, number, registered, *, file="", text="", signed=None, status="registered"):
    return RegisteredDocument.objects.create(
        commune=commune,
        direction=direction,
        status=status,
        kind="CV",
        title="Công văn",
        book_number=number,
        registered_at=registered,
        file=file,
        text=text,
        signed_document=signed,
    )


def test_documents_exchanged_electronically_count_signed_outgoing_and_born_digital_incoming(
    commune, other_commune
):
    at = datetime(2025, 3, 1, 9, tzinfo=LOCAL_TZ)
    _doc(
        commune,
        "out",
        1,
        at,
        signed=signed_document(commune, "documents.registereddocument", 1),
        status="issued",
    )
    _doc(commune, "out", None, None, status="draft")  # not issued: not in the book
    _doc(commune, "in", 1, at, file="documents/registry/a.pdf", text="Kính gửi UBND xã")  # electronic
    _doc(commune, "in", 2, at, file="documents/registry/scan.pdf", text="")  # a scan of paper
    _doc(commune, "in", 3, at)  # paper, no file
    _doc(commune, "in", 4, datetime(2024, 12, 31, 9, tzinfo=LOCAL_TZ), file="x.pdf", text="2024")

    m = compute_one("documents.exchanged_electronically", commune.code, Period.year(2025)).measure
    assert (m.numerator, m.denominator) == (D(2), D(4))
    none = compute_one("documents.exchanged_electronically", other_commune.code, Period.year(2025))
    assert none.measure is None and none.note.startswith("no data")
