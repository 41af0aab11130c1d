"""The "Chuyển đổi số" section of the commune portal (`/xa/<code>/`, xaso.core.portal), registered
when the app is ready (apps.py). It is always shown: a commune with nothing to show yet gets
clear empty states rather than no section (the portal's DX section is one of the seeds' marks
of a commune; the indicator XH3 counts its news, calculators.dx_own.portal_news)."""

from django.urls import reverse

from xaso.core.portal import Section, register_section
from xaso.dx.selectors.portal import portal_summary


def section_context(request, commune) -> dict:
    summary = portal_summary(commune)
    ranking = summary.ranking_set
    return {
        "dx": summary,
        "ranking_url": reverse("dx:public_ranking", args=[ranking.province_id, ranking.year])
        if ranking is not None
        else "",
    }


register_section(Section(key="dx", template="dx/portal_section.html", context=section_context, order=80))
