import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.dx.factories import small_set
from tests.files import PDF
from xaso.dx.services import assessments


@pytest.fixture
def dx_set(province):
    return small_set(province)


@pytest.fixture
def pdf_file():
    def _make(name="bien-ban.pdf"):
        return SimpleUploadedFile(name, PDF, "application/pdf")

    return _make


@pytest.fixture
def png_file():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("anh.png", buffer.getvalue(), "image/png")


@pytest.fixture
def filled(dx_set, commune, commune_leader, pdf_file):
    """An assessment of Yên Định with A1 = 10/10 and B1 = yes, both with evidence (C1 is
    computed: the commune has no villages, so C1 has no data and is left empty)."""
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    for code, kwargs in {"A1": {"numerator": "10", "denominator": "10"}, "B1": {"amount": "1"}}.items():
        value = a.values.get(indicator__code=code)
        assessments.assessment_value_save(actor=commune_leader, value=value, **kwargs)
        assessments.evidence_add(actor=commune_leader, value=value, upload=pdf_file())
    return a
