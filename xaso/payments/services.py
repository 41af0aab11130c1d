"""Writes of the payments app: collection accounts, payment requests, statement imports and
the reconciliation that ties bank lines to requests."""

import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput
from xaso.core.permissions import require
from xaso.core.text import fold_all
from xaso.payments import bulk
from xaso.payments.handlers import paid_handler_for
from xaso.payments.models import (
    NEEDS_REVIEW,
    PAYABLE,
    BankStatement,
    CollectionAccount,
    ColumnMapping,
    LineOutcome,
    PaymentMethod,
    PaymentRequest,
    RequestStatus,
    StatementLine,
)
from xaso.payments.receipts import (
    receipt_number_check_free,
    receipt_number_clean,
    receipt_number_next,
    receipt_number_save,
)
from xaso.payments.references import reference_new, references_in
from xaso.payments.statements import Row, rows_read
from xaso.payments.vietqr import account_clean, amount_clean, bin_clean, note_clean, vietqr_build

MANAGE_ACCOUNTS = "payments.manage_accounts"
RECONCILE = "payments.reconcile"
VIEW = "payments.view"


def collection_account_set(
    *, actor, commune, bank_bin: str, account_number: str, account_name: str
) -> CollectionAccount:
    """Make this the account the commune's QR codes point to. Rules: commune leader only
    (payments.manage_accounts): a changed account redirects every future payment; a BIN from
    the bank list; the previous account stays for reconciling what was already paid into it."""
    require(
        actor,
        MANAGE_ACCOUNTS,
        commune=commune,
        message=_("Only the commune leader can change where payments go."),
    )
    bank_bin = bin_clean(bank_bin)
    account_number = account_clean(account_number)
    account_name = " ".join((account_name or "").split())
    if not account_name:
        raise InvalidInput(_("Enter the account holder's name as the bank shows it."), field="account_name")
    with transaction.atomic():
        CollectionAccount.objects.filter(commune=commune, is_active=True).exclude(
            bank_bin=bank_bin, account_number=account_number
        ).update(is_active=False)
        account, _created = CollectionAccount.objects.update_or_create(
            commune=commune,
            bank_bin=bank_bin,
            account_number=account_number,
            defaults={"account_name": account_name[:100], "is_active": True},
        )
        audit_record(
            actor=actor,
            action="collection_account.set",
            target=account,
            summary=f"{bank_bin} {account_number}",
            commune_code=commune.code,
        )
    return account


def _reference_unique() -> str:
    while True:
        code = reference_new()
        if not PaymentRequest.objects.filter(reference=code).exists():
            return code


def payment_request_create(
    *,
    actor,
    commune,
    amount: int,
    kind: str,
    label: str,
    subject_id: str = "",
    note: str = "",
    payer=None,
    payer_name: str = "",
) -> PaymentRequest:
    """Ask for a payment into the commune's active collection account, with a dynamic VietQR.
    Rules: the calling app authorises (it knows its subject; payments does not); the amount is
    in (0, ceiling]; the transfer note starts with the request's unique payment code, then
    `note` (or the label) folded as banks carry it: `request.note_cleaning` says what changed."""
    account = CollectionAccount.objects.filter(commune=commune, is_active=True).first()
    if account is None:
        raise InvalidInput(
            _("The commune has not set a bank account for payments yet."), field="account", code="no_account"
        )
    amount = amount_clean(amount)
    kind = (kind or "").strip()
    label = " ".join((label or "").split())
    if not kind or len(kind) > 60:
        raise InvalidInput(_("A payment request needs a kind."), field="kind")
    if not label:
        raise InvalidInput(_("Say what the payment is for."), field="label")
    reference = _reference_unique()
    clean = note_clean(f"{reference} {note or label}")
    payload, _note = vietqr_build(
        bank_bin=account.bank_bin, account_number=account.account_number, amount=amount, note=clean.text
    )
    with transaction.atomic():
        request = PaymentRequest.objects.create(
            commune=commune,
            account=account,
            kind=kind,
            subject_id=str(subject_id or "")[:60],
            label=label[:200],
            amount=amount,
            reference=reference,
            note=clean.text,
            payload=payload,
            payer=payer,
            payer_name=(payer_name or (payer.full_name if payer else ""))[:150],
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            search_text=fold_all(reference, label, payer_name, str(subject_id or "")),
        )
        audit_record(
            actor=actor,
            action="payment_request.create",
            target=request,
            summary=f"{reference} {amount} {label}"[:300],
            commune_code=commune.code,
        )
    request.note_cleaning = clean
    return request


