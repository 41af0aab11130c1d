"""Run inside a crash-suite instance (`xaso shell -c`): set it up, or report what it holds.

`setup`: a commune, citizens with e-mail addresses and API tokens (printed as JSON).
`report`: the filed dossiers, the idempotency keys, the code counters and the outbox (JSON)."""

import json
import sys

from django.db.models import Count

from tests import factories as f
from xaso.accounts.services import api_token_issue
from xaso.core.models import IdempotencyKey
from xaso.notify.models import OutboxMessage
from xaso.onestop.models import Dossier, DossierCounter, Procedure, Status
from xaso.onestop.services.catalogue import procedures_load


def setup(citizens: int) -> dict:
    if not Procedure.objects.exists():
        procedures_load()
    commune = f.commune(code="90001", name="Xã Bền Bỉ")
    tokens = []
    for i in range(citizens):
        user = f.citizen(commune_obj=commune, phone=f"09120000{i:02d}")
        user.email = f"dan{i}@example.vn"
        user.save(update_fields=["email"])
        tokens.append(api_token_issue(user=user, name="crash suite"))
    return {"commune": commune.code, "tokens": tokens}


def report() -> dict:
    filed = Dossier.objects.exclude(status=Status.DRAFT)
    return {
        "codes": list(filed.values_list("code", flat=True)),
        "drafts": Dossier.objects.filter(status=Status.DRAFT).count(),
        "keys": {k: r["code"] for k, r in IdempotencyKey.objects.values_list("key", "response")},
        "counters": [
            [c, d.isoformat(), n]
            for c, d, n in DossierCounter.objects.values_list("commune_id", "day", "last")
        ],
        "outbox": dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id"))),
        "mailed_refs": sorted(
            OutboxMessage.objects.filter(channel="email", status="sent").values_list("ref", flat=True)
        ),
    }


def main(what: str, arg: str = "0") -> None:
    result = setup(int(arg)) if what == "setup" else report()
    sys.stdout.write("PROBE" + json.dumps(result) + "\n")
