from django.db.models import QuerySet

from xaso.notify.models import Notification, OutboxMessage, OutboxStatus


def notifications_for(actor, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's own inbox, newest first. Nobody reads another person's inbox."""
    if actor is None or not actor.is_authenticated:
        return Notification.objects.none()
    rows = Notification.objects.filter(recipient=actor)
    return rows.filter(read_at__isnull=True) if unread_only else rows


def unread_count(actor) -> int:
    """How many of the actor's notifications are unread."""
    return notifications_for(actor, unread_only=True).count()


def outbox_status_by_ref(ref_prefix: str) -> dict[str, dict[str, int]]:
    """Delivery outcome per caller reference starting with `ref_prefix`, per status: what a
    sender (an announcement) shows as "sent / waiting / failed". Not scoped: the caller has
    already authorised the object the references belong to."""
    result: dict[str, dict[str, int]] = {}
    rows = OutboxMessage.objects.filter(ref__startswith=ref_prefix).values_list("ref", "status")
    for ref, status in rows.iterator(chunk_size=5000):
        bucket = result.setdefault(ref, {s: 0 for s in OutboxStatus.values})
        bucket[status] += 1
    return result
