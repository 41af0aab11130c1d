"""Forms as data. A procedure's `form` is a list of field definitions:

    {"name": "child_name", "type": "text", "label": "Họ và tên người được khai sinh",
     "required": true, "max_length": 150, "prefill": "full_name", "help": "…"}

Types: text, textarea, date (dd/mm/yyyy), integer (`min`, `max`), choice (`choices`:
[[value, label], …]), phone, personal_id, email, boolean. `prefill` names a citizen-profile field
(declare once). A personal_id is checked by the one rule every path uses
(`accounts.identity.personal_id_clean`: province code, century digit, birth year), so the web
form, the API and every service agree. A date may not be in the future when the field says
`"not_future": true`, and a birth or death date (a name ending in `birth_date` or
`death_date`) never may; an end date (`"not_past": true`, or a name ending in `_until`, e.g.
how long a temporary stay lasts) may not be already past. From one definition come the web
form (`build_form`), the server-side check (`clean_data`, used by every service) and the API's
JSON Schema (`json_schema`).
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from xaso.accounts.identity import personal_id_clean, phone_clean
from xaso.core.bounds import BoundedDateField, BoundedIntegerField
from xaso.core.calendar import local_today
from xaso.core.errors import InvalidInput

FIELD_TYPES = {"text", "textarea", "date", "integer", "choice", "phone", "personal_id", "email", "boolean"}
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# A personal ID typed with spaces, dots or dashes ("038 190 000 123") is cleaned to its digits.
PERSONAL_ID_TYPED_LENGTH = 20
# A phone typed as people write it ("+84 912 345 678", "0912.345.678") is cleaned to 10 digits:
# the input must not cut it short first.
PHONE_TYPED_LENGTH = 20


class PhoneField(forms.CharField):
    """A Vietnamese phone number, checked and cleaned by `accounts.identity.phone_clean`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", PHONE_TYPED_LENGTH)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return phone_clean(value)
        except InvalidInput as exc:
            raise forms.ValidationError(str(exc.message), code="phone")


