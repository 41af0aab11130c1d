"""The form of the certificates page: what a holder types to enrol a certificate. The secrets
(passphrase, PIN) are never rendered back: a refused form keeps everything else."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.documents.models import KeySourceKind

MAX_PKCS12_BYTES = 256 * 1024
PURPOSES = {
    "personal": _("My own signing certificate"),
    "seal": _("The commune's seal (organisation certificate)"),
}
SECRET = forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})


class EnrolForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Whose certificate"), widget=forms.RadioSelect)
    source = forms.ChoiceField(
        label=_("Where the key is"), choices=KeySourceKind.choices, widget=forms.RadioSelect
    )
    label = forms.CharField(label=_("Name of the certificate"), max_length=200)
    position = forms.CharField(
        label=_("Position printed under the signature"), max_length=200, required=False
    )
    pkcs12 = forms.FileField(
        label=_("PKCS#12 file (.p12, .pfx)"),
        required=False,
        help_text=_("Kept encrypted as it is; the passphrase is asked at every signature."),
    )
    passphrase = forms.CharField(
        label=_("Passphrase of the file"), required=False, strip=False, widget=SECRET
    )
    token = forms.CharField(
        label=_("Token"),
        max_length=100,
        required=False,
        help_text=_("The name of the USB token, as its software shows it."),
    )
    key_label = forms.CharField(label=_("Name of the key on the token"), max_length=100, required=False)
    pin = forms.CharField(label=_("PIN of the token"), required=False, strip=False, widget=SECRET)
    service_url = forms.URLField(
        label=_("Address of the remote signing service"), required=False, assume_scheme="https"
    )
    credential_id = forms.CharField(
        label=_("Account (credential) at the service"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to list the accounts the service offers."),
    )

    def __init__(self, *args, purposes: list[str], tokens: list[str], credential_ids: list[str] = (), **kw):
        super().__init__(*args, **kw)
        self.fields["purpose"].choices = [(p, PURPOSES[p]) for p in purposes]
        self.fields["purpose"].initial = purposes[0]
        self.fields["source"].initial = KeySourceKind.PKCS12
        self.fields["token"].widget.attrs["list"] = "tokens-present"
        self.fields["credential_id"].widget.attrs["list"] = "remote-credentials"
        self.tokens, self.credential_ids = tokens, list(credential_ids)

    def clean_pkcs12(self):
        upload = self.cleaned_data.get("pkcs12")
        if upload is None:
            return b""
        if upload.size > MAX_PKCS12_BYTES:
            raise forms.ValidationError(_("This file is too large for a certificate file."))
        return upload.read(MAX_PKCS12_BYTES + 1)

    def clean(self):
        data = super().clean()
        source = data.get("source")
        needed = {
            KeySourceKind.PKCS12: {
                "pkcs12": _("Choose the PKCS#12 file."),
                "passphrase": _("Enter the passphrase of the file."),
            },
            KeySourceKind.PKCS11: {
                "token": _("Enter the name of the token."),
                "key_label": _("Enter the name of the key on the token."),
                "pin": _("Enter the PIN of the token."),
            },
            KeySourceKind.CSC: {"service_url": _("Enter the address of the signing service.")},
        }.get(source, {})
        for name, message in needed.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data


class ExchangeKeyForm(forms.Form):
    """The commune's exchange key (administrators): the agency it is known as, and its file."""

    form = forms.CharField(widget=forms.HiddenInput, initial="exchange")
    code = forms.CharField(label=_("Agency code"), max_length=60)
    name = forms.CharField(label=_("Agency name"), max_length=300)
    base_url = forms.URLField(label=_("address of its xaso"), required=False, assume_scheme="https")
    pkcs12 = forms.FileField(label=_("PKCS#12 file (.p12, .pfx)"))
    passphrase = forms.CharField(label=_("Passphrase of the file"), strip=False, widget=SECRET)

    def clean_pkcs12(self):
        upload = self.cleaned_data["pkcs12"]
        if upload.size > MAX_PKCS12_BYTES:
            raise forms.ValidationError(_("This file is too large for a certificate file."))
        return upload.read(MAX_PKCS12_BYTES + 1)
