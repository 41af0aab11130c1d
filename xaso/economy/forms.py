from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaso.core.bounds import BoundedDateField, BoundedIntegerField
from xaso.economy.models import Certification, PointKind, ProducerKind, ProductCategory
from xaso.payments.banks import bank_choices


class PaymentPointForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=PointKind.choices)
    place = forms.CharField(label=_("Where (market, stall number, address)"), max_length=200, required=False)
    owner_name = forms.CharField(label=_("Owner"), max_length=150, required=False)
    bank_bin = forms.ChoiceField(label=_("Bank"), choices=bank_choices)
    account_number = forms.CharField(label=_("Account number"), max_length=30)
    account_name = forms.CharField(label=_("Account holder"), max_length=100)
    note = forms.CharField(label=_("Transfer note (optional)"), max_length=100, required=False)
    is_active = forms.BooleanField(label=_("Takes QR payments now"), required=False, initial=True)


class ProducerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProducerKind.choices)
    representative = forms.CharField(label=_("Representative"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ProductForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    category = forms.ChoiceField(label=pgettext_lazy("product", "Category"), choices=ProductCategory.choices)
    ocop_stars = forms.ChoiceField(
        label=_("OCOP rating"),
        choices=[("", _("Not rated")), ("3", "3 ★"), ("4", "4 ★"), ("5", "5 ★")],
        required=False,
    )
    ocop_certificate = forms.CharField(label=_("OCOP certificate number"), max_length=100, required=False)
    ocop_year = forms.CharField(label=_("Year rated"), max_length=4, required=False)
    certifications = forms.MultipleChoiceField(
        label=_("Other certifications"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    price_min = forms.CharField(label=_("Price from (đồng)"), max_length=20, required=False)
    price_max = forms.CharField(label=_("Price to (đồng)"), max_length=20, required=False)
    unit = forms.CharField(label=_("Unit (box, kg…)"), max_length=40, required=False)
    marketplace_links = forms.CharField(
        label=_("Marketplace listings (one https:// link a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    photo = forms.FileField(label=_("Photo (JPEG, PNG or WebP, up to 5 MB)"), required=False)
    is_published = forms.BooleanField(label=_("Show in the public catalogue"), required=False, initial=True)


class BatchForm(forms.Form):
    code = forms.CharField(label=_("Batch code"), max_length=40)
    produced_on = BoundedDateField(
        label=_("Harvest or production date (dd/mm/yyyy)"), input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    area = forms.CharField(label=_("Area or farm"), max_length=200, required=False)
    inputs = forms.CharField(
        label=_("Inputs (seed, feed, fertiliser…)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    certifications = forms.MultipleChoiceField(
        label=_("Certifications of this batch"),
        choices=Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quantity = BoundedIntegerField(label=_("Quantity (units, one stamp each)"), min_value=1)


class StampsForm(forms.Form):
    count = BoundedIntegerField(label=_("How many stamps to issue"), min_value=1)
