"""A leader signs an approved dossier's result from its page; the citizen downloads it; the
public lookup says a signed result exists; poppler's pdfsig accepts the signature."""

import subprocess

import pytest

from tests import factories as f
from tests.support.signing import PASSPHRASE
from xaso.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from xaso.documents.models import SignedDocument
from xaso.documents.signing.selectors import verification_report
from xaso.onestop.lookup import lookup_dossier
from xaso.onestop.results import SUBJECT_TYPE, dossier_result_sign, signed_result_of
from xaso.onestop.selectors import dossier_for
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db


def _pdf(doc: SignedDocument) -> bytes:
    with doc.file.open("rb") as fh:
        return fh.read()


def test_the_leader_signs_the_result_and_an_independent_tool_accepts_it(
    approved, commune_leader, credential, tmp_path
):
    doc = dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    assert (doc.subject_type, doc.subject_id) == (SUBJECT_TYPE, str(approved.pk))
    assert signed_result_of(approved) == doc
    pdf = _pdf(doc)
    report = verification_report(commune_leader, pdf)
    assert report.signatures and all(s.intact and s.unchanged and s.trusted for s in report.signatures)
    path = tmp_path / "ket-qua.pdf"
    path.write_bytes(pdf)
    checked = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in checked.stdout, checked.stdout + checked.stderr
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # a birth registration's result is the statutory Giấy khai sinh (Circular 04/2020/TT-BTP):
    # the child's name in capitals, no dossier code (the form has no line for it)
    assert "GIẤY KHAI SINH" in text and "Quyển số" in text
    assert "LÊ MINH AN" in text and "01/03/2026" in text and doc.code in text


def test_the_result_is_signed_once(approved, commune_leader, credential):
    dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    with pytest.raises(Conflict):
        dossier_result_sign(
            actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
        )
    assert SignedDocument.objects.filter(subject_type=SUBJECT_TYPE).count() == 1


def test_a_wrong_passphrase_signs_nothing(approved, commune_leader, credential):
    with pytest.raises(InvalidInput) as refused:
        dossier_result_sign(actor=commune_leader, dossier=approved, credential_id=credential.pk, secret="sai")
    assert refused.value.field == "secret"
    assert signed_result_of(approved) is None


def test_only_a_leader_signs_and_only_after_approval(
    file_birth, walk, specialist, commune_leader, credential
):
    dossier = walk(file_birth(), "propose")
    with pytest.raises(Conflict):
        dossier_result_sign(
            actor=commune_leader, dossier=dossier, credential_id=credential.pk, secret=PASSPHRASE
        )
    dossier = dossier_act(actor=commune_leader, dossier=dossier, action="approve")
    with pytest.raises(NotAllowed):
        dossier_result_sign(actor=specialist, dossier=dossier, credential_id=credential.pk, secret=PASSPHRASE)
    assert signed_result_of(dossier) is None


def test_the_public_lookup_says_a_signed_result_exists(approved, commune_leader, credential):
    before = lookup_dossier(code=approved.code, token=approved.token)
    assert before["signed_result"] is False
    dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    after = lookup_dossier(code=approved.code, token=approved.token)
    assert after["signed_result"] is True
    assert "verification" not in str(after) and "Lê Minh An" not in str(after)


def test_pages_sign_then_offer_the_download(client, approved, commune_leader, citizen, credential):
    client.force_login(commune_leader)
    page = client.get(f"/ho-so/{approved.code}/")
    assert 'id="sign-result"' in page.content.decode()
    wrong = client.post(
        f"/ho-so/{approved.code}/ky-ket-qua/", {"credential": credential.pk, "secret": "sai"}, follow=True
    )
    assert "msg-error" in wrong.content.decode() and signed_result_of(approved) is None
    client.post(f"/ho-so/{approved.code}/ky-ket-qua/", {"credential": credential.pk, "secret": PASSPHRASE})
    doc = signed_result_of(approved)
    assert doc is not None

    client.force_login(citizen)
    page = client.get(f"/ho-so/{approved.code}/").content.decode()
    assert f"/ho-so/{approved.code}/ket-qua.pdf" in page and 'id="sign-result"' not in page
    download = client.get(f"/ho-so/{approved.code}/ket-qua.pdf")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_leader_of_another_commune_cannot_sign(approved, other_commune, credential):
    stranger = f.staff("commune_leader", commune_obj=other_commune, username="lanhdao2")
    with pytest.raises(NotFound):
        dossier_for(stranger, approved.code)
    with pytest.raises(NotAllowed):
        dossier_result_sign(actor=stranger, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE)
