"""The cashier's request page and the API record cash; the receipt of a cash payment is a PDF
for whoever sees the request."""

import pytest

from xaso.payments.models import PaymentRequest, RequestStatus
from xaso.payments.services import payment_request_pay_cash

pytestmark = pytest.mark.django_db


def test_the_cashier_records_cash_on_the_request_page_and_prints_the_receipt(
    login, one_stop_officer, make_request
):
    request = make_request(amount=8_000)
    client = login(one_stop_officer)
    page = client.get(f"/thanh-toan/yeu-cau/{request.pk}/").content.decode()
    assert f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/" in page and 'value="8000"' in page
    response = client.post(
        f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/", {"amount": "8.000", "receipt_number": "BL-17"}
    )
    assert response.status_code == 302 and response["Location"] == f"/thanh-toan/yeu-cau/{request.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "tien-mat/" not in page and f"/thanh-toan/yeu-cau/{request.pk}/bien-lai.pdf" in page
    pdf = client.get(f"/thanh-toan/yeu-cau/{request.pk}/bien-lai.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_wrong_amount_on_the_page_says_what_is_due_and_changes_nothing(
    login, one_stop_officer, make_request
):
    request = make_request(amount=8_000)
    response = login(one_stop_officer).post(
        f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/", {"amount": "5000", "next": "/ho-so/X/"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "8.000" in page and 'value="5000"' in page
    assert 'name="next" value="/ho-so/X/"' in page  # the corrected form still goes back there
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN


def test_only_a_local_address_is_followed_after_recording_cash(login, one_stop_officer, make_request):
    request = make_request(amount=8_000)
    response = login(one_stop_officer).post(
        f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/", {"amount": "8000", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"/thanh-toan/yeu-cau/{request.pk}/"


def test_the_payer_gets_the_receipt_and_no_form(login, citizen, one_stop_officer, make_request):
    request = make_request(amount=8_000)
    client = login(citizen)
    assert "tien-mat/" not in client.get(f"/thanh-toan/yeu-cau/{request.pk}/").content.decode()
    assert client.get(f"/thanh-toan/yeu-cau/{request.pk}/bien-lai.pdf").status_code == 404  # not paid yet
    payment_request_pay_cash(actor=one_stop_officer, request=request, amount=8_000)
    assert client.get(f"/thanh-toan/yeu-cau/{request.pk}/bien-lai.pdf").content.startswith(b"%PDF")


def test_the_api_records_cash_and_refuses_a_wrong_amount_with_the_field(
    login, one_stop_officer, make_request
):
    request = make_request(amount=8_000)
    client = login(one_stop_officer)
    url = f"/api/v1/payments/requests/{request.pk}/cash"
    wrong = client.post(url, {"amount": 7_000}, content_type="application/json")
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "amount"
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN
    done = client.post(url, {"amount": 8_000, "receipt_number": "17"}, content_type="application/json")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["method"], done.json()["receipt_number"]) == (
        "paid",
        "cash",
        "17",
    )
    again = client.post(url, {"amount": 8_000}, content_type="application/json")
    assert again.status_code == 409


def test_the_cashiers_list_says_how_a_paid_request_was_paid(login, one_stop_officer, make_request):
    cash, unpaid = make_request(amount=8_000, subject_id="1"), make_request(amount=5_000, subject_id="2")
    payment_request_pay_cash(actor=one_stop_officer, request=cash, amount=8_000)
    page = login(one_stop_officer).get("/thanh-toan/").content.decode()
    paid_row = page[page.index(cash.reference) :].split("</tr>")[0]
    unpaid_row = page[page.index(unpaid.reference) :].split("</tr>")[0]
    assert "Tiền mặt tại quầy" in paid_row
    assert "Tiền mặt tại quầy" not in unpaid_row and "Chuyển khoản" not in unpaid_row
