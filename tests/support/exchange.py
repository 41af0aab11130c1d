"""The exchange of documents between agencies: an agency's key, the parts of an envelope's POST,
and an envelope signed again by another key."""

from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.support.signing import PASSPHRASE
from xaso.documents.exchange import envelope
from xaso.documents.signing import pki


def agency_pkcs12(test_ca, name: str) -> bytes:
    issued = pki.cert_issue(test_ca, common_name=f"{name} - trao đổi văn bản", organisation=name)
    return pki.pkcs12_bytes(issued, test_ca, PASSPHRASE)


def parts(delivery) -> dict:
    """The three parts of the POST, as the delivery worker sends them."""
    return {
        "envelope": bytes(delivery.envelope),
        "signature": bytes(delivery.signature),
        "pdf": delivery.document.file.open("rb").read(),
    }


def post(client, data: dict):
    files = {name: SimpleUploadedFile(name, value) for name, value in data.items()}
    return client.post("/api/v1/exchange/envelopes", files)


def resign(data: bytes, p12: bytes) -> bytes:
    key, cert, extra = pkcs12.load_key_and_certificates(p12, PASSPHRASE.encode())
    return envelope.cms_sign(data, envelope.AgencyKey(key, cert, list(extra)))
