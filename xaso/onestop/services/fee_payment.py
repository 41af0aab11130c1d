"""A dossier's fee received: the paid handler of the fee's payment requests, registered with
xaso.payments at start-up (apps.py), which runs it inside the transaction that settles one."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.notify.services import notify_send
from xaso.onestop.fees import FEE_KIND
from xaso.onestop.models import Dossier
from xaso.onestop.workflow import DOSSIER_FLOW
from xaso.payments.handlers import register_paid_handler
from xaso.payments.models import PaymentMethod, PaymentRequest


def fee_paid(request: PaymentRequest) -> None:
    """The paid handler of FEE_KIND. Rules: runs inside the transaction that settles `request`;
    every dossier sharing it (a linked group pays once) is marked paid, gets a timeline row and
    an audit entry (`dossier.fee_paid`, through the engine); each citizen is told once."""
    now = request.paid_at or timezone.now()
    dossiers = list(
        Dossier.objects.select_for_update(of=("self",))
        .filter(fee_request=request, fee_paid_at__isnull=True)
        .select_related("procedure", "citizen")
        .order_by("pk")
    )
    amount = f"{request.amount_received:,}".replace(",", ".")
    if request.method == PaymentMethod.CASH:
        note = _("Fee received: %(amount)s đồng in cash at the one-stop desk (receipt %(receipt)s).") % {
            "amount": amount,
            "receipt": request.receipt_number or request.reference,
        }
    else:
        note = _("Fee received: %(amount)s đồng by bank transfer (payment code %(reference)s).") % {
            "amount": amount,
            "reference": request.reference,
        }
    told = set()
    for dossier in dossiers:
        Dossier.objects.filter(pk=dossier.pk).update(fee_paid_at=now)
        DOSSIER_FLOW.record(
            dossier,
            "fee_paid",
            note=note,
            data={
                "reference": request.reference,
                "amount": request.amount_received,
                "method": request.method,
            },
            summary=f"{request.reference} {request.amount_received}",
        )
        if dossier.citizen_id is not None and dossier.citizen_id not in told:
            told.add(dossier.citizen_id)
            notify_send(
                recipient=dossier.citizen,
                subject=_("Dossier %(code)s: fee received") % {"code": dossier.code},
                body=note,
                link=reverse("onestop:dossier", args=[dossier.code]),
                ref=f"dossier-fee:{dossier.code}",
            )


def register() -> None:
    register_paid_handler(FEE_KIND, fee_paid)
