"""An administrator installs a root or intermediate CA in the admin by uploading its file; a file
that is not a CA certificate is an error on the field, and nothing is trusted."""

from django.core.files.uploadedfile import SimpleUploadedFile

from xaso.core.models import AuditEvent
from xaso.documents.models import TrustRoot

ADD = "/quan-tri/documents/trustroot/add/"


def test_an_admin_uploads_a_root(login, system_admin, test_ca):
    client = login(system_admin)
    upload = SimpleUploadedFile("root.cer", test_ca.cert_der)
    response = client.post(ADD, {"label": "Root CA quốc gia", "certificate_file": upload})
    assert response.status_code == 302
    root = TrustRoot.objects.get()
    assert root.label == "Root CA quốc gia" and bytes(root.certificate_der) == test_ca.cert_der
    assert AuditEvent.objects.filter(action="trust_root.add", actor=system_admin).exists()


def test_a_file_that_is_not_a_certificate_is_an_error_on_the_field(login, system_admin):
    client = login(system_admin)
    upload = SimpleUploadedFile("root.pem", b"-----BEGIN CERTIFICATE-----\nxyz\n-----END CERTIFICATE-----\n")
    response = client.post(ADD, {"label": "Sai", "certificate_file": upload})
    assert response.status_code == 200
    assert "không phải là chứng thư" in response.content.decode()
    assert not TrustRoot.objects.exists()


def test_the_certificates_list_shows_enrolled_credentials(login, system_admin, leader_credential):
    response = login(system_admin).get("/quan-tri/documents/signingcredential/")
    assert response.status_code == 200
    assert leader_credential.label in response.content.decode()
