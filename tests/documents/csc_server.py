"""A minimal Cloud Signature Consortium API v1 service for the tests: one credential (listed by
credentials/list), PIN authorisation bound to the hashes (SCAL 2), and signHash with the
credential's RSA key."""

import base64
import http.server
import json
import secrets
import threading

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

SHA256_RSA = "1.2.840.113549.1.1.11"


class CscService:
    def __init__(self, *, issued, ca, credential_id="leader-1", pin="2468"):
        self.issued, self.ca, self.credential_id, self.pin = issued, ca, credential_id, pin
        self.sads: dict[str, list[str]] = {}
        self.calls: list[str] = []
        service = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                endpoint = self.path.removeprefix("/csc/v1/")
                service.calls.append(endpoint)
                status, answer = service.handle(endpoint, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def handle(self, endpoint: str, body: dict) -> tuple[int, dict]:
        if endpoint == "credentials/list":
            return 200, {"credentialIDs": [self.credential_id]}
        if body.get("credentialID") != self.credential_id:
            return 400, {"error": "invalid_request", "error_description": "unknown credential"}
        if endpoint == "credentials/info":
            return 200, {
                "key": {"status": "enabled", "algo": [SHA256_RSA], "len": 2048},
                "cert": {
                    "status": "valid",
                    "certificates": [
                        base64.b64encode(self.issued.cert_der).decode(),
                        base64.b64encode(self.ca.cert_der).decode(),
                    ],
                },
                "authMode": "explicit",
                "PIN": {"presence": "true", "format": "N"},
                "SCAL": "2",
                "multisign": 1,
            }
        if endpoint == "credentials/authorize":
            if body.get("PIN") != self.pin:
                return 400, {"error": "invalid_pin", "error_description": "PIN sai"}
            sad = secrets.token_urlsafe(16)
            self.sads[sad] = list(body.get("hash", []))
            return 200, {"SAD": sad, "expiresIn": 300}
        if endpoint == "signatures/signHash":
            allowed = self.sads.pop(body.get("SAD", ""), None)
            if allowed is None or allowed != body.get("hash"):
                return 400, {
                    "error": "invalid_request",
                    "error_description": "SAD not valid for these hashes",
                }
            if body.get("signAlgo") != SHA256_RSA:
                return 400, {"error": "invalid_request", "error_description": "unsupported algorithm"}
            signatures = [
                base64.b64encode(
                    self.issued.key.sign(
                        base64.b64decode(h), padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
                    )
                ).decode()
                for h in body["hash"]
            ]
            return 200, {"signatures": signatures}
        return 404, {"error": "invalid_request"}
