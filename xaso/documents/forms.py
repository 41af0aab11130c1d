from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.documents.models import Direction, DocumentStatus
from xaso.documents.official import KINDS


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("Signed PDF file"), help_text=_("The file is checked and not kept."))


class SignForm(forms.Form):
    credential = forms.ModelChoiceField(queryset=None, label=_("Certificate"), empty_label=None)
    secret = forms.CharField(
        label=_("Passphrase or PIN"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        strip=False,
    )

    def __init__(self, *args, credentials, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].queryset = credentials


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = [("", _("All")), *Direction.choices]
        self.fields["status"].choices = [("", _("All")), *DocumentStatus.choices]


class IncomingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"))
    title = forms.CharField(label=_("Summary (trích yếu)"), max_length=500)
    sender = forms.CharField(label=_("Sending agency"), max_length=300)
    number_symbol = forms.CharField(label=_("Sender's number and symbol"), max_length=60, required=False)
    document_date = forms.DateField(
        label=_("Date of the document"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    file = forms.FileField(label=_("PDF file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in KINDS.values()]


class CommentForm(forms.Form):
    note = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(queryset=None, label=_("Handler"))
    deadline = forms.DateField(label=_("Deadline"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class SendForm(forms.Form):
    recipient = forms.ModelChoiceField(queryset=None, label=_("Receiving agency"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = agencies
