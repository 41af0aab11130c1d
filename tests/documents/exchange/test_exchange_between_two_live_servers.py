"""The exchange round trip between two live servers on loopback, each with its own database.

Agency A is this test process: its documents in the test database, served by Django's live
server. Agency B is another xaso: granian serving `xaso.wsgi` in a subprocess, with its own
SQLite file and settings from the environment (peer.py prepares it). A sends B an issued
document; B verifies, registers it and answers a signed receipt that A verifies and keeps.
"""

import base64
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from tests.support.exchange import agency_pkcs12
from tests.support.servers import free_port
from tests.support.signing import PASSPHRASE
from tests.support.waiting import wait_until
from xaso.core.audit import AuditEvent
from xaso.documents.exchange import envelope
from xaso.documents.exchange.delivery import deliveries_process
from xaso.documents.exchange.services import agency_key_set, agency_save, exchange_send
from xaso.documents.models import DeliveryStatus, Direction, RegisteredDocument

# One worker starts both servers for the whole module (its fixtures are module-scoped).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("two-live-servers")]

ROOT = Path(__file__).resolve().parents[3]
GRANIAN = Path(sys.executable).with_name("granian")


class Peer:
    """Agency B: its directory (database, media), its address, its server process."""

    def __init__(self, directory: Path, spec: dict):
        self.directory, self.spec, self.process = directory, spec, None
        self.url = spec["own_url"]
        self.env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "XASO_TEST_DB"}}
        self.env.update(
            XASO_VAR_DIR=str(directory), DJANGO_SETTINGS_MODULE="tests.settings", PYTHONPATH=str(ROOT)
        )
        (directory / "peer.json").write_text(json.dumps(spec))

    def run(self, action: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "tests.documents.exchange.peer", action, str(self.directory)],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start(self) -> None:
        if self.process is not None:
            return
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1", "--port", port, "--workers", "1"]
            + ["xaso.wsgi:application"],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=60, message="agency B's server did not start")

    def answers(self) -> bool:
        try:
            return requests.get(self.url + "/api/v1/places/provinces", timeout=20).status_code < 500
        except requests.RequestException:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def rows(self, sql: str, params=()) -> list[tuple]:
        with sqlite3.connect(self.directory / "xaso.sqlite3") as db:
            return db.execute(sql, params).fetchall()


def _cert_pem(p12: bytes) -> str:
    _key, cert, _extra = pkcs12.load_key_and_certificates(p12, PASSPHRASE.encode())
    return cert.public_bytes(serialization.Encoding.PEM).decode()


@pytest.fixture(scope="module")
def peer_spec(test_ca, agency_a_p12, live_server):
    return {
        "own_url": f"http://127.0.0.1:{free_port()}",
        "p12": agency_pkcs12(test_ca, "UBND Xã Hàm Yên").hex(),
        "passphrase": PASSPHRASE,
        "ca_der": test_ca.cert_der.hex(),
        "a_code": "xa-15469",
        "a_name": "UBND Xã Yên Định",
        "a_url": live_server.url,
        "a_cert_pem": _cert_pem(agency_a_p12),
    }


@pytest.fixture(scope="module")
def peer(tmp_path_factory, peer_spec):
    peer = Peer(tmp_path_factory.mktemp("agency_b"), peer_spec)
    peer.run("setup")
    yield peer
    peer.stop()


@pytest.fixture
def remote_b(transactional_db, peer, system_admin):
    """Agency B in A's registry: its address and its certificate."""
    _key, cert, _extra = pkcs12.load_key_and_certificates(
        bytes.fromhex(peer.spec["p12"]), PASSPHRASE.encode()
    )
    return agency_save(
        actor=system_admin,
        code="xa-02269",
        name="UBND Xã Hàm Yên",
        base_url=peer.url,
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM),
    )


