"""Reads of the exchange between agencies, scoped to the actor."""

from xaso.core.permissions import holds
from xaso.documents.models import Agency, EnvelopeDelivery
from xaso.documents.permissions import REGISTER, VIEW


def deliveries_for(actor, document):
    """How a document's envelopes fared, for those who may view the document."""
    return (
        EnvelopeDelivery.objects.for_actor(actor, VIEW)
        .filter(document=document)
        .select_related("recipient")
        .order_by("created_at", "id")
    )


def agencies_to_send_to(actor, document):
    """The agencies a registrar may send this document to: active, reachable, not ourselves,
    not already sent to. Empty for anyone who may not send from the document's commune."""
    commune = document.commune
    if not holds(actor, REGISTER, commune=commune):
        return Agency.objects.none()
    sent = EnvelopeDelivery.objects.filter(document=document).values("recipient_id")
    return (
        Agency.objects.filter(is_active=True)
        .exclude(base_url="")
        .exclude(commune=commune)
        .exclude(pk__in=sent)
        .order_by("name")
    )