def payment_request_withdraw(*, actor, request: PaymentRequest, reason: str = "") -> bool:
    """The app that owns a request withdraws it because its subject is gone (a dossier withdrawn
    or refused…). Rules: the calling app authorises, as for payment_request_create; only an open
    request with nothing received is cancelled (money already received stays for the cashier to
    settle or refund); returns whether it was cancelled."""
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.OPEN or request.amount_received:
            return False
        request.status = RequestStatus.CANCELLED
        request.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="payment_request.withdraw",
            target=request,
            summary=reason[:300],
            commune_code=request.commune_id,
        )
    return True


def payment_request_cancel(*, actor, request: PaymentRequest, reason: str = "") -> PaymentRequest:
    """Withdraw a request nobody has paid. Rules: payments.reconcile in its commune; only while
    nothing was received (money received is settled or refunded by a person, not cancelled)."""
    require(
        actor,
        RECONCILE,
        commune=request.commune,
        message=_("You cannot cancel payment requests of this commune."),
    )
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.OPEN or request.amount_received:
            raise Conflict(_("Only a request with no money received can be cancelled."))
        request.status = RequestStatus.CANCELLED
        request.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="payment_request.cancel",
            target=request,
            summary=reason[:300],
            commune_code=request.commune_id,
        )
    return request


def _cash_amount(amount) -> int:
    if isinstance(amount, int) and not isinstance(amount, bool):
        return amount
    text = str(amount or "").replace(".", "").replace(",", "").replace(" ", "")
    if not text.isascii() or not text.isdigit():
        raise InvalidInput(_("Enter the cash received as a whole number of đồng."), field="amount")
    return int(text)


def payment_request_pay_cash(
    *, actor, request: PaymentRequest, amount, receipt_number: str = ""
) -> PaymentRequest:
    """A cashier settles a request with cash taken at the counter. Rules: payments.reconcile
    in its commune; only an open or part-paid request (the row is locked: a statement import
    and a cash payment cannot both settle it, whichever comes second finds it settled, and a
    later bank credit is listed for a refund as "already paid"); the cash must be exactly what
    is still due, else nothing changes; the method, the receipt number and the cashier are
    kept; the owning app's paid handler runs once, in this transaction, as for a transfer.
    Receipt number: left blank, the commune's next of the year (BL-<commune>-<yyyy>-<000001>,
    no gaps, no duplicates); typed from a paper book, it must not be used yet in the commune
    (422 on receipt_number) nor have the sequence's shape (receipts.py)."""
    require(
        actor, RECONCILE, commune=request.commune, message=_("You cannot take payments for this commune.")
    )
    amount = _cash_amount(amount)
    receipt_number = receipt_number_clean(receipt_number)
    if receipt_number:
        receipt_number_check_free(request, receipt_number)
    with transaction.atomic():
        request = PaymentRequest.objects.select_for_update().select_related("commune").get(pk=request.pk)
        if request.status not in PAYABLE:
            raise Conflict(_("This payment request is already paid or cancelled."))
        due = request.outstanding
        if amount != due:
            raise InvalidInput(
                _("The cash received must be exactly the amount due: %(due)s đồng.")
                % {"due": f"{due:,}".replace(",", ".")},
                field="amount",
            )
        request.amount_received += amount
        request.status = RequestStatus.PAID
        request.paid_at = timezone.now()
        request.method = PaymentMethod.CASH
        request.receipt_number = receipt_number or receipt_number_next(request.commune, request.paid_at)
        request.cashier = actor
        receipt_number_save(
            request, ["amount_received", "status", "paid_at", "method", "receipt_number", "cashier"]
        )
        receipt_number = request.receipt_number
        _tell_handlers([request])
        audit_record(
            actor=actor,
            action="payment_request.pay_cash",
            target=request,
            summary=f"{request.reference} {amount} {receipt_number}".strip()[:300],
            changes={"amount": amount, "receipt_number": receipt_number},
            commune_code=request.commune_id,
        )
    return request


