"""The receipt of a dossier with a fee to pay by transfer (its VietQR included) is one A4 page,
with the fee as "15.000 đ" and the dates dd/mm/yyyy."""

import re
import subprocess

import pytest

from xaso.onestop.models import Dossier

pytestmark = pytest.mark.django_db


def test_a_receipt_with_a_fee_is_one_page(login, citizen, account, file_marital, tmp_path):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    pdf = login(citizen).get(f"/ho-so/{dossier.code}/bien-nhan.pdf").content
    (tmp_path / "r.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True)
    pages = next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    assert pages == "1"
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    assert re.search(r"15\.000 đ(?!ồng)", text), text
    assert dossier.due_date.strftime("%d/%m/%Y") in text
