"""Public lookup of a dossier by its code: the code plus the token from the receipt's QR, or
the last four digits of the applicant's phone for a typed code. Shows the status, the timeline
(statuses and dates only, never notes), the due date and a masked name: nothing else personal.
Wrong token, wrong digits and unknown code give the same answer, so codes cannot be probed;
failures are counted per client address and, for the phone digits, per code, with a back-off
(`lookup_limits`); a valid QR token is always answered."""

import hmac
import json
import re
from datetime import date, datetime
from typing import NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput, NotFound
from xaso.core.prepared import fetch_prepared
from xaso.documents.models import SignedDocument
from xaso.onestop import lookup_limits
from xaso.onestop.models import Dossier, Status
from xaso.onestop.results import SUBJECT_TYPE, WITH_RESULT
from xaso.onestop.selectors import due_state

CODE_SHAPE = re.compile(r"^[0-9A-Z][0-9A-Z-]{0,29}$")


def mask_name(name: str) -> str:
    """'Trần Thị Bình' → 'T*** T** B***': enough to recognise one's own, not to identify."""
    return " ".join(word[0] + "*" * max(2, len(word) - 1) for word in name.split())


_FIELDS = (
    "id",
    "code",
    "token",
    "status",
    "applicant_name",
    "applicant_phone",
    "received_at",
    "due_date",
    "finished_at",
    "apology_date",
    "procedure__name",
    "signed_result",
)


class _CompiledQuery:
    """A read run on every public lookup, compiled by the ORM once per process: Django builds
    the SQL and the value converters from the queryset, each request only executes it (the
    compiling costs more than the indexed query itself), as a statement PostgreSQL keeps
    prepared per connection (xaso.core.prepared)."""

    PLACEHOLDER = "\x00code"

    def __init__(self, build):
        self.build = build
        self.compiled: dict[str, tuple] = {}

    def rows(self, value) -> list:
        connection = connections[DEFAULT_DB_ALIAS]  # once: django.db.connection looks it up each use
        found = self.compiled.get(connection.vendor)
        if found is None:
            compiler = self.build(self.PLACEHOLDER).query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
            # Constants of the query (compiled in) and exactly one place for the looked-up value.
            if list(params).count(self.PLACEHOLDER) != 1:
                raise ValueError("the compiled lookup takes exactly one parameter")
            converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
            found = self.compiled[connection.vendor] = (sql, list(params), compiler, converters)
        sql, params, compiler, converters = found
        rows = fetch_prepared(sql, [value if p == self.PLACEHOLDER else p for p in params])
        return [tuple(row) for row in compiler.apply_converters(rows, converters)] if converters else rows


def _lookup_query(code):
    """The dossier (by its unique code) joined to its timeline, with whether a signed result
    exists, as plain values: one indexed query."""
    signed = SignedDocument.objects.filter(
        subject_type=SUBJECT_TYPE, subject_id=Cast(OuterRef("pk"), CharField())
    )
    return (
        Dossier.objects.filter(code=code)
        .annotate(signed_result=Exists(signed))
        .order_by("events__at", "events__id")
        .values_list(*_FIELDS, "events__at", "events__to_status")
    )


_LOOKUP = _CompiledQuery(_lookup_query)


class _Due(NamedTuple):
    status: str
    due_date: date | None
    finished_at: datetime | None


_LABELS: dict[str, dict[str, str]] = {}


def _status_labels() -> dict[str, str]:
    """Each status's label in the active language, translated once per process and language."""
    language = get_language()
    found = _LABELS.get(language)
    if found is None:
        found = _LABELS[language] = {status.value: str(status.label) for status in Status}
    return found


def _not_found():
    return NotFound(
        _("No dossier matches this code and these digits. Check the code on your receipt."), field="code"
    )


def lookup_dossier(*, code: str, token: str = "", phone_last4: str = "", client: str = "") -> dict:
    """What the public may see of one dossier. Rules: the code with its QR token or with the
    last 4 digits of the applicant's phone; failures back off (`lookup_limits`): a valid token
    is always answered, the digits path of a code is locked after failures from anyone."""
    code = (code or "").strip().upper()
    if not CODE_SHAPE.match(code):
        raise InvalidInput(_("Enter the dossier code printed on your receipt."), field="code")
    if not token and not (phone_last4 or "").strip():
        raise InvalidInput(
            _("Enter the last 4 digits of the phone number on the dossier."), field="phone_last4"
        )
    digits = None if token else (phone_last4 or "").strip()
    if digits is not None:
        lookup_limits.digits_check(code=code, client=client)
    rows = _LOOKUP.rows(code)
    found = dict(zip(_FIELDS, rows[0], strict=False)) if rows else None
    if found is None:
        ok = False
    elif digits is None:
        ok = hmac.compare_digest(token.encode(), found["token"].encode())  # bytes: any text typed
    else:
        phone = found["applicant_phone"]
        ok = len(digits) == 4 and bool(phone) and hmac.compare_digest(digits.encode(), phone[-4:].encode())
    if not ok:
        if lookup_limits.failure_record(code=code, client=client, digits=digits is not None):
            raise lookup_limits.too_many_clients()
        raise _not_found()
    labels = _status_labels()
    timeline = [
        {"at": row[-2], "status": row[-1], "status_label": labels[row[-1]]}
        for row in rows
        if row[-2] is not None
    ]
    # What due_state reads of a dossier, without building a model instance for it.
    dossier = _Due(status=found["status"], due_date=found["due_date"], finished_at=found["finished_at"])
    return {
        "code": found["code"],
        "procedure": found["procedure__name"],
        "status": dossier.status,
        "status_label": labels[dossier.status],
        "applicant": mask_name(found["applicant_name"]),
        "received_at": found["received_at"],
        "due_date": found["apology_date"] or dossier.due_date,
        "due_state": due_state(dossier),
        "timeline": timeline,
        # The signed result itself stays with the citizen; the public learns only that it exists.
        "signed_result": dossier.status in WITH_RESULT and bool(found["signed_result"]),
    }


# The answer's only values JSON has not are datetimes and dates: written as ninja's encoder
# writes them (it hands them to Django's unchanged), so the plain paths answer as the operation.
_DATES = DjangoJSONEncoder().default


def lookup_json_body(found: dict) -> bytes:
    """`lookup_dossier`'s answer as the API operation's JSON body."""
    return json.dumps(found, default=_DATES).encode()
