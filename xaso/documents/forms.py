from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.core.bounds import BoundedDateField, BoundedDateTimeField
from xaso.documents.models import Direction, DocumentStatus
from xaso.documents.official import COMMUNE_OFFICES, KINDS


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
    document_date = BoundedDateField(
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
    deadline = BoundedDateField(label=_("Deadline"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class SendForm(forms.Form):
    recipient = forms.ModelChoiceField(queryset=None, label=_("Receiving agency"))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = agencies


class OutgoingForm(forms.Form):
    """Draft (or change) an outgoing document: the recipients are the commune's offices, its
    villages and other agencies typed one per line."""

    kind = forms.ChoiceField(label=_("Kind of document"))
    title = forms.CharField(label=_("Summary (trích yếu)"), max_length=500)
    body = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50_000)
    offices = forms.MultipleChoiceField(
        label=_("Offices of the commune"), required=False, widget=forms.CheckboxSelectMultiple
    )
    villages = forms.MultipleChoiceField(
        label=_("Villages"), required=False, widget=forms.CheckboxSelectMultiple
    )
    agencies = forms.CharField(
        label=_("Other agencies"),
        help_text=_("One per line."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=3000,
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in KINDS.values()]
        self.fields["offices"].choices = [(o, o) for o in COMMUNE_OFFICES]
        self.fields["villages"].choices = [(v, v) for v in villages]

    @staticmethod
    def initial_for(doc, villages) -> dict:
        """The form's fields from a draft: each recipient back in its box or line."""
        offices = [r for r in doc.recipients if r in COMMUNE_OFFICES]
        chosen = [r for r in doc.recipients if r in villages]
        others = [r for r in doc.recipients if r not in COMMUNE_OFFICES and r not in villages]
        return {
            "kind": doc.kind,
            "title": doc.title,
            "body": doc.body,
            "offices": offices,
            "villages": chosen,
            "agencies": "\n".join(others),
        }

    def clean(self):
        data = super().clean()
        agencies = [line.strip() for line in data.get("agencies", "").splitlines() if line.strip()]
        data["recipients"] = [*data.get("offices", []), *data.get("villages", []), *agencies]
        if not data["recipients"] and not self.errors:
            self.add_error("agencies", _("Choose at least one recipient."))
        return data


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Meeting"), max_length=300)
    starts_at = BoundedDateTimeField(
        label=_("Starts at"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=300)
    chair = forms.ModelChoiceField(queryset=None, label=_("Chair"))
    staff = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Invited staff"), required=False, widget=forms.CheckboxSelectMultiple
    )
    outsiders = forms.CharField(
        label=_("Guests from outside"),
        help_text=_("One per line: name; phone number or e-mail address."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people
        self.fields["staff"].queryset = people
        self.fields["chair"].label_from_instance = self.fields["staff"].label_from_instance = lambda u: (
            u.full_name or u.username
        )

    def clean_outsiders(self):
        guests = []
        for line in self.cleaned_data["outsiders"].splitlines():
            if not line.strip():
                continue
            name, _sep, contact = line.partition(";")
            contact = contact.strip()
            if not name.strip() or not contact:
                raise forms.ValidationError(_("Write each guest as: name; phone number or e-mail address."))
            is_email = "@" in contact
            guests.append((name.strip(), "" if is_email else contact, contact if is_email else ""))
        return guests


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    document = forms.ModelChoiceField(queryset=None, label=_("Document from the registry"), required=False)
    file = forms.FileField(label=_("Or a PDF file"), required=False)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["document"].label_from_instance = lambda d: f"{d.number_symbol or '—'} {d.title}"[:120]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50_000
    )
