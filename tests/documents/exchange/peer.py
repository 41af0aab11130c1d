"""Agency B of the live-server exchange test, run as `python -m tests.documents.exchange.peer
ACTION DIRECTORY` with XASO_VAR_DIR=DIRECTORY (its own SQLite database and media):

- `setup`: migrate, create its commune (Xã Hàm Yên), trust the test CA, install its exchange
  key and register agency A, all from DIRECTORY/peer.json written by the test;
- `send`: deliver DIRECTORY/outgoing.pdf to agency A as a signed envelope and print the answer.
"""

import json
import sys
from pathlib import Path

import django

B_CODE, B_NAME = "xa-02269", "UBND Xã Hàm Yên"


def setup(spec: dict) -> None:
    from django.core.management import call_command

    from tests import factories as f
    from xaso.documents.exchange.services import agency_key_set, agency_save
    from xaso.documents.signing.credentials import trust_root_add

    call_command("migrate", verbosity=0)
    commune = f.commune("02269", "Xã Hàm Yên", f.province("08", "Tuyên Quang"))
    admin = f.staff("system_admin", username="quantri")
    trust_root_add(actor=admin, certificate_der=bytes.fromhex(spec["ca_der"]), label="Test CA", is_test=True)
    agency_key_set(
        actor=admin,
        commune=commune,
        code=B_CODE,
        name=B_NAME,
        base_url=spec["own_url"],
        pkcs12=bytes.fromhex(spec["p12"]),
        passphrase=spec["passphrase"],
    )
    agency_save(
        actor=admin,
        code=spec["a_code"],
        name=spec["a_name"],
        base_url=spec["a_url"],
        certificate_pem=spec["a_cert_pem"].encode(),
    )


def send(spec: dict, directory: Path) -> None:
    import datetime as dt

    import requests

    from xaso.documents.exchange import envelope
    from xaso.documents.exchange.services import agency_key
    from xaso.documents.models import Agency

    pdf = (directory / "outgoing.pdf").read_bytes()
    data = envelope.envelope_build(
        sender=B_CODE,
        sender_name=B_NAME,
        recipient=spec["a_code"],
        number_symbol="07/UBND-VP",
        kind="CV",
        date=dt.date.today(),
        title="Về việc trả lời đề nghị phối hợp",
        pdf=pdf,
        sent_at=dt.datetime.now(dt.UTC),
    )
    signature = envelope.cms_sign(data, agency_key(Agency.objects.get(code=B_CODE)))
    files = {"envelope": data, "signature": signature, "pdf": pdf}
    response = requests.post(spec["a_url"] + "/api/v1/exchange/envelopes", files=files, timeout=60)
    print(json.dumps({"status": response.status_code, "body": response.json(), "envelope": data.decode()}))


if __name__ == "__main__":
    action, directory = sys.argv[1], Path(sys.argv[2])
    django.setup()  # the imports above inside the functions need the apps loaded first
    spec = json.loads((directory / "peer.json").read_text())
    setup(spec) if action == "setup" else send(spec, directory)
