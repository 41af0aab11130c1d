"""With a timestamp authority configured, the signing time is certified by a third party."""

import http.server
import threading

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from tests.support.signing import PASSPHRASE, pdfsig
from xaso.documents.signing import pki
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def tsa(test_ca):
    issued = pki.tsa_cert_issue(test_ca)
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(issued.cert_der),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            issued.key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
    )
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(self.headers["Content-Type"])
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tsa", requests
    server.shutdown()
    server.server_close()


def test_a_configured_tsa_certifies_the_signing_time(
    media_root, tsa, commune, commune_leader, leader_credential, settings, tmp_path
):
    url, requests = tsa
    settings.TSA_URL = url
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Có dấu thời gian",
        html_or_pdf="<p>Dấu thời gian</p>",
        credential=leader_credential,
        secret=PASSPHRASE,
    )
    pdf = doc.file.read()
    # pyHanko asks once to size the signature, then once for the real token.
    assert requests and set(requests) == {"application/timestamp-query"}
    [sig] = verification_report(commune_leader, pdf).signatures
    assert sig.time_certified
    assert sig.ok
    assert "Signature is Valid." in pdfsig(pdf, tmp_path)


def test_without_a_tsa_the_time_is_the_signers_own(media_root, commune, commune_leader, leader_credential):
    doc = signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Không có dấu thời gian",
        html_or_pdf="<p>x</p>",
        credential=leader_credential,
        secret=PASSPHRASE,
    )
    [sig] = verification_report(commune_leader, doc.file.read()).signatures
    assert not sig.time_certified and sig.signed_at is not None
