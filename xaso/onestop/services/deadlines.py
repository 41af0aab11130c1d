"""The daily sweep of late dossiers (task `sweep_late`, command `onestop_sweep_late`)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.accounts.roles import Role
from xaso.core.audit import audit_record
from xaso.core.calendar import local_today
from xaso.notify.services import notify_send
from xaso.onestop.models import CLOCK_RUNNING, Dossier


def dossiers_flag_late(*, today: date | None = None) -> int:
    """Flag the dossiers that went past their due date today (once each) and tell the handler
    and the commune's leaders. Rules: only dossiers whose clock runs (not paused for a
    supplement, not settled); returns how many were flagged. Run daily (task or command)."""
    today = today or local_today()
    flagged = 0
    late = Dossier.objects.filter(
        status__in=CLOCK_RUNNING, due_date__lt=today, late_flagged_on__isnull=True
    ).select_related("procedure", "assignee", "commune")
    for dossier in late.iterator(chunk_size=500):
        with transaction.atomic():
            if not Dossier.objects.filter(pk=dossier.pk, late_flagged_on__isnull=True).update(
                late_flagged_on=today
            ):
                continue  # another sweep took it
            audit_record(
                actor=None,
                action="dossier.late",
                target=dossier,
                commune_code=dossier.commune_id,
                summary=f"due {dossier.due_date:%d/%m/%Y}",
            )
            leaders = User.objects.filter(
                memberships__commune=dossier.commune,
                memberships__role=Role.COMMUNE_LEADER,
                memberships__is_active=True,
            )
            recipients = {u.pk: u for u in leaders}
            if dossier.assignee is not None:
                recipients[dossier.assignee.pk] = dossier.assignee
            for user in recipients.values():
                notify_send(
                    recipient=user,
                    subject=_("Late dossier %(code)s") % {"code": dossier.code},
                    body=_("Dossier %(code)s (%(procedure)s) was due on %(due)s and is not settled.")
                    % {
                        "code": dossier.code,
                        "procedure": dossier.procedure.name,
                        "due": dossier.due_date.strftime("%d/%m/%Y"),
                    },
                    link=reverse("onestop:dossier", args=[dossier.code]),
                    ref=f"dossier-late:{dossier.code}",
                )
        flagged += 1
    return flagged
