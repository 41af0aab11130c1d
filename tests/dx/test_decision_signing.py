"""The recognition decision signed by the province: with the documents app's signing, valid in
xaso's public verification and in poppler's pdfsig; wrong passphrase, other province, refused."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests import factories as f
from xaso.accounts.models import User
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.documents.signing import pki
from xaso.documents.signing.credentials import trust_root_add
from xaso.documents.signing.selectors import verification_report
from xaso.dx.models import DecisionCredential, DigitalTeam
from xaso.dx.services import assessments
from xaso.dx.services.decisions import decision_credential_add, decision_sign

PASSPHRASE = "mat-khau-tinh"


@pytest.fixture(scope="module")
def province_ca():
    return pki.ca_create("xaso Test Root CA (dx)")


@pytest.fixture
def credential(province, province_supervisor, province_ca):
    trust_root_add(actor=province_supervisor, certificate_der=province_ca.cert_der, label="CA", is_test=True)
    cert = pki.cert_issue(
        province_ca,
        common_name=province_supervisor.full_name,
        organisation="UBND Tỉnh Thanh Hóa",
        title="Phó Chủ tịch",
    )
    return decision_credential_add(
        actor=province_supervisor,
        province=province,
        holder=province_supervisor,
        label="Chữ ký số Phó Chủ tịch tỉnh",
        position="Phó Chủ tịch UBND tỉnh",
        pkcs12=pki.pkcs12_bytes(cert, province_ca, PASSPHRASE),
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def decided(filled, commune, commune_leader, province_supervisor, django_capture_on_commit_callbacks):
    DigitalTeam.objects.create(commune=commune, village=f.village(commune, "Thôn A"), name="Tổ A")
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    for value in a.values.all():
        assessments.assessment_value_review(actor=province_supervisor, value=value, decision="accepted")
    with django_capture_on_commit_callbacks(execute=True):
        a = assessments.assessment_decide(
            actor=province_supervisor, assessment=a, decision_number="12/QĐ-BCĐ"
        )
    a.refresh_from_db()
    return a


def _pdfsig(pdf: bytes, tmp_path) -> subprocess.CompletedProcess:
    path = tmp_path / "quyet-dinh.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)


def test_the_signed_decision_verifies_in_xaso_and_in_pdfsig(
    decided, credential, province_supervisor, client, tmp_path
):
    a = decision_sign(actor=province_supervisor, assessment=decided, credential=credential, secret=PASSPHRASE)
    assert a.decision_signed_at and a.decision_signer == province_supervisor.full_name
    pdf = a.decision_pdf.read()

    report = verification_report(None, pdf)
    assert report.ok and report.signatures[0].signer == province_supervisor.full_name
    checked = _pdfsig(pdf, tmp_path)
    assert checked.returncode == 0 and "Signature is Valid." in checked.stdout

    upload = SimpleUploadedFile("quyet-dinh.pdf", pdf, "application/pdf")
    page = client.post(reverse("documents:verify"), {"file": upload}).content.decode()
    assert "badge-ok" in page and province_supervisor.full_name in page


def test_a_changed_byte_after_signing_is_caught(decided, credential, province_supervisor, tmp_path):
    a = decision_sign(actor=province_supervisor, assessment=decided, credential=credential, secret=PASSPHRASE)
    pdf = bytearray(a.decision_pdf.read())
    pdf[pdf.index(b"WeasyPrint") + 3] ^= 0x01  # the producer string: signed, and still readable
    assert not verification_report(None, bytes(pdf)).ok
    assert "Signature is Valid." not in _pdfsig(bytes(pdf), tmp_path).stdout


def test_a_wrong_passphrase_is_refused_and_nothing_is_signed(decided, credential, province_supervisor):
    with pytest.raises(InvalidInput) as error:
        decision_sign(actor=province_supervisor, assessment=decided, credential=credential, secret="sai")
    assert error.value.field == "secret"
    decided.refresh_from_db()
    assert decided.decision_signed_at is None


def test_a_decision_is_signed_once(decided, credential, province_supervisor):
    decision_sign(actor=province_supervisor, assessment=decided, credential=credential, secret=PASSPHRASE)
    with pytest.raises(Conflict):
        decision_sign(actor=province_supervisor, assessment=decided, credential=credential, secret=PASSPHRASE)


def test_another_provinces_supervisor_cannot_sign_or_add_a_certificate(
    decided, credential, other_province_supervisor, province, province_ca
):
    with pytest.raises(NotAllowed):
        decision_sign(
            actor=other_province_supervisor, assessment=decided, credential=credential, secret=PASSPHRASE
        )
    cert = pki.cert_issue(province_ca, common_name="Người Lạ", organisation="UBND Tỉnh Khác")
    with pytest.raises(NotAllowed):
        decision_credential_add(
            actor=other_province_supervisor,
            province=province,
            label="Lạ",
            pkcs12=pki.pkcs12_bytes(cert, province_ca, PASSPHRASE),
            passphrase=PASSPHRASE,
        )


def test_an_undecided_assessment_has_no_decision_to_sign(filled, credential, province_supervisor):
    with pytest.raises(Conflict):
        decision_sign(actor=province_supervisor, assessment=filled, credential=credential, secret=PASSPHRASE)


def test_the_supervisor_signs_from_the_assessment_page(decided, credential, province_supervisor, login):
    client = login(province_supervisor)
    page = client.get(f"/cds/danh-gia/{decided.pk}/").content.decode()
    assert "Ký số quyết định" in page and credential.label in page
    wrong = client.post(
        f"/cds/danh-gia/{decided.pk}/ky-quyet-dinh/", {"credential": credential.pk, "secret": "sai"}
    )
    assert wrong.status_code == 422 and "Mật khẩu hoặc mã PIN không đúng" in wrong.content.decode()
    done = client.post(
        f"/cds/danh-gia/{decided.pk}/ky-quyet-dinh/", {"credential": credential.pk, "secret": PASSPHRASE}
    )
    assert done.status_code == 302
    decided.refresh_from_db()
    assert decided.decision_signed_at is not None
    assert "Đã ký số bởi" in client.get(f"/cds/danh-gia/{decided.pk}/").content.decode()


def test_the_demo_gives_the_province_supervisor_a_certificate_that_signs(db, settings, tmp_path, capsys):
    settings.VAR_DIR, settings.MEDIA_ROOT, settings.DEBUG = tmp_path, tmp_path / "media", True
    call_command("dx_pki_demo")
    assert DEMO_PASSPHRASE in capsys.readouterr().out
    call_command("dx_pki_demo")  # idempotent
    [credential] = DecisionCredential.objects.all()
    supervisor = User.objects.get(username="sotinh")
    assert credential.holder == supervisor and credential.is_test
    assert credential.province_id == supervisor.memberships.get().province_id


def test_five_wrong_passphrases_lock_the_certificate_on_the_page(
    decided, credential, province_supervisor, login
):
    client = login(province_supervisor)
    url = f"/cds/danh-gia/{decided.pk}/ky-quyet-dinh/"
    for _ in range(5):
        assert client.post(url, {"credential": credential.pk, "secret": "sai"}).status_code == 422
    locked = client.post(url, {"credential": credential.pk, "secret": PASSPHRASE})
    assert "Mật khẩu hoặc mã PIN đã bị nhập sai quá nhiều lần" in locked.content.decode()
    decided.refresh_from_db()
    assert decided.decision_signed_at is None