class PersonalIdField(forms.CharField):
    """A personal ID number, checked and cleaned by `accounts.identity.personal_id_clean`."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        try:
            return personal_id_clean(value)
        except InvalidInput as exc:
            raise forms.ValidationError(str(exc.message), code="personal_id")


def not_future(value: date) -> None:
    if value > local_today():
        raise forms.ValidationError(_("This date is in the future."), code="future")


def not_past(value: date) -> None:
    if value < local_today():
        raise forms.ValidationError(_("This date is already past."), code="past")


def _not_past(item: dict) -> bool:
    # An end date ("Tạm trú đến ngày": stay_until) cannot be over before the dossier is filed.
    return bool(item.get("not_past")) or item["name"].endswith("_until")


def _not_future(item: dict) -> bool:
    return bool(item.get("not_future")) or item["name"].endswith(("birth_date", "death_date"))


def check_spec(spec: list[dict]) -> None:
    """Refuse a malformed definition early (the admin and the catalogue loader call it)."""
    names = set()
    for item in spec:
        if item.get("type") not in FIELD_TYPES:
            raise ValueError(f"field {item.get('name')!r}: unknown type {item.get('type')!r}")
        if not item.get("name") or not item.get("label"):
            raise ValueError("every field needs a name and a label")
        if item["name"] in names:
            raise ValueError(f"field {item['name']!r} appears twice")
        if item["type"] == "choice" and not item.get("choices"):
            raise ValueError(f"field {item['name']!r}: a choice needs choices")
        names.add(item["name"])


def _django_field(item: dict) -> forms.Field:
    kind = item["type"]
    common = {
        "label": item["label"],
        "required": bool(item.get("required")),
        "help_text": item.get("help", ""),
    }
    if kind == "text":
        return forms.CharField(max_length=item.get("max_length", 200), **common)
    if kind == "textarea":
        return forms.CharField(
            max_length=item.get("max_length", 2000), widget=forms.Textarea(attrs={"rows": 3}), **common
        )
    if kind == "date":
        return BoundedDateField(
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
            validators=([not_future] if _not_future(item) else []) + ([not_past] if _not_past(item) else []),
            **common,
        )
    if kind == "integer":
        return BoundedIntegerField(min_value=item.get("min"), max_value=item.get("max"), **common)
    if kind == "choice":
        choices = [("", "—")] + [tuple(c) for c in item["choices"]]
        return forms.ChoiceField(choices=choices, **common)
    if kind == "phone":
        return PhoneField(**common)
    if kind == "personal_id":
        return PersonalIdField(
            max_length=PERSONAL_ID_TYPED_LENGTH,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    if kind == "email":
        return forms.EmailField(**common)
    return forms.BooleanField(**common)


def build_form(spec: list[dict], data=None, *, initial=None, prefix=None) -> forms.Form:
    """A Django form for the definition, bound to `data` when given."""
    fields = {item["name"]: _django_field(item) for item in spec}
    form_class = type("ProcedureForm", (forms.Form,), fields)
    return form_class(data, initial=initial, prefix=prefix)


def _to_json(value):
    return value.isoformat() if isinstance(value, date) else value


def clean_data(spec: list[dict], data: dict, *, partial: bool = False) -> dict:
    """The validated data as JSON values (dates ISO), or InvalidInput naming the first bad
    field. `partial` (a draft) checks what is given but lets required fields stay empty."""
    data = dict(data or {})
    for item in spec:
        value = data.get(item["name"])
        if isinstance(value, date):
            data[item["name"]] = value.strftime("%d/%m/%Y")
        elif item["type"] == "boolean" and isinstance(value, bool):
            data[item["name"]] = "on" if value else ""
        elif value is not None and not isinstance(value, str):
            data[item["name"]] = str(value)
    form = build_form(spec, data)
    if partial:
        for field in form.fields.values():
            field.required = False
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        label = form.fields[name].label if name in form.fields else name
        raise InvalidInput(f"{label}: {errors[0]}", field=name)
    unknown = set(data) - {item["name"] for item in spec}
    if unknown:
        raise InvalidInput(
            _("Unknown field: %(name)s") % {"name": sorted(unknown)[0]}, field=sorted(unknown)[0]
        )
    return {
        name: _to_json(value)
        for name, value in form.cleaned_data.items()
        if value not in (None, "") or not partial
    }


def form_errors(spec: list[dict], data) -> dict:
    """All errors at once, for a page that shows them beside each field."""
    form = build_form(spec, data)
    form.is_valid()
    return form.errors


_JSON_TYPES = {
    "text": {"type": "string"},
    "textarea": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "integer": {"type": "integer"},
    "phone": {"type": "string", "pattern": r"^0\d{9}$"},
    "personal_id": {"type": "string", "pattern": r"^\d{12}$"},
    "email": {"type": "string", "format": "email"},
    "boolean": {"type": "boolean"},
}


def json_schema(spec: list[dict]) -> dict:
    """The JSON Schema of a dossier's `data` for this procedure."""
    properties = {}
    for item in spec:
        if item["type"] == "choice":
            prop = {"type": "string", "enum": [c[0] for c in item["choices"]]}
        else:
            prop = dict(_JSON_TYPES[item["type"]])
        if item["type"] in ("text", "textarea") and item.get("max_length"):
            prop["maxLength"] = item["max_length"]
        if item["type"] == "integer":
            for key, name in (("min", "minimum"), ("max", "maximum")):
                if item.get(key) is not None:
                    prop[name] = item[key]
        prop["title"] = item["label"]
        properties[item["name"]] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [item["name"] for item in spec if item.get("required")],
        "additionalProperties": False,
    }


def initial_from(data: dict, spec: list[dict]) -> dict:
    """A dossier's stored answers as a web form's initial values (dates typed dd/mm/yyyy)."""
    initial = {}
    for item in spec:
        value = data.get(item["name"])
        if value and item["type"] == "date":
            y, m, d = str(value).split("-")
            value = f"{d}/{m}/{y}"
        initial[item["name"]] = value
    return initial


def json_ready(cleaned: dict) -> dict:
    """A web form's cleaned values as a dossier stores them (dates ISO, empty ones left out)."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in cleaned.items() if v is not None}