def _apply(request, amount: int, now) -> tuple[str, bool]:
    """Add one bank line to a request (a PaymentRequest or a bulk.Due). Returns the line's
    outcome and whether this line settled the request (so its handler is told exactly once)."""
    if request.status not in PAYABLE:
        return LineOutcome.AFTER_SETTLED, False
    request.amount_received += amount
    if request.amount_received < request.amount:
        request.status = RequestStatus.PARTIAL
        return LineOutcome.PARTIAL, False
    request.status = (
        RequestStatus.PAID if request.amount_received == request.amount else RequestStatus.OVERPAID
    )
    request.paid_at = now
    return (LineOutcome.EXACT if request.status == RequestStatus.PAID else LineOutcome.OVER), True


def _tell_handlers(settled: list[PaymentRequest]) -> None:
    for request in settled:
        handler = paid_handler_for(request.kind)
        if handler is not None:
            handler(request)


def _settled_requests(dues: list[bulk.Due]) -> list[PaymentRequest]:
    """The requests this import settled, as model instances read after the update, for the
    kinds whose app listens (the others are not loaded at all)."""
    ids = [d.pk for d in dues if paid_handler_for(d.kind) is not None]
    found = {}
    for chunk in _chunks(ids):
        found.update(PaymentRequest.objects.in_bulk(chunk))
    return [found[pk] for pk in ids]


