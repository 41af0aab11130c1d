import datetime as dt
import socket

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils import timezone

from xaso.core.audit import AuditEvent
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.documents.exchange import envelope
from xaso.documents.exchange.delivery import deliveries_process, queue
from xaso.documents.exchange.services import exchange_send
from xaso.documents.models import DeliveryStatus
from xaso.documents.registry.services import outgoing_create
from xaso.documents.signing import pki


def test_the_envelope_describes_the_issued_document_and_is_signed_by_the_sender(delivery, agency_a, issued):
    meta = envelope.envelope_parse(bytes(delivery.envelope))
    assert meta["sender"] == "xa-15469" and meta["recipient"] == "xa-15475"
    assert meta["number_symbol"] == issued.number_symbol and meta["title"] == issued.title
    assert meta["pdf_sha256"] == envelope.sha256(issued.file.open("rb").read())
    envelope.cms_verify(
        bytes(delivery.envelope), bytes(delivery.signature), cert_der=bytes(agency_a.certificate_der)
    )
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 0
    assert issued.events.filter(action="exchange_send").exists()


def test_a_document_goes_once_to_each_agency(delivery, issued, clerk, agency_b):
    with pytest.raises(Conflict):
        exchange_send(actor=clerk, document=issued, recipient=agency_b)


def test_only_the_registrars_of_the_commune_send(issued, specialist, other_officer, agency_a, agency_b):
    for actor in (specialist, other_officer):
        with pytest.raises(NotAllowed):
            exchange_send(actor=actor, document=issued, recipient=agency_b)


def test_a_draft_is_not_sent(media_root, commune, clerk, agency_a, agency_b):
    draft = outgoing_create(actor=clerk, commune=commune, kind="CV", title="Nháp", body="…", recipients=[])
    with pytest.raises(Conflict):
        exchange_send(actor=clerk, document=draft, recipient=agency_b)


def test_a_commune_without_an_exchange_key_cannot_send(issued, clerk, agency_b):
    with pytest.raises(Conflict) as caught:
        exchange_send(actor=clerk, document=issued, recipient=agency_b)
    assert caught.value.code == "no_key"


def test_a_commune_cannot_send_to_itself(issued, clerk, agency_a):
    with pytest.raises(InvalidInput):
        exchange_send(actor=clerk, document=issued, recipient=agency_a)


def test_a_revoked_exchange_certificate_does_not_send(
    issued, clerk, agency_a, agency_b, test_ca, tmp_path, settings
):
    cert = x509.load_der_x509_certificate(bytes(agency_a.certificate_der))
    path = tmp_path / "ca.crl"
    crl = pki.crl_create(test_ca, [(cert.serial_number, dt.datetime.now(dt.UTC))])
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    settings.CRL_SOURCES = [str(path)]
    with pytest.raises(Conflict) as caught:
        exchange_send(actor=clerk, document=issued, recipient=agency_b)
    assert caught.value.code == "revoked"
    assert AuditEvent.objects.filter(action="document.send_refused").exists()
    assert not issued.deliveries.exists()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_recipient_is_retried_with_backoff_then_given_up(delivery, agency_b, settings):
    settings.EXCHANGE_MAX_ATTEMPTS = 3
    agency_b.base_url = f"http://127.0.0.1:{_closed_port()}"
    agency_b.save()
    before = timezone.now()
    assert deliveries_process() == {"pending": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "ConnectionError" in delivery.last_error
    wait = (delivery.next_attempt_at - before).total_seconds()
    assert queue.backoff_seconds(1) <= wait < queue.backoff_seconds(1) + 30
    assert deliveries_process() == {}  # not due yet
    assert deliveries_process(now=delivery.next_attempt_at) == {"pending": 1}
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and (
        delivery.next_attempt_at - before
    ).total_seconds() >= queue.backoff_seconds(2)
    assert deliveries_process(now=delivery.next_attempt_at) == {"dead": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DEAD and delivery.attempts == 3
    assert AuditEvent.objects.filter(action="envelope_delivery.dead").exists()


def test_backoff_doubles_and_is_capped(settings):
    settings.EXCHANGE_RETRY_BASE_SECONDS = 60
    settings.EXCHANGE_RETRY_MAX_SECONDS = 600
    assert [queue.backoff_seconds(n) for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 480, 600]
