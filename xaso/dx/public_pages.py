"""What changes the cached public pages (xaso.core.public_cache): the portal's DX section shows a
commune's news and plan, and its assessment's rank among the province's communes — an assessment
or a set changes other communes' ranks, so those bump the "dx" scope every portal reads."""

from xaso.core.public_cache import invalidate_on
from xaso.dx.models import Assessment, IndicatorSet, NewsItem, Plan, Target, TargetFigure

invalidate_on(NewsItem, lambda row: [f"commune:{row.commune_id}"])
invalidate_on(Assessment, lambda row: ["dx"])
invalidate_on(IndicatorSet, lambda row: ["dx"])
invalidate_on(Plan, lambda row: ["dx"])
invalidate_on(Target, lambda row: ["dx"])
invalidate_on(TargetFigure, lambda row: ["dx"])
