"""The province supervisor enrols the certificate the province signs its recognition decisions
with, on a page; a wrong passphrase or a file that is not PKCS#12 keeps what was typed, stores
nothing, and is audited; a commune's staff cannot reach the page."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.signing import PASSPHRASE
from xaso.core.models import AuditEvent
from xaso.dx.models import DecisionCredential

URL = "/cds/tinh/chung-thu/"


def _post(client, data, passphrase):
    return client.post(
        URL,
        {
            "label": "Chữ ký Giám đốc Sở",
            "position": "Giám đốc",
            "pkcs12": SimpleUploadedFile("gd.p12", data),
            "passphrase": passphrase,
        },
    )


def test_the_supervisor_enrols_the_decision_certificate(login, province_supervisor, leader_p12, trusted_ca):
    client = login(province_supervisor)
    assert client.get(URL).status_code == 200
    assert _post(client, leader_p12, PASSPHRASE).status_code == 302
    credential = DecisionCredential.objects.get()
    assert (
        credential.holder == province_supervisor
        and credential.province_id == province_supervisor.memberships.get().province_id
    )
    assert "Chữ ký Giám đốc Sở" in client.get(URL).content.decode()


def test_a_wrong_passphrase_is_refused_and_audited(login, province_supervisor, leader_p12, trusted_ca):
    response = _post(login(province_supervisor), leader_p12, "sai-roi")
    assert response.status_code == 422
    page = response.content.decode()
    assert (
        "Mật khẩu không mở được tệp này." in page and "Chữ ký Giám đốc Sở" in page and "sai-roi" not in page
    )
    assert not DecisionCredential.objects.exists()
    assert AuditEvent.objects.filter(action="signing_credential.enrol_refused").exists()


def test_a_file_that_is_not_pkcs12_is_refused(login, province_supervisor, trusted_ca):
    response = _post(login(province_supervisor), b"GIF89a...", PASSPHRASE)
    assert response.status_code == 422
    assert "không phải là tệp chứng thư PKCS#12" in response.content.decode()


def test_a_commune_leader_cannot_enrol_for_the_province(login, commune_leader):
    assert login(commune_leader).get(URL).status_code == 403
