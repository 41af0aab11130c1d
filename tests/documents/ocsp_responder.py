"""A real OCSP responder for the tests: OpenSSL's `openssl ocsp` answering from an index file
(the CA database format), signed by the test CA. Started on a free port; stopped at the end."""

import datetime as dt
import socket
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from xaso.documents.signing.pki import Issued


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _line(issued: Issued, revoked_at: dt.datetime | None) -> str:
    expiry = issued.cert.not_valid_after_utc.strftime("%y%m%d%H%M%SZ")
    serial = format(issued.cert.serial_number, "X")
    serial = serial if len(serial) % 2 == 0 else "0" + serial
    subject = "/CN=" + issued.cert.subject.rfc4514_string().replace(",", "/")
    if revoked_at is None:
        return f"V\t{expiry}\t\t{serial}\tunknown\t{subject}\n"
    return f"R\t{expiry}\t{revoked_at.strftime('%y%m%d%H%M%SZ')}\t{serial}\tunknown\t{subject}\n"


class OcspResponder:
    def __init__(self, *, ca: Issued, directory: Path, port: int, good=(), revoked=()):
        self.url = f"http://127.0.0.1:{port}"
        self.directory = directory
        (directory / "ca.pem").write_bytes(ca.cert_pem)
        (directory / "ca.key").write_bytes(
            ca.key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        when = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        lines = [_line(i, None) for i in good] + [_line(i, when) for i in revoked]
        (directory / "index.txt").write_text("".join(lines))
        self.command = [
            "openssl",
            "ocsp",
            "-index",
            str(directory / "index.txt"),
            "-port",
            str(port),
            "-rsigner",
            str(directory / "ca.pem"),
            "-rkey",
            str(directory / "ca.key"),
            "-CA",
            str(directory / "ca.pem"),
            "-nmin",
            "5",
        ]

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        # Ready once it says so (no sleep): "ocsp: waiting for OCSP client connections..."
        for line in self.process.stdout:
            if "waiting for OCSP client connections" in line:
                break
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
