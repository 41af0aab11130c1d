"""Cash receipt numbers (số biên lai): the commune's own sequence, or a number typed from a
paper receipt book. Either way a number names one payment in its commune (the database's
partial unique index payreq_receipt_unique holds it even when two cashiers type at once)."""

import re
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xaso.core.calendar import local_today
from xaso.core.counters import next_number
from xaso.core.errors import InvalidInput
from xaso.payments.models import PaymentRequest, ReceiptCounter

PREFIX = "BL"
MAX_LENGTH = 30
# The shape of the sequence's numbers; a typed number of this shape is refused, or it would
# collide later with the number the sequence gives.
_SEQUENCE_SHAPE = re.compile(rf"^{PREFIX}-\d+-\d{{4}}-\d+$", re.IGNORECASE)


def receipt_number_clean(typed: str) -> str:
    """The typed number with its spaces collapsed ('' when left blank), or InvalidInput."""
    number = " ".join((typed or "").split())
    if len(number) > MAX_LENGTH:
        raise InvalidInput(_("The receipt number is at most 30 characters."), field="receipt_number")
    if _SEQUENCE_SHAPE.match(number):
        raise InvalidInput(
            _(
                "Numbers of the form BL-…-year-… are given by xaso: "
                "leave the field blank to get the next one."
            ),
            field="receipt_number",
        )
    return number


def receipt_number_next(commune, moment: datetime) -> str:
    """The commune's next number for the year of `moment` (local time):
    `BL-<commune code>-<yyyy>-<000001>`. Rules: call inside the payment's transaction; the
    counter row is locked, so numbers have no duplicates and no gaps (a rolled-back payment
    gives its number back)."""
    year = local_today(moment).year
    return f"{PREFIX}-{commune.code}-{year}-{next_number(ReceiptCounter, commune=commune, year=year):06d}"


def _taken(number: str) -> InvalidInput:
    return InvalidInput(
        _("Receipt number %(n)s is already used for another payment of this commune.") % {"n": number},
        field="receipt_number",
    )


def receipt_number_check_free(request: PaymentRequest, number: str) -> None:
    """InvalidInput when another payment of the request's commune already carries `number`."""
    if (
        PaymentRequest.objects.filter(commune_id=request.commune_id, receipt_number=number)
        .exclude(pk=request.pk)
        .exists()
    ):
        raise _taken(number)


def receipt_number_save(request: PaymentRequest, fields: list[str]) -> None:
    """Save the request; a number another cashier stored in the meantime is the same refusal
    (the unique index answers; the savepoint keeps the transaction usable on PostgreSQL)."""
    try:
        with transaction.atomic():
            request.save(update_fields=fields)
    except IntegrityError:
        raise _taken(request.receipt_number) from None
