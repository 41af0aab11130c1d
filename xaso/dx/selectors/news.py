"""Reads of the commune's DX news: the staff's list (scoped to the actor) and the public pages
(published items only, of the commune named in the address)."""

from django.db.models import QuerySet

from xaso.core.errors import NotFound
from xaso.dx.models import NewsItem, NewsStatus
from xaso.places.models import Commune

VIEW = "core.view_commune"


def news_for(actor, *, perm: str = VIEW) -> QuerySet[NewsItem]:
    """The news of the actor's communes, every status, the newest first (drafts on top)."""
    return (
        NewsItem.objects.for_actor(actor, perm)
        .select_related("commune", "author")
        .order_by("status", "-published_at", "-pk")
    )


def news_item_for(actor, item_id: int, *, perm: str = VIEW) -> NewsItem:
    try:
        return news_for(actor, perm=perm).get(pk=item_id)
    except (NewsItem.DoesNotExist, ValueError):
        raise NotFound("news item") from None


def news_published(commune: Commune) -> QuerySet[NewsItem]:
    """What the public sees: the commune's published items, the latest first (index dx_news_public)."""
    return NewsItem.objects.filter(commune=commune, status=NewsStatus.PUBLISHED).order_by(
        "-published_at", "-pk"
    )


def news_item_public(commune: Commune, item_id: int) -> NewsItem:
    """A published item of this commune; a draft, a withdrawn item or another commune's is a 404."""
    try:
        return news_published(commune).get(pk=item_id)
    except (NewsItem.DoesNotExist, ValueError):
        raise NotFound("news item") from None
