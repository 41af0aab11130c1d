import base64

import pytest

from tests.support.exchange import parts, post
from xaso.core.audit import AuditEvent
from xaso.core.errors import NotFound
from xaso.documents.exchange import envelope
from xaso.documents.models import Direction, InboundEnvelope, RegisteredDocument
from xaso.documents.registry.selectors import registered_document_for


def test_an_envelope_is_registered_in_the_recipient_commune_with_a_signed_receipt(
    client, delivery, agency_b, other_commune
):
    response = post(client, parts(delivery))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["envelope_id"] == str(delivery.envelope_id) and body["register_number"] == 1
    receipt = envelope.receipt_check(
        base64.b64decode(body["receipt"]),
        base64.b64decode(body["signature"]),
        envelope_bytes=bytes(delivery.envelope),
        recipient_cert_der=bytes(agency_b.certificate_der),
    )
    assert receipt["register_number"] == 1 and receipt["sender"] == "xa-15469"
    doc = RegisteredDocument.objects.get(direction=Direction.INCOMING)
    assert doc.commune_id == other_commune.code and doc.book_number == 1
    assert (
        doc.number_symbol == delivery.document.number_symbol == "01/UBND" and doc.sender == "UBND Xã Yên Định"
    )
    assert doc.file.read() == parts(delivery)["pdf"]
    assert doc.events.get().actor_label == "UBND Xã Yên Định"
    assert AuditEvent.objects.filter(
        action="inbound_envelope.accept", commune_code=other_commune.code
    ).exists()


def test_a_redelivery_returns_the_same_receipt_and_registers_nothing(client, delivery):
    first = post(client, parts(delivery)).json()
    second = post(client, parts(delivery))
    assert second.status_code == 200
    assert second.json() == first
    assert RegisteredDocument.objects.filter(direction=Direction.INCOMING).count() == 1
    assert InboundEnvelope.objects.count() == 1


def test_the_received_document_is_seen_by_the_recipient_commune_only(client, delivery, other_officer, clerk):
    post(client, parts(delivery))
    inbound = InboundEnvelope.objects.get()
    assert registered_document_for(other_officer, inbound.document_id).title.startswith("Về việc phối hợp")
    with pytest.raises(NotFound):
        registered_document_for(clerk, inbound.document_id)
    assert InboundEnvelope.objects.for_actor(clerk, "documents.view").count() == 0
    assert InboundEnvelope.objects.for_actor(other_officer, "documents.view").count() == 1
