"""Real local servers for tests that talk to the network: a free port, an SMTP collector (for
aiosmtpd) and an HTTP gateway that records what it is sent and answers as a provider would."""

import json
import socket
import threading
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MailCollector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": message_from_bytes(envelope.content, policy=default_policy),
            }
        )
        return "250 Message accepted for delivery"


class Gateway:
    """What the fake provider saw, and how it should answer next."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.answer: dict | None = None
        self.on_request = None  # a callable run before answering (e.g. to kill a worker)
        self.seen_keys: dict[str, str] = {}
        self.lock = threading.Lock()

    def delivered_keys(self) -> list[str]:
        return list(self.seen_keys)


def handler_for(gateway: Gateway):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            key = self.headers.get("Idempotency-Key") or self.headers.get("X-Idempotency-Key") or ""
            with gateway.lock:
                gateway.requests.append(
                    {
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "json": body,
                    }
                )
                if gateway.on_request is not None:
                    gateway.on_request(gateway, body)
                status, answer = gateway.status, gateway.answer
                if status == 200 and key:
                    # Like a real gateway with idempotency keys: a repeat gets the first answer.
                    first = gateway.seen_keys.setdefault(key, f"prov-{len(gateway.seen_keys) + 1}")
                    answer = answer or {"id": first, "error": 0, "data": {"message_id": first}}
            payload = json.dumps(answer or {"id": "prov", "error": 0}).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the caller was killed while waiting for the answer

    return Handler
