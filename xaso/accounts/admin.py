from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from xaso.accounts.models import ApiToken, CitizenProfile, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["commune", "province"]
    raw_id_fields = ["village"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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


@admin.register(CitizenProfile)
class CitizenProfileAdmin(admin.ModelAdmin):
    list_display = ["full_name", "commune", "created_at"]
    search_fields = ["search_text"]
    raw_id_fields = ["user", "village", "commune"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "created_at", "last_used_at", "expires_at"]
    readonly_fields = ["key_hash"]
