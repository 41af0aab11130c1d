"""After the leader signs a dossier's result, the clerk issues it with the commune's seal: a
second signature (the organisation certificate) added to the leader-signed PDF, which keeps
the leader's signature valid; pdfsig and xaso's verification both find two valid signatures;
the paper's number is given at issuance from the outgoing book."""

import subprocess

import pytest

from tests.support.signing import PASSPHRASE, pdfsig, pdftext
from xaso.core.audit import AuditEvent
from xaso.documents.models import RegisterBook
from xaso.documents.signing.selectors import verification_report
from xaso.onestop.issuance import dossier_result_issue, issuance_of, results_to_issue_for
from xaso.onestop.results import dossier_result_sign, signed_result_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_register")]


def _pdf(doc) -> bytes:
    with doc.file.open("rb") as fh:
        return fh.read()


@pytest.fixture
def signed(approved, commune_leader, credential):
    return dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )


def test_the_clerk_issues_and_both_signatures_are_valid(approved, signed, clerk, seal_credential, tmp_path):
    leader_signed = _pdf(signed)
    assert [d.code for d in results_to_issue_for(clerk)] == [approved.code]

    issued = dossier_result_issue(actor=clerk, dossier=approved, secret=PASSPHRASE)

    pdf = _pdf(issued)
    # An incremental update: the leader's bytes are kept as they were signed.
    assert pdf.startswith(leader_signed) and len(pdf) > len(leader_signed)
    checked = pdfsig(pdf, tmp_path)
    assert checked.count("Signature is Valid") == 2, checked
    report = verification_report(clerk, pdf)
    assert [s.ok for s in report.signatures] == [True, True], [s.problems for s in report.signatures]
    leader, seal = report.signatures
    assert (leader.signer, leader.position, leader.is_organisation) == ("Trịnh Văn Hùng", "Chủ tịch", False)
    assert (seal.signer, seal.is_organisation) == ("UBND Xã Yên Định", True)
    # The record keeps its verification code and now describes the issued file.
    assert issued.code == signed.code and signed_result_of(approved).sha256 == issued.sha256
    assert issued.size == len(pdf)
    assert "01/GXN-UBND" in pdftext(pdf, tmp_path)
    issuance = issuance_of(approved)
    assert issuance.number == "01/GXN-UBND" and issuance.issued_by
    assert not results_to_issue_for(clerk).exists()


def test_the_leaders_signature_is_untouched_by_the_seal(approved, signed, clerk, seal_credential, tmp_path):
    before = verification_report(clerk, _pdf(signed)).signatures[0]
    dossier_result_issue(actor=clerk, dossier=approved, secret=PASSPHRASE)
    pdf = _pdf(signed_result_of(approved))
    after = verification_report(clerk, pdf).signatures[0]
    assert (after.serial, after.signed_at, after.intact, after.unchanged) == (
        before.serial,
        before.signed_at,
        True,
        True,
    )
    # poppler checks the first signature on its own: valid, and it does not cover the seal.
    path = tmp_path / "issued.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False).stdout
    first = out.split("Signature #2")[0]
    assert "Signature is Valid" in first and "Trịnh Văn Hùng" in first


def test_issuance_numbers_follow_the_outgoing_book(approved, signed, clerk, seal_credential, commune):
    dossier_result_issue(actor=clerk, dossier=approved, secret=PASSPHRASE)
    book = RegisterBook.objects.get(commune=commune, direction="out")
    assert book.last_number == 1


def test_a_wrong_pin_seals_nothing_takes_no_number_and_is_audited(
    approved, signed, clerk, seal_credential, commune, tmp_path
):
    leader_signed = _pdf(signed)
    with pytest.raises(Exception) as refused:
        dossier_result_issue(actor=clerk, dossier=approved, secret="sai")
    assert refused.value.code == "wrong_secret" and "không đúng" in str(refused.value.message)
    assert _pdf(signed_result_of(approved)) == leader_signed
    assert issuance_of(approved) is None
    assert not RegisterBook.objects.filter(commune=commune, direction="out", last_number__gt=0).exists()
    assert AuditEvent.objects.filter(action="dossier.result_issue_refused", actor=clerk).exists()
    # and the right PIN still issues, with the first number
    dossier_result_issue(actor=clerk, dossier=approved, secret=PASSPHRASE)
    assert issuance_of(approved).number == "01/GXN-UBND"
