"""A radio bulletin made "from an announcement" ("Từ một thông báo"): the commune's latest
announcements are offered and the one chosen is accepted (the choice list was once a sliced
query, on which every choice failed as "not a valid choice"); an older one past the list, or
another commune's, is refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from xaso.community.forms import BulletinForm
from xaso.community.models import Announcement, Bulletin

pytestmark = pytest.mark.django_db


def _announce(commune, author, title, days_ago=0):
    return Announcement.objects.create(
        commune=commune,
        title=title,
        body="Sáng thứ bảy tiêm vắc xin cho trẻ dưới năm tuổi.",
        publish_at=timezone.now() - timedelta(days=days_ago),
        created_by=author,
    )


def test_the_latest_announcement_is_a_valid_choice(commune, one_stop_officer):
    chosen = _announce(commune, one_stop_officer, "Tiêm chủng")
    form = BulletinForm({"announcement": chosen.pk}, commune=commune)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["announcement"] == chosen


def test_the_radio_page_makes_a_bulletin_from_an_announcement(login, commune, one_stop_officer):
    chosen = _announce(commune, one_stop_officer, "Tiêm chủng")
    response = login(one_stop_officer).post(reverse("community:radio"), {"bulletin-announcement": chosen.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    bulletin = Bulletin.objects.get(commune=commune)
    assert bulletin.title == "Tiêm chủng" and "vắc xin" in bulletin.text


def test_an_announcement_of_another_commune_is_refused(commune, other_commune, one_stop_officer):
    elsewhere = _announce(other_commune, one_stop_officer, "Nơi khác")
    form = BulletinForm({"announcement": elsewhere.pk}, commune=commune)
    assert not form.is_valid() and list(form.errors) == ["announcement"]


def test_only_the_fifty_latest_are_offered(commune, one_stop_officer):
    oldest = _announce(commune, one_stop_officer, "Cũ nhất", days_ago=100)
    latest = [_announce(commune, one_stop_officer, f"Tin {i}", days_ago=i) for i in range(50)]
    form = BulletinForm(commune=commune)
    offered = list(form.fields["announcement"].queryset)
    assert len(offered) == 50 and offered[0] == latest[0] and oldest not in offered
    assert not BulletinForm({"announcement": oldest.pk}, commune=commune).is_valid()
