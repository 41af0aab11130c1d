"""The demo commune's DX news: three published items over the last weeks and a draft, written by
the commune's leader through the services, and the same four after a second run."""

from datetime import date

from xaso.core.models import AuditEvent
from xaso.dx.calculators import Period, compute_one
from xaso.dx.demo import demo_news
from xaso.dx.models import NewsItem, NewsStatus


def test_demo_news_is_believable_and_idempotent(commune, commune_leader, village_head):
    items = demo_news(commune, today=date(2025, 1, 10))
    assert len(items) == 4
    assert [i.status for i in items].count(NewsStatus.PUBLISHED) == 3
    assert all(i.author == commune_leader for i in items)
    assert all(i.published_at.year == 2025 for i in items if i.published_at)  # kept within the year
    assert AuditEvent.objects.filter(action="news_item.publish").count() == 3
    again = demo_news(commune, today=date(2025, 1, 10))
    assert [i.pk for i in again] == [i.pk for i in items]
    assert NewsItem.objects.filter(commune=commune).count() == 4
    assert compute_one("dx.portal_news", commune.code, Period.year(2025)).measure.value == 1


def test_a_commune_without_staff_gets_no_demo_news(other_commune):
    assert demo_news(other_commune) == []
