"""Envelopes that are refused: nothing registered, a problem body, an audit entry each."""

import datetime as dt
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from tests.support.exchange import parts, post, resign
from xaso.core.audit import AuditEvent
from xaso.documents.exchange.envelope import sha256
from xaso.documents.models import Direction, RegisteredDocument
from xaso.documents.signing import pki


def _refused(response, status: int, code: str) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["type"] == f"about:blank#{code}"
    assert not RegisteredDocument.objects.filter(direction=Direction.INCOMING).exists()
    event = AuditEvent.objects.filter(action="inbound_envelope.refused").latest("seq")
    return event.changes["reason"]


def _with(delivery, **changes) -> bytes:
    meta = json.loads(bytes(delivery.envelope))
    meta.update(changes)
    return json.dumps(meta, ensure_ascii=False).encode()


def test_an_unknown_sending_agency_is_refused_with_403(client, delivery, agency_a_p12):
    data = _with(delivery, sender="xa-99999")
    response = post(client, {**parts(delivery), "envelope": data, "signature": resign(data, agency_a_p12)})
    assert _refused(response, 403, "unknown_agency") == "unknown_sender"


def test_a_changed_envelope_is_refused_with_422(client, delivery):
    data = _with(delivery, title="Về việc khác hẳn")
    assert (
        _refused(post(client, {**parts(delivery), "envelope": data}), 422, "bad_signature") == "bad_signature"
    )


def test_an_envelope_signed_by_another_agency_is_refused(client, delivery, agency_b_p12):
    signature = resign(bytes(delivery.envelope), agency_b_p12)
    response = post(client, {**parts(delivery), "signature": signature})
    assert _refused(response, 422, "bad_signature") == "wrong_signer"


def test_a_swapped_pdf_is_refused(client, delivery):
    pdf = parts(delivery)["pdf"] + b"\n% them"
    assert _refused(post(client, {**parts(delivery), "pdf": pdf}), 422, "pdf_mismatch") == "pdf_mismatch"


def test_a_pdf_whose_own_signature_is_broken_is_refused(client, delivery, agency_a_p12):
    pdf = bytearray(parts(delivery)["pdf"])
    pdf[len(pdf) // 3] ^= 0x01  # inside the first signed revision
    pdf = bytes(pdf)
    data = _with(delivery, pdf_sha256=sha256(pdf), pdf_size=len(pdf))
    response = post(client, {"envelope": data, "signature": resign(data, agency_a_p12), "pdf": pdf})
    assert response.status_code == 422, response.content
    assert response.json()["type"].split("#")[1] in {"pdf_signature", "corrupt"}
    assert not RegisteredDocument.objects.filter(direction=Direction.INCOMING).exists()
    assert AuditEvent.objects.filter(action="inbound_envelope.refused").exists()


def test_an_envelope_for_an_agency_that_is_not_here_is_refused(client, delivery, agency_a_p12):
    data = _with(delivery, recipient="xa-00001")
    response = post(client, {**parts(delivery), "envelope": data, "signature": resign(data, agency_a_p12)})
    assert _refused(response, 422, "unknown_recipient") == "unknown_recipient"


def test_a_sender_whose_certificate_was_revoked_is_refused(
    client, delivery, agency_a, test_ca, tmp_path, settings
):
    cert = x509.load_der_x509_certificate(bytes(agency_a.certificate_der))
    crl = pki.crl_create(test_ca, [(cert.serial_number, dt.datetime.now(dt.UTC))])
    path = tmp_path / "ca.crl"
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    settings.CRL_SOURCES = [str(path)]
    assert _refused(post(client, parts(delivery)), 422, "revoked") == "certificate_revoked"


def test_a_malformed_envelope_is_refused(client, delivery):
    response = post(client, {**parts(delivery), "envelope": b"{not json"})
    assert _refused(response, 422, "malformed") == "malformed"


@pytest.mark.parametrize("missing", ["envelope", "signature", "pdf"])
def test_a_missing_part_is_refused(client, delivery, missing):
    data = parts(delivery)
    del data[missing]
    assert post(client, data).status_code == 422