def _chunks(items: list, size: int = bulk.CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def statement_import(
    *, actor, account: CollectionAccount, filename: str, content: bytes, columns: dict | None = None
) -> BankStatement:
    """Import a bank statement and reconcile its credits. Rules: payments.reconcile in the
    account's commune; the column mapping given (or saved for this bank, or guessed) is kept for
    next time; only đồng; a transaction id seen before on this account is skipped (re-importing
    changes nothing); a line repeated inside the file counts once; each new credit is matched to
    a request of this account by the payment code in its note, then classified by amount; a
    request is settled (and its app told) once, never twice. One transaction for the file; the
    database work is set-wise (xaso.payments.bulk), a handful of statements for any size."""
    commune = account.commune
    require(actor, RECONCILE, commune=commune, message=_("You cannot import statements for this commune."))
    mapping = ColumnMapping.objects.filter(commune=commune, bank_bin=account.bank_bin).first()
    if not columns:
        columns = dict(mapping.columns) if mapping else {}
    columns = {k: (v or "").strip() for k, v in columns.items() if (v or "").strip()}
    rows, skipped, columns = rows_read(filename, content, columns)
    now = timezone.now()
    with bulk.large_import(), transaction.atomic():
        # One import per account at a time: the second waits, then finds the first one's lines.
        CollectionAccount.objects.select_for_update().filter(pk=account.pk).first()
        ColumnMapping.objects.update_or_create(
            commune=commune, bank_bin=account.bank_bin, defaults={"columns": columns}
        )
        unique: dict[str, Row] = {}
        duplicates: list[int] = []
        for row in rows:
            if row.txn_id in unique:
                duplicates.append(row.number)
            else:
                unique[row.txn_id] = row
        known = bulk.known_txn_ids(account.pk, list(unique))
        new_rows = [row for txn, row in unique.items() if txn not in known]
        statement = BankStatement.objects.create(
            commune=commune,
            account=account,
            filename=(filename or "")[:200],
            sha256=hashlib.sha256(content).hexdigest(),
            imported_by=actor,
            lines_read=len(rows) + skipped,
            lines_new=len(new_rows),
            lines_known=len(unique) - len(new_rows),
            lines_duplicate=len(duplicates),
            lines_skipped=skipped,
        )
        codes = {row.txn_id: references_in(row.description) for row in new_rows}
        wanted = sorted({code for found in codes.values() for code in found})
        dues = bulk.dues_locked(account.pk, wanted)
        lines, touched, settled, outcome_counts = [], {}, [], {}
        for row in new_rows:
            due = next((dues[c] for c in codes[row.txn_id] if c in dues), None)
            if due is None:
                outcome = LineOutcome.UNMATCHED
            else:
                outcome, now_settled = _apply(due, row.amount, now)
                if outcome != LineOutcome.AFTER_SETTLED:
                    touched[due.pk] = due
                if now_settled:
                    settled.append(due)
            outcome_counts[outcome] = outcome_counts.get(outcome, 0) + 1
            lines.append(
                (
                    statement.pk,
                    account.pk,
                    account.commune_id,
                    row.txn_id,
                    row.booked_on,
                    row.amount,
                    row.description,
                    str(outcome),
                    due.pk if due is not None else None,
                    "",
                )
            )
        bulk.lines_insert(lines)
        bulk.dues_write(list(touched.values()))
        _tell_handlers(_settled_requests(settled))
        audit_record(
            actor=actor,
            action="statement.import",
            target=statement,
            summary=_("%(new)d new lines, %(paid)d requests paid")
            % {"new": len(lines), "paid": len(settled)},
            changes={
                "outcomes": {str(k): v for k, v in outcome_counts.items()},
                "settled_requests": [d.pk for d in settled],
                "known": statement.lines_known,
                "duplicates": duplicates,
            },
            commune_code=commune.code,
        )
    statement.duplicate_rows = duplicates
    return statement


def statement_line_resolve(
    *, actor, line: StatementLine, reference: str = "", note: str = ""
) -> StatementLine:
    """A person settles a line the matcher left for review: apply an unmatched line to the
    request whose payment code they name, or close the line with a note (refunded, not ours…).
    Rules: payments.reconcile in its commune; only lines that need review; a note is required."""
    require(
        actor, RECONCILE, commune=line.commune, message=_("You cannot reconcile this commune's statements.")
    )
    note = " ".join((note or "").split())
    if not note:
        raise InvalidInput(_("Write what was done with this line."), field="note")
    reference = "".join((reference or "").split()).upper()
    with transaction.atomic():
        line = StatementLine.objects.select_for_update().get(pk=line.pk)
        if line.outcome not in NEEDS_REVIEW:
            raise Conflict(_("This line was already resolved."))
        settled = []
        if reference:
            if line.outcome != LineOutcome.UNMATCHED:
                raise Conflict(_("Only an unmatched line can be applied to a request."))
            request = (
                PaymentRequest.objects.select_for_update()
                .filter(account=line.account, reference=reference)
                .first()
            )
            if request is None:
                raise InvalidInput(_("No payment request of this account has that code."), field="reference")
            if request.status not in PAYABLE:
                raise Conflict(_("That payment request is already paid or cancelled."), field="reference")
            outcome, now_settled = _apply(request, line.amount, timezone.now())
            request.save(update_fields=["status", "amount_received", "paid_at"])
            line.request, line.outcome = request, outcome
            if now_settled:
                settled.append(request)
        else:
            line.outcome = LineOutcome.RESOLVED
        line.review_note = note[:300]
        line.save(update_fields=["request", "outcome", "review_note"])
        _tell_handlers(settled)
        audit_record(
            actor=actor,
            action="statement_line.resolve",
            target=line,
            summary=f"{line.bank_txn_id} {reference} {note}"[:300],
            commune_code=line.commune_id,
        )
    return line
