"""Reads of the payments app, scoped to the actor."""

from django.db.models import Count, Q, QuerySet

from xaso.core.errors import NotFound
from xaso.core.text import fold
from xaso.payments.models import (
    NEEDS_REVIEW,
    BankStatement,
    CollectionAccount,
    PaymentRequest,
    RequestStatus,
    StatementLine,
)

VIEW = "payments.view"
RECONCILE = "payments.reconcile"


def payment_requests_for(
    actor, *, status: str = "", q: str = "", perm: str = VIEW
) -> QuerySet[PaymentRequest]:
    """Requests of the actor's communes (staff with payments.view), or the ones they are to pay."""
    requests = PaymentRequest.objects.for_actor(actor, perm)
    if status:
        requests = requests.filter(status=status)
    if q:
        requests = requests.filter(search_text__contains=fold(q))
    return requests.select_related("account", "commune")


def payment_request_for(actor, request_id: int) -> PaymentRequest:
    """One request the actor may see, else NotFound (the same whether it exists or not)."""
    try:
        return payment_requests_for(actor).get(pk=request_id)
    except PaymentRequest.DoesNotExist:
        raise NotFound("payment request", field="request_id") from None


def payment_request_of_subject(*, kind: str, subject_id: str) -> PaymentRequest | None:
    """The latest request for a subject of a higher app (a dossier's fee…). Unscoped: the
    owning app calls it for a subject it has already authorised the actor to see."""
    return (
        PaymentRequest.objects.filter(kind=kind, subject_id=str(subject_id))
        .select_related("account")
        .order_by("-created_at", "-pk")
        .first()
    )


def collection_account_active(commune) -> CollectionAccount | None:
    return CollectionAccount.objects.filter(commune=commune, is_active=True).first()


def collection_accounts_for(actor, *, perm: str = RECONCILE) -> QuerySet[CollectionAccount]:
    return (
        CollectionAccount.objects.for_actor(actor, perm)
        .select_related("commune")
        .order_by("commune_id", "-is_active")
    )


def statements_for(actor) -> QuerySet[BankStatement]:
    return BankStatement.objects.for_actor(actor, VIEW).select_related("account", "imported_by")


def statement_for(actor, statement_id: int) -> BankStatement:
    try:
        return statements_for(actor).get(pk=statement_id)
    except BankStatement.DoesNotExist:
        raise NotFound("statement", field="statement_id") from None


def statement_lines_for(actor, *, statement: BankStatement | None = None, review: bool = False) -> QuerySet:
    lines = StatementLine.objects.for_actor(actor, VIEW).select_related("request")
    if statement is not None:
        lines = lines.filter(statement=statement)
    if review:
        lines = lines.filter(outcome__in=NEEDS_REVIEW)
    return lines


def statement_line_for(actor, line_id: int) -> StatementLine:
    try:
        return statement_lines_for(actor).get(pk=line_id)
    except StatementLine.DoesNotExist:
        raise NotFound("statement line", field="line_id") from None


def outcome_counts(lines: QuerySet) -> dict[str, int]:
    return dict(lines.order_by().values_list("outcome").annotate(n=Count("pk")))


def cashier_figures(actor) -> dict[str, int]:
    """The dashboard's counts for the cashier of the actor's communes: requests awaiting
    payment, partly paid, and bank statement lines that need a person (two small queries)."""
    requests = PaymentRequest.objects.for_actor(actor, RECONCILE, as_citizen=False).order_by()
    counts = requests.aggregate(
        open=Count("pk", filter=Q(status=RequestStatus.OPEN)),
        partial=Count("pk", filter=Q(status=RequestStatus.PARTIAL)),
    )
    lines = StatementLine.objects.for_actor(actor, RECONCILE).filter(outcome__in=NEEDS_REVIEW)
    counts["review"] = lines.count()
    return counts
