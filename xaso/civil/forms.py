from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.civil.models import EntryKind, Sex
from xaso.core.bounds import MAX_YEAR, MIN_YEAR, BoundedDateField, BoundedIntegerField

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label, **kwargs):
    return BoundedDateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
        ),
        **kwargs,
    )


class EntrySearchForm(forms.Form):
    q = forms.CharField(label=_("Name (with or without diacritics)"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    year = BoundedIntegerField(
        label=_("Year of the book"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    birth_date = _date_field(_("Date of birth"))
    birth_year = BoundedIntegerField(
        label=_("Year of birth"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    parent = forms.CharField(label=_("Father's or mother's name"), required=False, max_length=100)
    number = BoundedIntegerField(label=_("Number"), required=False, min_value=1, max_value=10**9)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All")), *EntryKind.choices]


class AmendForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    birth_date = _date_field(_("Date of birth"))
    sex = forms.ChoiceField(label=_("Sex"), required=False)
    event_date = _date_field(_("Date of death"))
    place = forms.CharField(label=_("Place of the event"), max_length=300, required=False)
    other_name = forms.CharField(label=_("Other person"), max_length=150, required=False)
    other_birth_date = _date_field(_("Other person's date of birth"))
    father_name = forms.CharField(label=_("Father's full name"), max_length=150, required=False)
    mother_name = forms.CharField(label=_("Mother's full name"), max_length=150, required=False)
    reason = forms.CharField(
        label=_("Reason for the correction"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision = forms.CharField(
        label=_("Decision it rests on"),
        max_length=300,
        help_text=_("For example: Quyết định số 12/QĐ-UBND ngày 05/12/2026."),
    )

    AMENDABLE = (
        "name",
        "birth_date",
        "sex",
        "event_date",
        "place",
        "other_name",
        "other_birth_date",
        "father_name",
        "mother_name",
    )

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault("initial", {name: getattr(entry, name) for name in self.AMENDABLE})
        super().__init__(*args, **kwargs)
        self.fields["sex"].choices = [("", "—"), *Sex.choices]
        if entry.kind != "death":
            del self.fields["event_date"]
        if entry.kind not in ("marriage", "recognition", "guardianship", "birth"):
            del self.fields["other_name"]
        if entry.kind != "marriage":
            del self.fields["other_birth_date"]

    def changes(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.AMENDABLE if name in self.fields}


class ConfirmForm(forms.Form):
    note = forms.CharField(label=_("Why it is not a duplicate"), max_length=300, required=False)
    confirm = forms.BooleanField(label=_("I checked the entries listed: this is a different event."))
