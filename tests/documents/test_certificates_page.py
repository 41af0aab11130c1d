"""The certificates page: a leader enrols their own certificate, the clerk the seal; bad input
keeps what was typed (never the secret) with a Vietnamese message and stores nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.csc_server import CscService
from tests.support.signing import PASSPHRASE
from xaso.documents.models import Agency, SigningCredential

URL = "/van-ban/chung-thu/"


def _post(client, **data):
    form = {"purpose": "personal", "source": "pkcs12", "label": "Chữ ký số của tôi", "position": "Chủ tịch"}
    form.update(data)
    return client.post(URL, form)


def test_a_leader_enrols_a_pkcs12_file_through_the_page(
    login, commune_leader, leader_p12, trusted_ca, media_root
):
    client = login(commune_leader)
    assert client.get(URL).status_code == 200
    response = _post(client, pkcs12=SimpleUploadedFile("toi.p12", leader_p12), passphrase=PASSPHRASE)
    assert response.status_code == 302
    credential = SigningCredential.objects.get()
    assert credential.holder == commune_leader
    page = client.get(URL).content.decode()
    assert "Chữ ký số của tôi" in page and "CHỮ KÝ THỬ NGHIỆM" in page


def test_a_wrong_passphrase_keeps_what_was_typed_but_not_the_secret(
    login, commune_leader, leader_p12, trusted_ca
):
    response = _post(
        login(commune_leader), pkcs12=SimpleUploadedFile("toi.p12", leader_p12), passphrase="mat-khau-sai-123"
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Mật khẩu không mở được tệp này." in page
    assert "Chữ ký số của tôi" in page and "mat-khau-sai-123" not in page
    assert not SigningCredential.objects.exists()


def test_a_file_that_is_not_a_certificate_is_refused_in_vietnamese(login, commune_leader, trusted_ca):
    response = _post(
        login(commune_leader), pkcs12=SimpleUploadedFile("anh.p12", b"\x89PNG..."), passphrase="x"
    )
    assert response.status_code == 422
    assert "không phải là tệp chứng thư PKCS#12" in response.content.decode()


def test_a_missing_file_is_named(login, commune_leader):
    response = _post(login(commune_leader), passphrase="x")
    assert response.status_code == 422
    assert "Hãy chọn tệp PKCS#12." in response.content.decode()


def test_the_clerk_enrols_the_seal_and_cannot_choose_a_personal_certificate(
    login, clerk, seal_p12, leader_p12, trusted_ca
):
    client = login(clerk)
    response = _post(client, pkcs12=SimpleUploadedFile("p.p12", leader_p12), passphrase=PASSPHRASE)
    assert response.status_code == 422  # "personal" is not one of the clerk's choices
    response = _post(
        client, purpose="seal", pkcs12=SimpleUploadedFile("s.p12", seal_p12), passphrase=PASSPHRASE
    )
    assert response.status_code == 302
    assert SigningCredential.objects.get().is_seal


def test_a_remote_account_is_listed_then_enrolled(login, commune_leader, leader_cert, test_ca, trusted_ca):
    client = login(commune_leader)
    with CscService(issued=leader_cert, ca=test_ca) as csc:
        response = _post(client, source="csc", service_url=csc.url)
        assert response.status_code == 302  # one account offered: enrolled straight away
    assert SigningCredential.objects.get().csc_credential_id == csc.credential_id


def test_a_specialist_cannot_open_the_page(login, specialist):
    assert login(specialist).get(URL).status_code == 403


def test_an_administrator_installs_the_exchange_key_of_a_commune(
    login, system_admin, commune, seal_p12, trusted_ca
):
    client = login(system_admin)
    url = f"{URL}?xa={commune.code}"
    page = client.get(url).content.decode()
    assert "Khoá trao đổi văn bản của xã" in page and 'name="exchange-code"' in page
    data = {"exchange-form": "exchange", "exchange-code": "H38.15469", "exchange-name": "UBND Xã Yên Định"}
    bad = client.post(
        url, {**data, "exchange-pkcs12": SimpleUploadedFile("s.p12", seal_p12), "exchange-passphrase": "sai"}
    )
    assert bad.status_code == 422 and "Mật khẩu không mở được tệp này." in bad.content.decode()
    assert not Agency.objects.exists()
    good = client.post(
        url,
        {**data, "exchange-pkcs12": SimpleUploadedFile("s.p12", seal_p12), "exchange-passphrase": PASSPHRASE},
    )
    assert good.status_code == 302
    assert Agency.objects.get().commune == commune


def test_a_leader_does_not_see_the_exchange_key_form(login, commune_leader):
    assert 'name="exchange-code"' not in login(commune_leader).get(URL).content.decode()
