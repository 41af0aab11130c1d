"""The community app's sections of the commune portal (xaso.core.portal), registered when the
app is ready: the latest public announcements with their feeds, the feedback form and the public
board, the QR information pages by kind, and the public wifi and digital-support points with
their small map. All public data: no household, no reporter is ever named."""

from itertools import groupby

from django.urls import reverse

from xaso.community import selectors
from xaso.community.models import InfoKind
from xaso.community.pointmap import drawing_for
from xaso.core.portal import Section, register_section
from xaso.places.selectors import villages_of_commune

LATEST_ANNOUNCEMENTS = 5
LATEST_REPORTS = 3
PORTAL_POINTS = 8


def announcements_context(request, commune) -> dict:
    return {"announcements": list(selectors.announcements_public(commune)[:LATEST_ANNOUNCEMENTS])}


def feedback_context(request, commune) -> dict:
    return {"reports": list(selectors.feedback_public(commune).prefetch_related(None)[:LATEST_REPORTS])}


def info_pages_context(request, commune) -> dict | None:
    pages = list(selectors.info_pages_public(commune))
    if not pages:
        return None
    labels = dict(InfoKind.choices)
    order = {kind: i for i, kind in enumerate(InfoKind.values)}
    pages.sort(key=lambda p: (order.get(p.kind, 99), p.title))
    return {"groups": [(labels.get(k, k), list(rows)) for k, rows in groupby(pages, key=lambda p: p.kind)]}


def points_context(request, commune, *, limit: int | None = PORTAL_POINTS) -> dict | None:
    points = list(selectors.public_points_public(commune))
    if not points:
        return None
    shown = points[:limit] if limit else points
    picture = selectors.point_map_public(commune)
    drawing = drawing_for(
        shown,
        list(villages_of_commune(commune)),
        commune_name=commune.name,
        image_url=reverse("community:point_map_image", args=[commune.code]) if picture else "",
        size=(picture.width, picture.height) if picture else None,
    )
    return {"points": shown, "total": len(points), "more": len(points) > len(shown), "map": drawing}


register_section(
    Section("announcements", "community/portal_announcements.html", announcements_context, order=20)
)
register_section(Section("feedback", "community/portal_feedback.html", feedback_context, order=30))
register_section(Section("info_pages", "community/portal_info_pages.html", info_pages_context, order=40))
register_section(Section("points", "community/portal_points.html", points_context, order=50))
