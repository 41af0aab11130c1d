from django import forms
from django.utils.translation import gettext_lazy as _


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
