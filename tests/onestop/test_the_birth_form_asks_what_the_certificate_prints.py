"""The birth registration form asks every line the Giấy khai sinh prints — the child's
nationality and native place, each parent's year of birth, ethnicity, nationality and
residence — so a birth filed with them prints them instead of the form's dotted lines; a
database made before the fields existed gets them from its migration, after the field they
follow."""

import importlib
import subprocess

import pytest
from django.apps import apps

from tests.support.dossiers import BIRTH_DATA
from xaso.core.errors import InvalidInput
from xaso.core.pdf import html_to_pdf_with_anchors
from xaso.documents.official import official_html
from xaso.onestop.models import Procedure
from xaso.onestop.papers.base import DOTS
from xaso.onestop.results import result_document
from xaso.onestop.services.filing import dossier_submit

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("xaso.onestop.migrations.0012_birth_forms_ask_what_the_paper_prints")
ASKED = (
    "child_nationality",
    "child_native_place",
    "mother_birth_year",
    "mother_ethnicity",
    "mother_nationality",
    "mother_residence",
    "father_birth_year",
    "father_ethnicity",
    "father_nationality",
    "father_residence",
)
FILED = {
    **BIRTH_DATA,
    "child_nationality": "Việt Nam",
    "child_native_place": "xã Yên Định, tỉnh Thanh Hóa",
    "mother_birth_year": 1992,
    "mother_ethnicity": "Mường",
    "mother_nationality": "Việt Nam",
    "mother_residence": "Thôn Phúc Lộc, xã Yên Định, tỉnh Thanh Hóa",
    "father_name": "Lê Văn Cường",
    "father_birth_year": 1989,
    "father_ethnicity": "Kinh",
    "father_nationality": "Lào",
    "father_residence": "Thôn Đông Sơn, xã Yên Định, tỉnh Thanh Hóa",
}


def _printed(dossier, tmp_path) -> str:
    pdf, _anchors = html_to_pdf_with_anchors(
        official_html(result_document(dossier, signer_name="Phạm Văn Lộc"))
    )
    path = tmp_path / "giay-khai-sinh.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.mark.parametrize("code", ["1.001193", "1.000689", "1.004884"])
def test_each_birth_form_asks_the_printed_lines_with_vietnamese_labels(code):
    form = {f["name"]: f for f in Procedure.objects.get(national_code=code).form}
    asked = [name.replace("child_", "person_") if code == "1.004884" else name for name in ASKED]
    for name in asked:
        assert name in form, name
        assert form[name]["label"][:1].isupper() and not form[name]["label"].isascii()
    assert form["mother_birth_year"]["type"] == "integer"


def test_a_filed_birth_prints_what_was_asked_instead_of_dotted_lines(citizen, commune, tmp_path):
    dossier = dossier_submit(
        actor=citizen,
        procedure=Procedure.objects.get(national_code="1.001193"),
        commune=commune,
        data=dict(FILED),
    )
    text = _printed(dossier, tmp_path)
    for printed in (
        "xã Yên Định, tỉnh Thanh Hóa",
        "1992",
        "Mường",
        "Lê Văn Cường",
        "1989",
        "Lào",
        "Thôn Đông Sơn, xã Yên Định, tỉnh Thanh Hóa",
    ):
        assert printed in text, printed
    # the only lines left for the pen: "Số" and "Quyển số" (no register entry before the
    # approval) and the child's personal ID, which the population database gives later
    assert text.count(DOTS) == 3


def test_a_birth_year_that_is_not_a_year_is_refused_naming_the_field(citizen, commune):
    with pytest.raises(InvalidInput, match="Năm sinh của người mẹ"):
        dossier_submit(
            actor=citizen,
            procedure=Procedure.objects.get(national_code="1.001193"),
            commune=commune,
            data={**FILED, "mother_birth_year": 92},
        )


def test_an_existing_database_gets_the_fields_after_the_ones_they_follow():
    procedure = Procedure.objects.get(national_code="1.001193")
    shipped = list(procedure.form)
    edited = [dict(f) for f in shipped if f["name"] not in ASKED]
    edited[0]["label"] = "Họ và tên người đi khai sinh"  # an admin's own edit
    procedure.form = edited
    procedure.save()
    MIGRATION.ask_the_printed_lines(apps, None)
    procedure.refresh_from_db()
    assert [f["name"] for f in procedure.form] == [f["name"] for f in shipped]
    assert procedure.form[0]["label"] == "Họ và tên người đi khai sinh"
