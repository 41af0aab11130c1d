"""Public lookup of a dossier by its code: the code plus the token from the receipt's QR, or
the last four digits of the applicant's phone for a typed code. Shows the status, the timeline
(statuses and dates only, never notes), the due date and a masked name: nothing else personal.
Wrong token, wrong digits and unknown code give the same answer, so codes cannot be probed;
each client address and each code may try only so often (the default cache keeps the counts)."""

import hashlib
import hmac
import re

from django.core.cache import cache
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput, NotFound, RateLimited
from xaso.onestop.models import Dossier, DossierEvent, Status
from xaso.onestop.results import WITH_RESULT, has_signed_result
from xaso.onestop.selectors import due_state

CODE_SHAPE = re.compile(r"^[0-9A-Z][0-9A-Z-]{0,29}$")
WINDOW_SECONDS = 60
# A person retyping a code a few times is fine; a script walking codes is not.
PER_CLIENT = 30
PER_CODE = 10


def mask_name(name: str) -> str:
    """'Trần Thị Bình' → 'T*** T** B***': enough to recognise one's own, not to identify."""
    return " ".join(word[0] + "*" * max(2, len(word) - 1) for word in name.split())


def _hit(key: str, limit: int) -> None:
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    if count > limit:
        raise RateLimited(_("Too many lookups. Wait a minute and try again."))


def _not_found():
    return NotFound(
        _("No dossier matches this code and these digits. Check the code on your receipt."), field="code"
    )


def lookup_dossier(*, code: str, token: str = "", phone_last4: str = "", client: str = "") -> dict:
    """What the public may see of one dossier. Rules: the code with its QR token or with the
    last 4 digits of the applicant's phone; rate-limited per client and per code."""
    code = (code or "").strip().upper()
    if not CODE_SHAPE.match(code):
        raise InvalidInput(_("Enter the dossier code printed on your receipt."), field="code")
    if not token and not (phone_last4 or "").strip():
        raise InvalidInput(
            _("Enter the last 4 digits of the phone number on the dossier."), field="phone_last4"
        )
    _hit(f"onestop:lookup:client:{hashlib.sha256(client.encode()).hexdigest()[:32]}", PER_CLIENT)
    _hit(f"onestop:lookup:code:{code}", PER_CODE)
    dossier = (
        Dossier.objects.select_related("procedure")
        .only(
            "code",
            "token",
            "status",
            "applicant_name",
            "applicant_phone",
            "received_at",
            "due_date",
            "finished_at",
            "procedure__name",
            "procedure__national_code",
        )
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise _not_found()
    if token:
        ok = hmac.compare_digest(token, dossier.token)
    else:
        digits = (phone_last4 or "").strip()
        ok = (
            len(digits) == 4
            and bool(dossier.applicant_phone)
            and hmac.compare_digest(digits, dossier.applicant_phone[-4:])
        )
    if not ok:
        raise _not_found()
    timeline = [
        {"at": at, "status": to_status, "status_label": str(Status(to_status).label)}
        for at, to_status in DossierEvent.objects.filter(dossier_id=dossier.pk)
        .order_by("at", "pk")
        .values_list("at", "to_status")
    ]
    return {
        "code": dossier.code,
        "procedure": dossier.procedure.name,
        "status": dossier.status,
        "status_label": str(Status(dossier.status).label),
        "applicant": mask_name(dossier.applicant_name),
        "received_at": dossier.received_at,
        "due_date": dossier.apology_date or dossier.due_date,
        "due_state": due_state(dossier),
        "timeline": timeline,
        # The signed result itself stays with the citizen; the public learns only that it exists.
        "signed_result": dossier.status in WITH_RESULT and has_signed_result(dossier.pk),
    }
