import pytest

from tests.support.signing import PASSPHRASE, pdfsig
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.documents.models import DocumentStatus, RegisterBook
from xaso.documents.registry.services import document_act, outgoing_create, outgoing_issue, outgoing_sign
from xaso.documents.signing.selectors import verification_report


@pytest.fixture
def draft(media_root, specialist, commune):
    return outgoing_create(
        actor=specialist,
        commune=commune,
        kind="TB",
        title="Về việc tổ chức tiêm chủng mở rộng",
        body="Ủy ban nhân dân xã thông báo lịch tiêm chủng tháng 12.\n\nĐề nghị các thôn báo tới từng hộ.",
        recipients=["Các thôn", "Trạm y tế xã"],
    )


@pytest.fixture
def signed(draft, specialist, commune_leader, leader_credential):
    doc = document_act(actor=specialist, document=draft, action="submit")
    return outgoing_sign(actor=commune_leader, document=doc, credential=leader_credential, secret=PASSPHRASE)


def test_draft_review_sign_issue_distribute(signed, clerk, seal_credential, commune_leader, tmp_path):
    assert signed.status == DocumentStatus.SIGNED and signed.book_number is None
    doc = outgoing_issue(actor=clerk, document=signed, seal=seal_credential, secret=PASSPHRASE)
    assert doc.status == DocumentStatus.ISSUED
    assert doc.book_number == 1
    assert doc.number_symbol == "01/TB-UBND"
    pdf = doc.file.read()
    report = verification_report(commune_leader, pdf)
    assert report.ok
    assert [s.signer for s in report.signatures] == ["Trịnh Văn Hùng", "UBND Xã Yên Định"]
    assert pdfsig(pdf, tmp_path).count("Signature is Valid.") == 2
    (tmp_path / "issued.pdf").write_bytes(pdf)
    assert "tiêm chủng" in doc.text  # extracted for search
    doc = document_act(actor=clerk, document=doc, action="distribute")
    assert doc.status == DocumentStatus.DISTRIBUTED


def test_the_number_is_given_at_issue_in_issue_order(signed, draft, clerk, seal_credential):
    first = outgoing_issue(actor=clerk, document=signed, seal=seal_credential, secret=PASSPHRASE)
    assert first.book_number == 1


def test_a_wrong_seal_passphrase_gives_the_number_back(signed, clerk, seal_credential):
    with pytest.raises(InvalidInput):
        outgoing_issue(actor=clerk, document=signed, seal=seal_credential, secret="sai")
    signed.refresh_from_db()
    assert signed.status == DocumentStatus.SIGNED and signed.book_number is None
    assert not RegisterBook.objects.filter(direction="out", last_number__gt=0).exists()
    doc = outgoing_issue(actor=clerk, document=signed, seal=seal_credential, secret=PASSPHRASE)
    assert doc.book_number == 1


def test_a_personal_certificate_cannot_stand_in_for_the_seal(
    signed, commune_leader, leader_credential, clerk
):
    with pytest.raises(InvalidInput) as caught:
        outgoing_issue(actor=clerk, document=signed, seal=leader_credential, secret=PASSPHRASE)
    assert caught.value.field == "credential"


def test_only_a_leader_signs(draft, specialist, leader_credential):
    doc = document_act(actor=specialist, document=draft, action="submit")
    with pytest.raises(NotAllowed):
        outgoing_sign(actor=specialist, document=doc, credential=leader_credential, secret=PASSPHRASE)


def test_a_leader_can_return_a_draft(draft, specialist, commune_leader):
    doc = document_act(actor=specialist, document=draft, action="submit")
    doc = document_act(actor=commune_leader, document=doc, action="return", note="Sửa ngày tiêm")
    assert doc.status == DocumentStatus.DRAFT
