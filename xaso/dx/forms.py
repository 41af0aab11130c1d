from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaso.core.bounds import BoundedDateField, BoundedIntegerField
from xaso.dx.calculators import REGISTRY
from xaso.dx.models import HelpAction, Kind, Pillar, Source

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class YearForm(forms.Form):
    year = BoundedIntegerField(label=_("Year"), min_value=2020, max_value=2100)


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=300)
    pillar = forms.ChoiceField(label=_("Pillar"), choices=Pillar.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    target = forms.DecimalField(
        label=_("Target"), required=False, help_text=_("A percentage (0–100) or a number.")
    )
    weight = BoundedIntegerField(label=_("Weight"), min_value=1, max_value=100, initial=1)
    mandatory = forms.BooleanField(label=_("Mandatory"), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    calculator = forms.ChoiceField(label=_("Calculator (for computed indicators)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["calculator"].choices = [("", "—")] + [
            (c.name, c.title) for c in sorted(REGISTRY.values(), key=lambda c: str(c.title))
        ]


class ValueForm(forms.Form):
    numerator = forms.CharField(label=_("Number meeting the indicator"), required=False, max_length=20)
    denominator = forms.CharField(label=_("Out of (total)"), required=False, max_length=20)
    amount = forms.CharField(label=_("Value"), required=False, max_length=20)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file (PDF, photo, Word or Excel; 10 MB at most)"))


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("accepted", pgettext_lazy("indicator review", "Accept")),
            ("returned", pgettext_lazy("indicator review", "Return")),
        ]
    )
    comment = forms.CharField(label=_("Comment for the commune"), required=False, max_length=2000)


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision number"), required=False, max_length=40)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionSignForm(forms.Form):
    credential = forms.ChoiceField(label=_("Certificate"))
    secret = forms.CharField(
        label=_("Passphrase of the certificate"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, credentials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["credential"].choices = [(c.pk, c.label) for c in credentials]


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=150)
    village = forms.ChoiceField(label=_("Village (empty for the commune's own team)"), required=False)
    founded_on = BoundedDateField(
        label=_("Founded on (dd/mm/yyyy)"), required=False, input_formats=DATE_FORMATS
    )

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "—")] + [(v.pk, v.name) for v in villages]


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    role = forms.CharField(label=_("Role in the team"), max_length=100, required=False)


class TrainingForm(forms.Form):
    held_on = BoundedDateField(label=_("Date (dd/mm/yyyy)"), input_formats=DATE_FORMATS)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    attendees = forms.MultipleChoiceField(
        label=_("Attendees"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(m.pk, f"{m.full_name} ({m.team.name})") for m in members]


class HelpForm(forms.Form):
    household = forms.CharField(
        label=_("Household"), max_length=200, help_text=_("Head of household, or the household's code.")
    )
    village = forms.ChoiceField(label=_("Village"), required=False)
    action = forms.ChoiceField(label=_("What was done"), choices=HelpAction.choices, widget=forms.RadioSelect)
    helped_on = BoundedDateField(label=_("Date (dd/mm/yyyy)"), required=False, input_formats=DATE_FORMATS)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [("", "—")] + [(v.pk, v.name) for v in villages]


class NewsForm(forms.Form):
    """A news item of the commune's DX section; the service checks the rules (news_create)."""

    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the title.")}
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Enter the text of the news.")},
    )
    picture = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("Optional: a JPEG, PNG or WebP photo, 10 MB at most."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    picture_remove = forms.BooleanField(label=_("Remove the picture"), required=False)


class DecisionCredentialForm(forms.Form):
    """The province's decision certificate: a PKCS#12 file; the passphrase is never rendered back."""

    MAX_BYTES = 256 * 1024
    label = forms.CharField(label=_("Name of the certificate"), max_length=200)
    position = forms.CharField(
        label=_("Position printed under the signature"), max_length=200, required=False
    )
    pkcs12 = forms.FileField(label=_("PKCS#12 file (.p12, .pfx)"))
    passphrase = forms.CharField(
        label=_("Passphrase of the file"),
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    def clean_pkcs12(self):
        upload = self.cleaned_data["pkcs12"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("This file is too large for a certificate file."))
        return upload.read(self.MAX_BYTES + 1)
