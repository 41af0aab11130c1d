import io
from datetime import date, timedelta
from unittest import mock

import pytest
from openpyxl import load_workbook

from tests import factories as f
from tests.support.dossiers import BIRTH_DATA, TUESDAY_9AM
from xaso.onestop.models import Dossier
from xaso.onestop.reports import report_for
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.ratings import dossier_rate

pytestmark = pytest.mark.django_db
MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


@pytest.fixture
def month(file_birth, walk, citizen, other_commune, birth):
    """March 2026 in two communes: a birth registration delivered on time and rated (its approval
    opened the linked residence registration, now late), one left late, one elsewhere."""
    with mock.patch("django.utils.timezone.now", return_value=TUESDAY_9AM):
        done = walk(file_birth(), "deliver")
        late = walk(file_birth(), "assign")
        other = f.citizen(commune_obj=other_commune)
        dossier_submit(actor=other, procedure=birth, commune=other_commune, data=dict(BIRTH_DATA))
    dossier_rate(actor=citizen, dossier=done, level=4)
    return done, late


def test_a_commune_report_counts_received_online_on_time_and_late(month, commune_leader):
    report = report_for(commune_leader, **MARCH)
    assert report.total.received == 3
    assert report.total.online_share == 1.0
    assert (report.total.settled, report.total.on_time) == (1, 1)
    assert report.total.late == 2
    assert report.by_procedure[0].label == "Đăng ký khai sinh"
    assert [r.label for r in report.by_officer] == ["Cán Bộ Thử"]
    assert dict(report.ratings)["Rất hài lòng"] == 1


def test_the_province_rolls_up_its_communes(month, province_supervisor):
    report = report_for(province_supervisor, **MARCH)
    assert report.total.received == 4
    assert {r.label for r in report.by_commune} == {"Xã Yên Định", "Xã Định Tân"}


def test_another_province_sees_nothing_of_it(month, other_province_supervisor):
    assert report_for(other_province_supervisor, **MARCH).total.received == 0


def test_the_period_bounds_the_report(month, commune_leader):
    assert report_for(commune_leader, start=date(2026, 4, 1), end=date(2026, 4, 30)).total.received == 0


def test_a_dossier_settled_after_its_due_date_counts_late(month, commune_leader):
    done, _late = month
    Dossier.objects.filter(pk=done.pk).update(finished_at=TUESDAY_9AM + timedelta(days=3))
    report = report_for(commune_leader, **MARCH)
    assert report.total.on_time == 0 and report.total.late == 3


def test_the_report_page_and_the_excel_export(month, login, commune_leader):
    client = login(commune_leader)
    page = client.get("/mot-cua/bao-cao/", {"tu": "01/03/2026", "den": "31/03/2026"})
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()
    xlsx = client.get("/mot-cua/bao-cao.xlsx", {"tu": "01/03/2026", "den": "31/03/2026"})
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    summary = list(book.worksheets[0].values)
    assert summary[2][1] == 3  # received
    assert len(book.sheetnames) == 5


def test_a_citizen_cannot_open_reports(login, citizen):
    assert login(citizen).get("/mot-cua/bao-cao/").status_code == 403
