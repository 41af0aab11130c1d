from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.payments.banks import bank_choices
from xaso.payments.statements import FIELDS


class CollectionAccountForm(forms.Form):
    bank_bin = forms.ChoiceField(label=_("Bank"), choices=bank_choices)
    account_number = forms.CharField(label=_("Account number"), max_length=30)
    account_name = forms.CharField(
        label=_("Account holder"), max_length=100, help_text=_("As the bank shows it, e.g. UBND XA YEN DINH.")
    )


class PaymentRequestForm(forms.Form):
    label = forms.CharField(label=_("What it is for"), max_length=200)
    amount = forms.CharField(
        label=_("Amount (đồng)"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    payer_name = forms.CharField(label=_("Payer's name"), max_length=150, required=False)


class CashPaymentForm(forms.Form):
    amount = forms.CharField(
        label=_("Cash received (đồng)"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    receipt_number = forms.CharField(
        label=_("Receipt number"),
        max_length=30,
        required=False,
        help_text=_(
            "Leave it blank and the commune's next number of the year is given "
            "(BL-commune code-year-000001). With a paper receipt book, type the number printed "
            "on the receipt: a number is used only once in the commune."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cash-%s")  # unique beside the other forms of a dossier page
        super().__init__(*args, **kwargs)


class StatementImportForm(forms.Form):
    file = forms.FileField(
        label=_("Statement file (CSV or Excel .xlsx)"),
        help_text=_("Export the account's statement from the bank's website."),
    )
    txn_id = forms.CharField(label=FIELDS["txn_id"], max_length=100, required=False)
    booked_on = forms.CharField(label=FIELDS["booked_on"], max_length=100, required=False)
    amount = forms.CharField(label=FIELDS["amount"], max_length=100, required=False)
    description = forms.CharField(label=FIELDS["description"], max_length=100, required=False)
    currency = forms.CharField(label=FIELDS["currency"], max_length=100, required=False)

    COLUMN_FIELDS = ("txn_id", "booked_on", "amount", "description", "currency")

    def columns(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.COLUMN_FIELDS}


class LineResolveForm(forms.Form):
    reference = forms.CharField(
        label=_("Payment code to apply it to (if any)"), max_length=20, required=False
    )
    note = forms.CharField(label=_("What was done"), max_length=300)
