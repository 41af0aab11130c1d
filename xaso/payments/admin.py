from django.contrib import admin

from xaso.payments.models import BankStatement, CollectionAccount, PaymentRequest


@admin.register(CollectionAccount)
class CollectionAccountAdmin(admin.ModelAdmin):
    list_display = ("commune", "bank_bin", "account_number", "account_name", "is_active")
    list_filter = ("is_active",)
    # Changes go through collection_account_set (audited, leader only), not the admin.
    readonly_fields = ("commune", "bank_bin", "account_number", "account_name", "is_active")


@admin.register(PaymentRequest)
class PaymentRequestAdmin(admin.ModelAdmin):
    list_display = ("reference", "commune", "label", "amount", "amount_received", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("reference", "subject_id", "payer_name")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BankStatement)
class BankStatementAdmin(admin.ModelAdmin):
    list_display = ("filename", "commune", "imported_at", "lines_new", "lines_known", "lines_duplicate")

    def has_change_permission(self, request, obj=None):
        return False
