"""The registry of agencies is kept by administrators in the admin (/quan-tri/): saving an
agency goes through `exchange.agency_save`, so it is validated and audited like any write.
Trust roots are installed there too (through `signing.trust`, as `xaso pki trust add` does),
and signing credentials are listed and revoked (`signing.credentials.credential_revoke`)."""

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from xaso.core.errors import USER_ERRORS
from xaso.documents.exchange.delivery import queue as exchange_queue
from xaso.documents.exchange.services import agency_save
from xaso.documents.models import Agency, EnvelopeDelivery, InboundEnvelope, SigningCredential, TrustRoot
from xaso.documents.signing.credentials import credential_revoke
from xaso.documents.signing.trust import ca_certificates_parse, trust_roots_install


class AgencyForm(forms.ModelForm):
    base_url = forms.URLField(label=_("address of its xaso"), required=False, assume_scheme="https")
    certificate_pem = forms.CharField(
        label=_("Certificate (PEM)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "The certificate the agency signs its envelopes with. Leave empty to keep the current one."
        ),
    )

    class Meta:
        model = Agency
        fields = ["code", "name", "base_url", "is_active"]

    def clean_certificate_pem(self):
        pem = self.cleaned_data["certificate_pem"].strip().encode()
        if not pem:
            if not self.instance.pk:
                raise forms.ValidationError(_("Paste the agency's certificate."))
            cert = x509.load_der_x509_certificate(bytes(self.instance.certificate_der))
            return cert.public_bytes(serialization.Encoding.PEM)
        try:
            x509.load_pem_x509_certificate(pem)
        except ValueError:
            raise forms.ValidationError(_("This is not a certificate.")) from None
        if self.instance.is_ours:
            raise forms.ValidationError(_("This agency is one of our communes: renew its key instead."))
        return pem


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ["name", "code", "base_url", "commune", "is_test", "is_active"]
    list_filter = ["is_active", "is_test"]
    search_fields = ["name", "code"]
    readonly_fields = ["commune", "fingerprint", "is_test", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        saved = agency_save(
            actor=request.user,
            code=obj.code,
            name=obj.name,
            base_url=obj.base_url,
            certificate_pem=form.cleaned_data["certificate_pem"],
            is_active=obj.is_active,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        return False  # kept for the history of what was exchanged with it


@admin.register(EnvelopeDelivery)
class EnvelopeDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "envelope_id",
        "document",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
    ]
    list_filter = ["status"]
    readonly_fields = [f.name for f in EnvelopeDelivery._meta.fields]
    actions = ["requeue"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Try the selected failed deliveries again"))
    def requeue(self, request, queryset):
        count = exchange_queue.requeue(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d deliveries were queued again.") % {"n": count})


@admin.register(InboundEnvelope)
class InboundEnvelopeAdmin(admin.ModelAdmin):
    list_display = ["envelope_id", "sender", "recipient", "document", "received_at"]
    readonly_fields = [f.name for f in InboundEnvelope._meta.fields]

    def has_add_permission(self, request):
        return False


class TrustRootForm(forms.ModelForm):
    certificate_file = forms.FileField(
        label=_("Certificate file (PEM or DER)"),
        help_text=_("The root or intermediate certificate of a certification authority."),
    )

    class Meta:
        model = TrustRoot
        fields = ["label"]

    def clean_certificate_file(self):
        data = self.cleaned_data["certificate_file"].read(1024 * 1024 + 1)
        try:
            ca_certificates_parse(data)
        except USER_ERRORS as exc:
            raise forms.ValidationError(str(exc.message)) from None
        return data


@admin.register(TrustRoot)
class TrustRootAdmin(admin.ModelAdmin):
    list_display = ["label", "fingerprint", "is_test", "created_at"]
    list_filter = ["is_test"]
    search_fields = ["label", "fingerprint"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = TrustRootForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return ["label", "fingerprint", "is_test", "created_at"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        roots = trust_roots_install(
            actor=request.user, data=form.cleaned_data["certificate_file"], label=obj.label
        )
        obj.pk = roots[0].pk

    def has_delete_permission(self, request, obj=None):
        return False  # signatures verified against it stay explainable


@admin.register(SigningCredential)
class SigningCredentialAdmin(admin.ModelAdmin):
    list_display = ["label", "commune", "holder", "source", "not_after", "is_test", "revoked_at"]
    list_filter = ["source", "is_test"]
    search_fields = ["label", "subject"]
    readonly_fields = [f.name for f in SigningCredential._meta.fields if f.name != "pkcs12"]
    exclude = ["pkcs12"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # enrolled by the people who hold them, on the certificates page

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke(self, request, queryset):
        for credential in queryset:
            credential_revoke(actor=request.user, credential=credential)
        self.message_user(request, _("The selected certificates were revoked."))
