from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from xaso.core.text import fold_all
from xaso.onestop.fee_tiers import schedule_check
from xaso.onestop.forms import check_spec
from xaso.onestop.models import Dossier, DossierEvent, Procedure, ProcedureSwitch


class ProcedureAdminForm(forms.ModelForm):
    """Catalogue edits are checked as the catalogue loader checks them: a malformed form or fee
    schedule is an error on its field, never a 500. (ProcedureAdmin names the model and the
    fields.)"""

    def clean(self):
        cleaned = super().clean()
        form = cleaned.get("form")
        if "form" in cleaned:
            try:
                if not isinstance(form, list) or not all(isinstance(item, dict) for item in form):
                    raise ValueError("the form is a list of field definitions ({…} objects)")
                check_spec(form)
            except ValueError as exc:
                self.add_error("form", str(exc))
                form = None
        if "fee_schedule" in cleaned:
            problems = schedule_check(
                cleaned["fee_schedule"],
                form,
                fee_per_copy=bool(cleaned.get("fee_per_copy")),
            )
            if problems:
                self.add_error("fee_schedule", ValidationError([str(p) for p in problems]))
        return cleaned


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureAdminForm
    list_display = ["name", "national_code", "field", "processing_days", "fee", "online_level", "is_active"]
    list_filter = ["field", "online_level", "is_active"]
    search_fields = ["name", "national_code", "code"]
    exclude = ["search_text"]

    def save_model(self, request, obj, form, change):
        # The form and the fee schedule were checked by ProcedureAdminForm.clean.
        obj.search_text = fold_all(obj.name, obj.national_code, obj.code)
        super().save_model(request, obj, form, change)


@admin.register(ProcedureSwitch)
class ProcedureSwitchAdmin(admin.ModelAdmin):
    list_display = ["commune", "procedure", "enabled"]
    raw_id_fields = ["commune", "procedure"]


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "action", "from_status", "to_status", "actor_label", "note"]
    exclude = ["actor", "data"]


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    """Read-only: dossiers change only through the lifecycle services."""

    list_display = ["code", "procedure", "commune", "status", "due_date"]
    list_filter = ["status"]
    search_fields = ["code"]
    inlines = [DossierEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
