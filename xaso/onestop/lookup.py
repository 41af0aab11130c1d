"""Public lookup of a dossier by its code: the code plus the token from the receipt's QR, or
the last four digits of the applicant's phone for a typed code. Shows the status, the timeline
(statuses and dates only, never notes), the due date and a masked name: nothing else personal.
Wrong token, wrong digits and unknown code give the same answer, so codes cannot be probed;
failures are counted per client address and, for the phone digits, per code, with a back-off
(`lookup_limits`); a valid QR token is always answered."""

import hmac
import json
import re
from datetime import UTC, date, datetime
from typing import NamedTuple

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xaso.core.errors import DomainError, InvalidInput, NotFound
from xaso.onestop import lookup_limits
from xaso.onestop.models import Status
from xaso.onestop.results import SUBJECT_TYPE, WITH_RESULT
from xaso.onestop.selectors import due_state

CODE_SHAPE = re.compile(r"^[0-9A-Z][0-9A-Z-]{0,29}$")


def mask_name(name: str) -> str:
    """'Trần Thị Bình' → 'T*** T** B***': enough to recognise one's own, not to identify."""
    return " ".join(word[0] + "*" * max(2, len(word) - 1) for word in name.split())


FIELDS = (
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

# The dossier (by its unique code) joined to its timeline, with whether a signed result exists:
# one indexed query, in raw SQL (building it with the ORM on every lookup cost more than running
# it). The same statement every time, so PostgreSQL can keep it prepared on the `lookup`
# connection (settings.DATABASES: server-side binding, prepare_threshold).
_SQL = (
    "SELECT d.id, d.code, d.token, d.status, d.applicant_name, d.applicant_phone, d.received_at,"
    " d.due_date, d.finished_at, d.apology_date, p.name,"
    " EXISTS (SELECT 1 FROM documents_signeddocument s"
    " WHERE s.subject_type = %s AND s.subject_id = CAST(d.id AS VARCHAR(20))),"
    " e.at, e.to_status"
    " FROM onestop_dossier d JOIN onestop_procedure p ON p.id = d.procedure_id"
    " LEFT OUTER JOIN onestop_dossierevent e ON e.dossier_id = d.id"
    " WHERE d.code = %s ORDER BY e.at, e.id"
)
LOOKUP_DB = "lookup"  # the alias of the lookup's own connection, when settings define one


def _aware(value) -> datetime | None:
    """A stored datetime as the ORM gives it: aware, in UTC (SQLite's rows come back naive)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _day(value) -> date | None:
    return parse_date(value) if isinstance(value, str) else value


def lookup_rows(code: str) -> list[tuple]:
    """The lookup's rows for `code`, its values converted as the ORM converts them: aware
    datetimes, dates, a boolean."""
    alias = LOOKUP_DB if LOOKUP_DB in settings.DATABASES else DEFAULT_DB_ALIAS
    with connections[alias].cursor() as cursor:
        cursor.execute(_SQL, [SUBJECT_TYPE, code])
        rows = cursor.fetchall()
    return [
        (
            *row[:6],
            _aware(row[6]),
            _day(row[7]),
            _aware(row[8]),
            _day(row[9]),
            row[10],
            bool(row[11]),
            _aware(row[12]),
            row[13],
        )
        for row in rows
    ]


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
    found = _matching(code=code, token=token, phone_last4=phone_last4, client=client)
    if found is None:
        digits = not token
        if lookup_limits.failure_record(code=code, client=client, digits=digits):
            raise lookup_limits.too_many_clients()
        raise _not_found()
    return _public(found)


def lookup_if_answered(*, code: str, token: str = "", phone_last4: str = "", client: str = "") -> dict | None:
    """`lookup_dossier`'s answer when it answers, else None, without counting anything: a
    refusal is left to `lookup_dossier` (xaso.core.front hands it to the full stack)."""
    try:
        found = _matching(
            code=(code or "").strip().upper(), token=token, phone_last4=phone_last4, client=client
        )
    except DomainError:
        return None
    return None if found is None else _public(found)


def _matching(*, code: str, token: str, phone_last4: str, client: str) -> list | None:
    """The rows of the dossier the code and its token or digits open, None when they open none.
    Raises for a malformed request and while the digits path is locked."""
    if not CODE_SHAPE.match(code):
        raise InvalidInput(_("Enter the dossier code printed on your receipt."), field="code")
    if not token and not (phone_last4 or "").strip():
        raise InvalidInput(
            _("Enter the last 4 digits of the phone number on the dossier."), field="phone_last4"
        )
    digits = None if token else (phone_last4 or "").strip()
    if digits is not None:
        lookup_limits.digits_check(code=code, client=client)
    rows = lookup_rows(code)
    if not rows:
        return None
    found = dict(zip(FIELDS, rows[0], strict=False))
    if digits is None:
        ok = hmac.compare_digest(token.encode(), found["token"].encode())  # bytes: any text typed
    else:
        phone = found["applicant_phone"]
        ok = len(digits) == 4 and bool(phone) and hmac.compare_digest(digits.encode(), phone[-4:].encode())
    return rows if ok else None


def _public(rows: list) -> dict:
    found = dict(zip(FIELDS, rows[0], strict=False))
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


JSON = "application/json; charset=utf-8"


def lookup_answer(request, code: str) -> HttpResponse | None:
    """The API operation's answer to a lookup it answers 200, for xaso.core.front (declared in
    xaso/wsgi.py); None for a refusal, which the operation answers and counts."""
    found = lookup_if_answered(
        code=code,
        token=request.GET.get("token", ""),
        phone_last4=request.GET.get("phone_last4", ""),
        client=request.META.get("REMOTE_ADDR", ""),
    )
    return None if found is None else HttpResponse(lookup_json_body(found), content_type=JSON)
