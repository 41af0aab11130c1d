"""Payment requests, the commune's collection accounts, bank statements and their lines.

Payments is generic: a request names the kind of thing it is for (`kind`, e.g.
"onestop.dossier_fee") and that thing's id (`subject_id`) as opaque text; the app that owns
the kind registers a handler (xaso.payments.handlers) to hear when a request is paid.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class CollectionAccount(models.Model):
    """A bank account a commune collects into; the QR codes it shows point here."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    bank_bin = models.CharField(_("bank"), max_length=6)
    account_number = models.CharField(_("account number"), max_length=19)
    account_name = models.CharField(_("account holder"), max_length=100)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("collection account")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "bank_bin", "account_number"], name="collection_account_unique"
            ),
        ]

    def __str__(self):
        return f"{self.account_name} · {self.account_number}"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Awaiting payment")
    PARTIAL = "partial", _("Partly paid")
    PAID = "paid", _("Paid")
    OVERPAID = "overpaid", _("Paid, too much received")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Bank transfer")
    CASH = "cash", _("Cash at the counter")


class PaymentRequest(models.Model):
    """An amount a commune asks someone to pay, identified on the bank side by `reference`
    (unique, carried in the transfer note).

    Every index is written again when a statement import settles a request (the status is
    indexed, so no update is HOT): the table keeps only the indexes a query uses. The commune
    is the first column of (commune, status); the search text is matched inside (`contains`),
    which no B-tree serves (migration 0002)."""

    # Indexed through payreq_commune_status, whose first column it is.
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+", db_index=False)
    account = models.ForeignKey(CollectionAccount, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=60, blank=True)
    label = models.CharField(_("what it is for"), max_length=200)
    amount = models.BigIntegerField(_("amount (đồng)"))
    reference = models.CharField(_("payment code"), max_length=20, unique=True)
    note = models.CharField(_("transfer note"), max_length=25)
    payload = models.CharField(max_length=400)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    amount_received = models.BigIntegerField(default=0)
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payer_name = models.CharField(_("payer"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    search_text = models.CharField(max_length=400, blank=True)  # searched with LIKE '%…%'
    # How the request was settled: by transfer (reconciled from a statement) unless a cashier
    # took the amount in cash at the counter (payment_request_pay_cash). Database defaults, so
    # the raw bulk writers that list their columns (bench, bulk.py) need not name these.
    method = models.CharField(
        _("paid by"),
        max_length=10,
        choices=PaymentMethod.choices,
        default=PaymentMethod.TRANSFER,
        db_default=PaymentMethod.TRANSFER,
    )
    receipt_number = models.CharField(
        _("receipt number"), max_length=30, blank=True, default="", db_default=""
    )
    # Who took the cash; no index: nothing looks requests up by cashier (the audit chain has it).
    cashier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    commune_path = "commune"
    citizen_path = "payer"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("payment request")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["commune", "status"], name="payreq_commune_status"),
            models.Index(fields=["kind", "subject_id"], name="payreq_kind_subject"),
        ]
        constraints = [
            models.CheckConstraint(name="payreq_amount_positive", condition=Q(amount__gt=0)),
            # A receipt number names one payment in its commune (typed from a paper book or
            # given by the commune's sequence). Partial: only cash payments carry one, so the
            # index stays small and a statement import never writes it.
            models.UniqueConstraint(
                fields=["commune", "receipt_number"],
                condition=~Q(receipt_number=""),
                name="payreq_receipt_unique",
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.label}"

    @property
    def is_settled(self) -> bool:
        return self.status in SETTLED

    @property
    def outstanding(self) -> int:
        return max(self.amount - self.amount_received, 0)


class ReceiptCounter(models.Model):
    """The last receipt number the commune's sequence gave in a year (BL-<commune>-<yyyy>-<n>).
    Locked and bumped in the transaction that records the cash, so the numbers have neither
    gaps nor duplicates (a rolled-back payment gives its number back)."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="receipt_counter_unique")]

    def __str__(self):
        return f"{self.commune_id} {self.year}: {self.last}"


# Statuses in which the request counts as paid: its handler has been told, once.
SETTLED = frozenset({RequestStatus.PAID, RequestStatus.OVERPAID})
# Statuses in which a bank line may still be applied to the request.
PAYABLE = frozenset({RequestStatus.OPEN, RequestStatus.PARTIAL})


class ColumnMapping(models.Model):
    """Which column of a bank's statement export holds what, remembered per commune and bank."""

    commune = models.ForeignKey("places.Commune", on_delete=models.CASCADE, related_name="+")
    bank_bin = models.CharField(max_length=6)
    columns = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune", "bank_bin"], name="column_mapping_unique")]

    def __str__(self):
        return f"{self.commune_id} · {self.bank_bin}"


class BankStatement(models.Model):
    """One imported statement file. Its lines are kept; re-importing the same lines adds nothing."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    account = models.ForeignKey(CollectionAccount, on_delete=models.PROTECT, related_name="statements")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    lines_read = models.PositiveIntegerField(default=0)
    lines_new = models.PositiveIntegerField(default=0)
    lines_known = models.PositiveIntegerField(default=0)
    lines_duplicate = models.PositiveIntegerField(default=0)
    lines_skipped = models.PositiveIntegerField(default=0)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("bank statement")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return self.filename


class LineOutcome(models.TextChoices):
    EXACT = "exact", _("Paid exactly")
    PARTIAL = "partial", _("Part payment")
    OVER = "over", _("Paid too much")
    AFTER_SETTLED = "after_settled", _("Request already paid")
    UNMATCHED = "unmatched", _("No matching request")
    RESOLVED = "resolved", _("Resolved by hand")


# Outcomes a person has to look at.
NEEDS_REVIEW = frozenset(
    {LineOutcome.PARTIAL, LineOutcome.OVER, LineOutcome.AFTER_SETTLED, LineOutcome.UNMATCHED}
)


class StatementLine(models.Model):
    """A credit on the collection account, as the bank reported it. `bank_txn_id` is the bank's
    own transaction id: unique per account, which makes re-imports idempotent."""

    statement = models.ForeignKey(BankStatement, on_delete=models.CASCADE, related_name="lines")
    account = models.ForeignKey(CollectionAccount, on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    bank_txn_id = models.CharField(max_length=64)
    booked_on = models.DateField()
    amount = models.BigIntegerField()
    description = models.CharField(max_length=400)
    outcome = models.CharField(max_length=15, choices=LineOutcome.choices)
    request = models.ForeignKey(
        PaymentRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    review_note = models.CharField(max_length=300, blank=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["statement_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["account", "bank_txn_id"], name="statement_line_txn_unique"),
        ]
        indexes = [models.Index(fields=["commune", "outcome"], name="stline_commune_outcome")]

    def __str__(self):
        return f"{self.bank_txn_id} · {self.amount}"
