"""A dossier's signed result cannot be masked, so it goes only where the dossier's personal
numbers go in full: its citizen and the commune's staff who process it, signed in. Holding the
verification code is not enough to download it; a supervisor or a clerk, who reads the dossier
masked, gets no link and no file; every staff download is recorded as a reading of the dossier;
and the paper itself prints only what its statutory form has (never a phone number)."""

import subprocess

import pytest

from tests.support.dossiers import BIRTH_DATA, MARITAL_DATA
from tests.support.signing import PASSPHRASE
from xaso.documents.signing.services import signed_result_create
from xaso.onestop.models import Dossier, DossierView, Procedure
from xaso.onestop.results import dossier_result_sign, result_lines

pytestmark = pytest.mark.django_db
PHONE, PERSONAL_ID = BIRTH_DATA["applicant_phone"], BIRTH_DATA["applicant_personal_id"]


@pytest.fixture
def signed(approved, commune_leader, credential):
    doc = dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    return approved, doc


def _result_url(dossier) -> str:
    return f"/ho-so/{dossier.code}/ket-qua.pdf"


def test_the_verification_codes_download_sends_to_sign_in_not_to_the_file(client, signed):
    dossier, doc = signed
    response = client.get(f"/xac-thuc/{doc.code}/tai-ve/", follow=True)
    assert response.redirect_chain[0][0] == _result_url(dossier)
    assert response.redirect_chain[-1][0].startswith("/dang-nhap/")
    assert not response.get("Content-Type", "").startswith("application/pdf")
    direct = client.get(_result_url(dossier))
    assert direct.status_code == 302 and direct["Location"].startswith("/dang-nhap/")


def test_the_public_record_of_the_code_still_verifies_without_personal_data(client, signed):
    _dossier, doc = signed
    page = client.get(f"/xac-thuc/{doc.code}/")
    text = page.content.decode()
    assert page.status_code == 200 and doc.sha256 in text
    for personal in (PHONE, PERSONAL_ID, BIRTH_DATA["applicant_name"], BIRTH_DATA["child_name"]):
        assert personal not in text


@pytest.mark.parametrize("role", ["clerk", "province_supervisor"])
def test_a_reader_who_sees_numbers_masked_gets_no_link_and_no_file(request, login, signed, role):
    dossier, doc = signed
    reader = login(request.getfixturevalue(role))
    page = reader.get(f"/ho-so/{dossier.code}/").content.decode()
    assert 'id="signed-result"' in page and _result_url(dossier) not in page
    assert f"/xac-thuc/{doc.code}/tai-ve/" not in page
    assert reader.get(_result_url(dossier)).status_code == 403
    followed = reader.get(f"/xac-thuc/{doc.code}/tai-ve/", follow=True)
    assert followed.status_code == 403


def test_an_officer_of_another_commune_finds_nothing(login, signed, other_officer):
    dossier, doc = signed
    assert login(other_officer).get(_result_url(dossier)).status_code == 404


@pytest.mark.parametrize("role", ["one_stop_officer", "specialist", "commune_leader"])
def test_staff_who_process_it_download_it_and_the_reading_is_recorded(request, login, signed, role):
    dossier, doc = signed
    staff = request.getfixturevalue(role)
    DossierView.objects.filter(dossier=dossier).delete()
    # through the verification code's download too: it sends to the dossier's own door
    response = login(staff).get(f"/xac-thuc/{doc.code}/tai-ve/", follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert list(DossierView.objects.filter(dossier=dossier).values_list("viewer", flat=True)) == [staff.pk]


def test_the_citizen_downloads_their_own_result_unrecorded(login, signed, citizen):
    dossier, _doc = signed
    page = login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    assert _result_url(dossier) in page
    response = login(citizen).get(_result_url(dossier))
    assert response.status_code == 200
    assert not DossierView.objects.filter(dossier=dossier, viewer=citizen).exists()


def test_a_document_without_a_subject_still_downloads_from_its_code(
    client, commune, commune_leader, credential
):
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Thông báo",
        html_or_pdf="<p>Thông báo</p>",
        credential=credential,
        secret=PASSPHRASE,
    )
    response = client.get(f"/xac-thuc/{doc.code}/tai-ve/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_birth_result_prints_no_phone_and_keeps_the_personal_id_its_form_has(approved):
    text = "\n".join(result_lines(approved))
    assert PHONE not in text
    assert PERSONAL_ID in text  # the extract has a line for the registering person's ID
    assert "Quan hệ với người được khai sinh: Mẹ" in text  # a choice by its label, not "me"
    assert "01/03/2026" in text and "2026-03-01" not in text


def test_a_result_whose_form_has_no_id_line_prints_neither_phone_nor_id(commune):
    procedure = Procedure.objects.get(code="dang-ky-tam-tru")
    dossier = Dossier(
        procedure=procedure,
        commune=commune,
        data={**MARITAL_DATA, "stay_address": "Thôn Phúc Lộc", "stay_until": "2027-01-31"},
    )
    text = "\n".join(result_lines(dossier))
    assert PHONE not in text and PERSONAL_ID not in text
    assert "Thôn Phúc Lộc" in text and "31/01/2027" in text
    assert "purpose" not in text  # an answer the form does not have is not printed


def test_the_signed_pdf_carries_no_phone(signed, tmp_path):
    _dossier, doc = signed
    path = tmp_path / "ket-qua.pdf"
    with doc.file.open("rb") as fh:
        path.write_bytes(fh.read())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert PHONE not in text and BIRTH_DATA["child_name"].upper() in text
