"""A certified copy from the original is priced per page in tiers (Thông tư 226/2016/TT-BTC):
2.000 đồng a page for pages 1–2, 1.000 from page 3, at most 200.000 đồng a copy, times the
copies; the procedure's `fee_schedule` says so as data, `fees.dossier_fee` computes it and the
pages and the receipt show the breakdown."""

import subprocess
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation

from xaso.onestop.fee_tiers import schedule_check, schedule_text, tiers_price
from xaso.onestop.fees import dossier_fee
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit
from xaso.payments.services import payment_request_pay_cash

pytestmark = pytest.mark.django_db

LAW = {"per": "page", "tiers": [[1, 2000], [3, 1000]], "cap_per_copy": 200000}
COPY_DATA = {
    "applicant_name": "Trần Thị Bình",
    "applicant_personal_id": "038190000123",
    "applicant_phone": "0912000001",
    "document_name": "Bằng tốt nghiệp trung học phổ thông",
}


@pytest.fixture
def certified_copy(db):
    return Procedure.objects.get(code="chung-thuc-ban-sao")


@pytest.fixture
def file_copy(citizen, commune, certified_copy):
    def _file(pages, copies=1):
        data = {**COPY_DATA, "pages": pages, "copies": copies}
        return dossier_submit(actor=citizen, procedure=certified_copy, commune=commune, data=data)

    return _file


@pytest.mark.parametrize(
    ("pages", "copies", "fee"),
    [
        (1, 1, 2_000),
        (2, 1, 4_000),
        (3, 1, 5_000),
        (5, 1, 7_000),
        (150, 1, 152_000),
        (198, 1, 200_000),  # exactly the cap
        (199, 1, 200_000),  # the cap holds from here on
        (500, 1, 200_000),
        (5, 3, 21_000),
        (250, 2, 400_000),  # the cap is per copy
    ],
)
def test_the_fee_follows_the_tiers_the_cap_and_the_copies(certified_copy, pages, copies, fee):
    assert certified_copy.fee_schedule == LAW
    assert dossier_fee(certified_copy, {"pages": pages, "copies": copies}) == fee


@pytest.mark.parametrize(
    ("pages", "copies", "text"),
    [
        (1, 1, "1 trang × 1 bản: 1 × 2.000 = 2.000 đồng"),
        (5, 1, "5 trang × 1 bản: 2 × 2.000 + 3 × 1.000 = 7.000 đồng"),
        (5, 2, "5 trang × 2 bản: (2 × 2.000 + 3 × 1.000) × 2 = 14.000 đồng"),
        (
            250,
            1,
            "250 trang × 1 bản: 2 × 2.000 + 248 × 1.000 = 252.000 đồng, "
            "thu tối đa 200.000 đồng/bản: 200.000 đồng",
        ),
        (
            250,
            2,
            "250 trang × 2 bản: 2 × 2.000 + 248 × 1.000 = 252.000 đồng, "
            "thu tối đa 200.000 đồng/bản: 200.000 × 2 = 400.000 đồng",
        ),
    ],
)
def test_the_breakdown_reads_as_the_sum_in_vietnamese(pages, copies, text):
    with translation.override("vi"):
        assert tiers_price(LAW, pages=pages, copies=copies).text() == text


def test_a_filed_copy_is_charged_the_tiers_and_its_pages_show_the_breakdown(
    account, file_copy, login, citizen
):
    dossier = Dossier.objects.get(pk=file_copy(5).pk)
    assert dossier.fee == 7_000 and dossier.fee_request.amount == 7_000
    client = login(citizen)
    breakdown = "5 trang × 1 bản: 2 × 2.000 + 3 × 1.000 = 7.000 đồng"
    assert breakdown in client.get(f"/ho-so/{dossier.code}/").content.decode()
    pdf = client.get(f"/ho-so/{dossier.code}/bien-nhan.pdf").content
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    assert breakdown in " ".join(text.stdout.decode().split())


def test_many_pages_and_copies_are_capped_per_copy_on_the_request(account, file_copy):
    dossier = Dossier.objects.get(pk=file_copy(250, copies=3).pk)
    assert dossier.fee == 600_000 and dossier.fee_request.amount == 600_000


def test_the_procedure_page_states_the_tiers(client, certified_copy):
    page = client.get(f"/thu-tuc/{certified_copy.code}/").content.decode()
    assert "2.000 đ một trang từ trang 1, 1.000 đ một trang từ trang 3; tối đa 200.000 đ một bản" in page
    assert schedule_text(LAW)


