"""An automatic indicator speaks Vietnamese to its readers: its "no data" reason ("no data: no
team members") and its calculator, shown by title, never by key (`dx.villages_with_team`)."""

import pytest
from django.urls import reverse
from django.utils import translation

from xaso.dx.calculators import REGISTRY, Period, compute_many, note_text

pytestmark = pytest.mark.django_db


def test_every_calculator_reason_is_translated(commune):
    with translation.override("vi"):
        for name in REGISTRY:
            note = compute_many(name, [commune.code], Period.year(2025))[commune.code].note
            if note:
                assert not note_text(note).startswith("no data"), (name, note)
        assert note_text("no data: no team members") == "chưa có dữ liệu: tổ công nghệ số chưa có thành viên"


def test_the_assessment_page_gives_the_reason_in_vietnamese(login, commune_leader, filled):
    page = login(commune_leader).get(reverse("dx:assessment", args=[filled.pk])).content.decode()
    assert "xã chưa khai báo thôn nào" in page
    assert "no data" not in page


def test_the_indicator_set_shows_the_calculator_by_title(login, province_supervisor, dx_set):
    page = login(province_supervisor).get(reverse("dx:set", args=[dx_set.pk])).content.decode()
    assert "Thôn có Tổ công nghệ số cộng đồng hoạt động" in page
    assert "dx.villages_with_team" not in page.replace('value="dx.villages_with_team"', "")
