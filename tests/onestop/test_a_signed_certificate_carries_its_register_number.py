"""The leader signs the statutory paper itself: a birth registered in the register is signed
as a Giấy khai sinh bearing the entry's number, book and registration date, and poppler's
pdfsig still says the signature is valid."""

import re
import subprocess
from datetime import date

import pytest

from tests.support.dossiers import BIRTH_DATA
from tests.support.signing import PASSPHRASE
from xaso.onestop import hooks
from xaso.onestop.results import dossier_result_sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(monkeypatch):
    """A register provider, as the civil-status app registers one from its AppConfig.ready()."""
    monkeypatch.setattr(hooks, "_marks", [])
    mark = hooks.RegisterMark(number="105", book="02/2026", registered_on=date(2026, 3, 11), entry_id=1)
    hooks.register_marks(lambda dossier: mark if dossier.procedure.national_code == "1.001193" else None)


def test_the_signed_birth_certificate_bears_the_entrys_number_and_is_valid(
    register, approved, commune_leader, credential, tmp_path
):
    doc = dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    path = tmp_path / "giay-khai-sinh.pdf"
    with doc.file.open("rb") as fh:
        path.write_bytes(fh.read())
    checked = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in checked.stdout, checked.stdout + checked.stderr
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(out.split())
    assert "GIẤY KHAI SINH" in text and "Số: 105" in text and "Quyển số: 02/2026" in text
    assert "Ngày, tháng, năm đăng ký: 11/03/2026" in text
    assert "ghi bằng chữ: Ngày một, tháng ba, năm hai nghìn không trăm hai mươi sáu" in text
    assert BIRTH_DATA["applicant_phone"] not in text and not re.search(r"\d{4}-\d{2}-\d{2}", text)
