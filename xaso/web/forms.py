from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from xaso.accounts.models import Sex
from xaso.core.bounds import BoundedDateField
from xaso.places.models import Commune, Village, VillageKind


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Phone, e-mail or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Wrong phone, e-mail, username or password. After several wrong tries the account "
            "is locked for a while."
        ),
        "inactive": _("This account is disabled."),
    }


class RegisterForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail (if you have no phone)"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    # Chosen by name on the page's first step (the search); carried as a hidden field after.
    commune = forms.CharField(label=_("Your commune"), widget=forms.HiddenInput, max_length=5, required=False)
    village = forms.ChoiceField(label=_("Your village or residential group"), required=False)

    field_order = ["village", "full_name", "phone", "email", "password", "commune"]

    def __init__(self, *args, commune: Commune | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        villages = Village.objects.filter(commune=commune).order_by("name") if commune else []
        self.fields["village"].choices = [
            ("", _("— Not listed, or I do not know —")),
            *((str(v.pk), v.name) for v in villages),
        ]
        self.villages = {str(v.pk): v for v in villages}
        if commune is not None:
            self.initial.setdefault("commune", commune.code)

    def clean_commune(self):
        if self.commune is None:
            raise forms.ValidationError(_("Choose your commune first: search it by name."))
        return self.commune

    def clean_village(self):
        return self.villages.get(self.cleaned_data.get("village") or "")


class SignupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("The 6-digit code from the message"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    date_of_birth = BoundedDateField(
        label=_("Date of birth (dd/mm/yyyy)"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    personal_id = forms.CharField(
        label=_("Personal ID number (12 digits)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=VillageKind.choices)
    head_name = forms.CharField(label=_("Village head"), max_length=100, required=False)
    head_phone = forms.CharField(label=_("Village head's phone"), max_length=20, required=False)