@pytest.mark.parametrize(
    "schedule",
    [
        [[1, 2000]],
        {"per": "copy", "tiers": [[1, 2000]]},
        {"per": "page"},
        {"per": "page", "tiers": []},
        {"per": "page", "tiers": [[2, 2000]]},
        {"per": "page", "tiers": [[1, 2000], [1, 1000]]},
        {"per": "page", "tiers": [[1, 2000], [3]]},
        {"per": "page", "tiers": [[1, "2000"]]},
        {"per": "page", "tiers": [[1, -5]]},
        {"per": "page", "tiers": [[1, 2000.5]]},
        {"per": "page", "tiers": [[1, True]]},
        {"per": "page", "tiers": [[1, 2000]], "cap_per_copy": 0},
        {"per": "page", "tiers": [[1, 2000]], "discount": 5},
    ],
)
def test_a_malformed_schedule_is_named_in_words(certified_copy, schedule):
    assert schedule_check(schedule, certified_copy.form)


def test_a_schedule_needs_a_required_pages_field_and_no_fee_per_copy(certified_copy):
    assert schedule_check(LAW, certified_copy.form) == []
    without_pages = [f for f in certified_copy.form if f["name"] != "pages"]
    assert schedule_check(LAW, without_pages)
    assert schedule_check(LAW, certified_copy.form, fee_per_copy=True)


def test_a_procedure_whose_schedule_broke_refuses_the_filing_with_a_422_not_a_500(
    certified_copy, file_copy, login, citizen, commune
):
    Procedure.objects.filter(pk=certified_copy.pk).update(fee_schedule={"per": "page", "tiers": "oops"})
    response = login(citizen).post(
        "/api/v1/dossiers",
        {
            "procedure": certified_copy.code,
            "commune": commune.code,
            "data": {**COPY_DATA, "pages": 3, "copies": 1},
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Dossier.objects.filter(procedure=certified_copy).exclude(status="draft").exists()


def test_the_review_step_shows_the_breakdown_before_filing(login, citizen, commune, certified_copy):
    draft = dossier_draft_save(
        actor=citizen, procedure=certified_copy, commune=commune, data={**COPY_DATA, "pages": 3, "copies": 2}
    )
    review = login(citizen).get(f"/ho-so/nhap/{draft.pk}/3/").content.decode()
    assert "3 trang × 2 bản: (2 × 2.000 + 1 × 1.000) × 2 = 10.000 đồng" in review


def test_the_migration_prices_the_shipped_row_of_an_existing_catalogue(certified_copy):
    ship = import_module("xaso.onestop.migrations.0010_procedure_fee_schedule").ship_schedules
    old_form = [f for f in certified_copy.form if f["name"] != "copies"]
    Procedure.objects.filter(pk=certified_copy.pk).update(fee_schedule={}, form=old_form, fee_note="cũ")
    ship(apps, None)
    shipped = Procedure.objects.get(pk=certified_copy.pk)
    assert shipped.fee_schedule == LAW and [f["name"] for f in shipped.form][-2:] == ["pages", "copies"]
    assert dossier_fee(shipped, {"pages": 5}) == 7_000  # a dossier filed before: one copy


def test_the_cash_receipt_says_how_the_amount_was_reached(account, file_copy, login, one_stop_officer):
    dossier = Dossier.objects.get(pk=file_copy(5).pk)
    payment_request_pay_cash(actor=one_stop_officer, request=dossier.fee_request, amount=7_000)
    pdf = login(one_stop_officer).get(f"/thanh-toan/yeu-cau/{dossier.fee_request_id}/bien-lai.pdf").content
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    assert "5 trang × 1 bản: 2 × 2.000 + 3 × 1.000 = 7.000 đồng" in " ".join(text.stdout.decode().split())


def test_the_api_states_the_tiers_and_none_for_a_fixed_fee(client, certified_copy):
    body = client.get(f"/api/v1/procedures/{certified_copy.code}").json()
    assert body["fee_schedule"] == {
        "per": "page",
        "tiers": [{"from_page": 1, "price": 2000}, {"from_page": 3, "price": 1000}],
        "cap_per_copy": 200000,
        "text": "2.000 đ một trang từ trang 1, 1.000 đ một trang từ trang 3; tối đa 200.000 đ một bản",
    }
    assert client.get("/api/v1/procedures/1.001193").json()["fee_schedule"] is None
    Procedure.objects.filter(pk=certified_copy.pk).update(fee_schedule={"per": "page"})
    assert client.get(f"/api/v1/procedures/{certified_copy.code}").json()["fee_schedule"] is None
