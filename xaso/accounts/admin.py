from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction

from xaso.accounts import admin_services as audited
from xaso.accounts.models import ApiToken, CitizenProfile, Membership, User


class AuditedAdmin(admin.ModelAdmin):
    """Saves and deletes go through the audited services of xaso.accounts.admin_services, one
    by one (the bulk delete action too), so every change made here is in the audit chain."""

    def save_service(self, *, actor, obj):
        raise NotImplementedError

    def delete_service(self, *, actor, obj):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        self.save_service(actor=request.user, obj=obj)

    def delete_model(self, request, obj):
        self.delete_service(actor=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["commune", "province"]
    raw_id_fields = ["village"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["username"]
    list_display = ["username", "full_name", "phone", "email", "is_active"]
    search_fields = ["username", "full_name", "phone", "email"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password", "full_name", "phone", "email"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "password1", "password2"]}),
    ]

    def save_service(self, *, actor, obj):
        audited.user_admin_save(actor=actor, user=obj)

    def delete_service(self, *, actor, obj):
        audited.user_admin_delete(actor=actor, user=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            audited.membership_admin_delete(actor=request.user, membership=membership)
        for membership in memberships:
            audited.membership_admin_save(actor=request.user, membership=membership)
        formset.save_m2m()

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                audited.user_admin_password_set(actor=request.user, user=user)
        return response


@admin.register(CitizenProfile)
class CitizenProfileAdmin(AuditedAdmin):
    list_display = ["full_name", "commune", "created_at"]
    search_fields = ["search_text"]
    raw_id_fields = ["user", "village", "commune"]

    def save_service(self, *, actor, obj):
        audited.profile_admin_save(actor=actor, profile=obj)

    def delete_service(self, *, actor, obj):
        audited.profile_admin_delete(actor=actor, profile=obj)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = [
        "user",
        "name",
        "scope",
        "two_factor",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    # What a token may do is fixed when it is issued (scope, second factor, the roles and password
    # it was issued under): the admin renames it, shortens its life or deletes it, never widens it.
    readonly_fields = ["key_hash", "scope", "two_factor", "roles_key", "password_key", "revoked_at"]

    def save_service(self, *, actor, obj):
        audited.api_token_admin_save(actor=actor, token=obj)

    def delete_service(self, *, actor, obj):
        audited.api_token_admin_delete(actor=actor, token=obj)