def test_a_document_travels_to_another_xaso_and_comes_back_with_a_signed_receipt(
    peer, remote_b, agency_a, issued, clerk
):
    peer.start()
    delivery = exchange_send(actor=clerk, document=issued, recipient=remote_b)
    delivery.refresh_from_db()  # the task ran when the send committed
    assert delivery.status == DeliveryStatus.DELIVERED, delivery.last_error
    assert delivery.attempts == 1 and delivery.delivered_at and delivery.receiver_number
    receipt = envelope.receipt_check(
        bytes(delivery.receipt),
        bytes(delivery.receipt_signature),
        envelope_bytes=bytes(delivery.envelope),
        recipient_cert_der=bytes(remote_b.certificate_der),
    )
    assert receipt["recipient"] == "xa-02269" and receipt["register_number"] == delivery.receiver_number
    [(commune, number, symbol, sender)] = peer.rows(
        "SELECT d.commune_id, d.book_number, d.number_symbol, d.sender FROM documents_registereddocument d"
        " JOIN documents_inboundenvelope e ON e.document_id = d.id WHERE e.envelope_id = ?",
        (delivery.envelope_id.hex,),
    )
    assert (commune, number, symbol, sender) == (
        "02269",
        delivery.receiver_number,
        issued.number_symbol,
        "UBND Xã Yên Định",
    )
    assert AuditEvent.objects.filter(action="envelope_delivery.delivered").exists()
    # A re-delivery (a retry whose answer was lost) gets the same receipt and registers nothing.
    files = {
        "envelope": bytes(delivery.envelope),
        "signature": bytes(delivery.signature),
        "pdf": issued.file.open("rb").read(),
    }
    again = requests.post(peer.url + "/api/v1/exchange/envelopes", files=files, timeout=60).json()
    assert base64.b64decode(again["receipt"]) == bytes(delivery.receipt)
    sql = "SELECT count(*) FROM documents_inboundenvelope WHERE envelope_id = ?"
    assert peer.rows(sql, (delivery.envelope_id.hex,)) == [(1,)]


def test_a_receiver_that_was_down_gets_the_document_on_a_later_try(peer, remote_b, agency_a, issued, clerk):
    peer.stop()
    delivery = exchange_send(actor=clerk, document=issued, recipient=remote_b)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert "ConnectionError" in delivery.last_error and delivery.next_attempt_at
    peer.start()
    assert deliveries_process(now=delivery.next_attempt_at) == {DeliveryStatus.DELIVERED: 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2 and delivery.receipt


def test_an_agency_the_receiver_does_not_know_is_refused_for_good(
    peer, remote_b, issued, clerk, commune, system_admin, agency_a_p12
):
    peer.start()
    agency_key_set(
        actor=system_admin,
        commune=commune,
        code="xa-15469-moi",  # not in B's registry
        name="UBND Xã Yên Định",
        base_url="http://127.0.0.1",
        pkcs12=agency_a_p12,
        passphrase=PASSPHRASE,
    )
    delivery = exchange_send(actor=clerk, document=issued, recipient=remote_b)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.REFUSED and delivery.attempts == 1
    assert "403" in delivery.last_error and "unknown_agency" in delivery.last_error
    refusals = peer.rows("SELECT changes FROM core_auditevent WHERE action = 'inbound_envelope.refused'")
    assert any("unknown_sender" in row[0] for row in refusals)


def test_the_other_server_delivers_to_this_one(peer, remote_b, agency_a, issued, commune):
    (peer.directory / "outgoing.pdf").write_bytes(issued.file.open("rb").read())
    answer = json.loads(peer.run("send"))
    assert answer["status"] == 200, answer
    doc = RegisteredDocument.objects.get(direction=Direction.INCOMING)
    assert (
        doc.commune_id == commune.code
        and doc.sender == "UBND Xã Hàm Yên"
        and doc.number_symbol == "07/UBND-VP"
    )
    envelope.receipt_check(
        base64.b64decode(answer["body"]["receipt"]),
        base64.b64decode(answer["body"]["signature"]),
        envelope_bytes=answer["envelope"].encode(),
        recipient_cert_der=bytes(agency_a.certificate_der),
    )
