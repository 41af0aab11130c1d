"""Cash receipt numbers: left blank, the commune's next of the year (BL-<commune>-<yyyy>-<n>);
typed from a paper book, accepted once per commune. The cashier's page, the API and the receipt
PDF show the number."""

import subprocess

import pytest

from xaso.core.calendar import local_today
from xaso.core.errors import InvalidInput
from xaso.payments.models import PaymentRequest, ReceiptCounter, RequestStatus
from xaso.payments.services import payment_request_pay_cash

pytestmark = pytest.mark.django_db

YEAR = local_today().year


def pay(actor, request, number=""):
    return payment_request_pay_cash(
        actor=actor, request=request, amount=request.amount, receipt_number=number
    )


def test_a_blank_number_takes_the_communes_next_of_the_year(make_request, one_stop_officer):
    numbers = [
        pay(one_stop_officer, make_request(amount=8_000, subject_id=str(i))).receipt_number for i in range(3)
    ]
    assert numbers == [f"BL-15469-{YEAR}-{n:06d}" for n in (1, 2, 3)]
    assert ReceiptCounter.objects.get(commune_id="15469", year=YEAR).last == 3


def test_each_commune_counts_its_own(make_request, other_account, one_stop_officer, other_officer, citizen):
    from xaso.payments.services import payment_request_create

    ours = pay(one_stop_officer, make_request(amount=8_000))
    theirs = payment_request_create(
        actor=other_officer, commune=other_account.commune, amount=8_000, kind="test.fee", label="Lệ phí"
    )
    theirs = pay(other_officer, theirs)
    assert (ours.receipt_number, theirs.receipt_number) == (
        f"BL-15469-{YEAR}-000001",
        f"BL-15475-{YEAR}-000001",
    )


def test_a_refused_payment_gives_its_number_back(make_request, one_stop_officer):
    request = make_request(amount=8_000)
    with pytest.raises(InvalidInput):
        payment_request_pay_cash(actor=one_stop_officer, request=request, amount=7_000)
    assert pay(one_stop_officer, request).receipt_number == f"BL-15469-{YEAR}-000001"


def test_a_typed_number_is_kept_and_refused_the_second_time_in_the_commune(make_request, one_stop_officer):
    first, second = make_request(amount=8_000, subject_id="1"), make_request(amount=8_000, subject_id="2")
    assert pay(one_stop_officer, first, " 0000123 ").receipt_number == "0000123"
    with pytest.raises(InvalidInput) as refused:
        pay(one_stop_officer, second, "0000123")
    assert refused.value.field == "receipt_number" and "0000123" in str(refused.value)
    stored = PaymentRequest.objects.get(pk=second.pk)
    assert (stored.status, stored.receipt_number) == (RequestStatus.OPEN, "")
    assert not ReceiptCounter.objects.exists()  # typed numbers do not use the sequence


def test_the_same_typed_number_is_fine_in_another_commune(
    make_request, other_account, one_stop_officer, other_officer
):
    from xaso.payments.services import payment_request_create

    pay(one_stop_officer, make_request(amount=8_000), "0000123")
    theirs = payment_request_create(
        actor=other_officer, commune=other_account.commune, amount=8_000, kind="test.fee", label="Lệ phí"
    )
    assert pay(other_officer, theirs, "0000123").receipt_number == "0000123"


@pytest.mark.parametrize("typed", [f"BL-15469-{YEAR}-000007", f"bl-15469-{YEAR}-7"])
def test_a_typed_number_in_the_sequences_shape_is_refused(make_request, one_stop_officer, typed):
    with pytest.raises(InvalidInput) as refused:
        pay(one_stop_officer, make_request(amount=8_000), typed)
    assert refused.value.field == "receipt_number"


def test_the_api_refuses_a_used_number_with_422_on_the_field(login, make_request, one_stop_officer):
    first, second = make_request(amount=8_000, subject_id="1"), make_request(amount=8_000, subject_id="2")
    client = login(one_stop_officer)
    body = {"amount": 8_000, "receipt_number": "17"}
    assert (
        client.post(
            f"/api/v1/payments/requests/{first.pk}/cash", body, content_type="application/json"
        ).status_code
        == 200
    )
    again = client.post(f"/api/v1/payments/requests/{second.pk}/cash", body, content_type="application/json")
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "receipt_number"
    blank = client.post(
        f"/api/v1/payments/requests/{second.pk}/cash", {"amount": 8_000}, content_type="application/json"
    )
    assert blank.json()["receipt_number"] == f"BL-15469-{YEAR}-000001"


def test_the_cashier_page_explains_the_field_and_shows_the_number_then_the_pdf_prints_it(
    login, make_request, one_stop_officer
):
    request = make_request(amount=8_000)
    client = login(one_stop_officer)
    page = client.get(f"/thanh-toan/yeu-cau/{request.pk}/").content.decode()
    assert "Để trống để được cấp số tiếp theo" in page
    client.post(f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/", {"amount": "8000", "receipt_number": ""})
    number = f"BL-15469-{YEAR}-000001"
    assert f"biên lai số {number}" in client.get(f"/thanh-toan/yeu-cau/{request.pk}/").content.decode()
    pdf = client.get(f"/thanh-toan/yeu-cau/{request.pk}/bien-lai.pdf").content
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    assert f"Số: {number}" in text.stdout.decode()


def test_a_used_number_on_the_page_is_said_in_vietnamese_and_kept(login, make_request, one_stop_officer):
    first, second = make_request(amount=8_000, subject_id="1"), make_request(amount=8_000, subject_id="2")
    client = login(one_stop_officer)
    client.post(f"/thanh-toan/yeu-cau/{first.pk}/tien-mat/", {"amount": "8000", "receipt_number": "55"})
    response = client.post(
        f"/thanh-toan/yeu-cau/{second.pk}/tien-mat/", {"amount": "8000", "receipt_number": "55"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Số biên lai 55 đã dùng cho một khoản thu khác của xã." in page and 'value="55"' in page
