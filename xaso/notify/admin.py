from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from xaso.notify.delivery import outbox_requeue
from xaso.notify.models import Notification, OutboxMessage


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "created_at", "read_at"]
    raw_id_fields = ["recipient"]
    search_fields = ["subject", "ref"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "address", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["address", "ref", "subject"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["uid", "provider_id", "last_error", "claimed_at", "created_at", "sent_at"]
    actions = ["requeue"]

    @admin.action(description=_("Send the selected dead messages again"))
    def requeue(self, request, queryset):
        count = outbox_requeue(message_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d messages were queued again.") % {"n": count})
