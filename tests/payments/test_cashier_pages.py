"""The cashier's pages: the QR of a request, importing a statement, resolving a line; and
nothing of another commune can be reached."""

import pytest

from xaso.core.models import AuditEvent
from xaso.payments.models import CollectionAccount, LineOutcome, RequestStatus, StatementLine
from xaso.payments.services import statement_import
from xaso.payments.vietqr import vietqr_parse


def test_the_request_page_shows_the_qr_code_and_the_note(login, one_stop_officer, make_request):
    request = make_request(amount=30_000, label="Phí chứng thực")
    response = login(one_stop_officer).get(f"/thanh-toan/yeu-cau/{request.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'src="data:image/png' in body
    assert request.reference in body and "30.000" in body


def test_the_payer_sees_their_own_request_and_its_png(login, citizen, make_request):
    request = make_request()
    client = login(citizen)
    assert client.get(f"/thanh-toan/yeu-cau/{request.pk}/").status_code == 200
    png = client.get(f"/thanh-toan/yeu-cau/{request.pk}/qr.png")
    assert png["Content-Type"] == "image/png" and png.content[:4] == b"\x89PNG"


def test_an_officer_of_another_commune_gets_404_on_page_and_api(login, other_officer, make_request, account):
    request = make_request()
    client = login(other_officer)
    assert client.get(f"/thanh-toan/yeu-cau/{request.pk}/").status_code == 404
    assert client.get(f"/thanh-toan/yeu-cau/{request.pk}/qr.png").status_code == 404
    assert client.get(f"/api/v1/payments/requests/{request.pk}").status_code == 404
    assert client.get("/api/v1/payments/requests").json() == []


def test_another_communes_statement_and_lines_are_404(
    login, one_stop_officer, other_officer, account, statement
):
    result = statement_import(
        actor=one_stop_officer,
        account=account,
        filename="a.csv",
        content=statement([("A", "23/11/2026", "9", "x")]),
    )
    client = login(other_officer)
    assert client.get(f"/thanh-toan/sao-ke/{result.pk}/").status_code == 404
    line = StatementLine.objects.get()
    assert client.get(f"/thanh-toan/dong/{line.pk}/").status_code == 404


def test_the_cashier_imports_a_statement_and_the_request_shows_paid(
    login, one_stop_officer, make_request, statement
):
    request = make_request(amount=30_000)
    client = login(one_stop_officer)
    assert client.get("/thanh-toan/").status_code == 200
    upload = statement([("FT1", "23/11/2026", "30.000", f"{request.reference} phi")])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/thanh-toan/", {"file": SimpleUploadedFile("sk.csv", upload, "text/csv")})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.PAID
    page = client.get(response["Location"]).content.decode()
    assert "FT1" in page


def test_a_bad_statement_keeps_the_typed_columns_and_explains(login, one_stop_officer, account, statement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(one_stop_officer)
    upload = statement([("A", "23/11/2026", "1", "x")], header=["a", "b", "c", "d", "e"])
    response = client.post(
        "/thanh-toan/",
        {
            "file": SimpleUploadedFile("sk.csv", upload),
            "txn_id": "Mã GD",
            "booked_on": "b",
            "amount": "c",
            "description": "d",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'value="Mã GD"' in body and "“a”" in body


def test_a_cashier_creates_a_request_and_is_told_the_note_was_folded(login, one_stop_officer, account):
    client = login(one_stop_officer)
    response = client.post(
        "/thanh-toan/yeu-cau/moi/", {"label": "Phí chợ ô số 12", "amount": "20.000"}, follow=True
    )
    assert response.status_code == 200
    payment = response.context["payment"]
    assert payment.amount == 20_000
    assert vietqr_parse(payment.payload).note == payment.note
    assert any(m.level_tag == "warning" for m in response.context["messages"])


def test_a_request_for_zero_keeps_the_form(login, one_stop_officer, account):
    response = login(one_stop_officer).post("/thanh-toan/yeu-cau/moi/", {"label": "Phí", "amount": "0"})
    assert response.status_code == 422
    assert 'value="Phí"' in response.content.decode()


def test_an_unmatched_line_is_applied_by_hand(login, one_stop_officer, make_request, account, statement):
    request = make_request(amount=10_000)
    statement_import(
        actor=one_stop_officer,
        account=account,
        filename="a.csv",
        content=statement([("A", "23/11/2026", "10000", "tien phi")]),
    )
    line = StatementLine.objects.get()
    response = login(one_stop_officer).post(
        f"/thanh-toan/dong/{line.pk}/",
        {"reference": request.reference.lower(), "note": "Người nộp gọi điện xác nhận"},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    request.refresh_from_db()
    assert line.outcome == LineOutcome.EXACT and line.request == request
    assert request.status == RequestStatus.PAID


def test_a_citizen_cannot_open_the_cashier(login, citizen):
    assert login(citizen).get("/thanh-toan/").status_code == 403


@pytest.mark.parametrize("url", ["/thanh-toan/tai-khoan/"])
def test_a_one_stop_officer_cannot_change_the_account(login, one_stop_officer, url):
    assert login(one_stop_officer).get(url).status_code == 403


def test_the_leader_sets_the_account_through_the_page(login, commune_leader, commune):
    client = login(commune_leader)
    response = client.post(
        "/thanh-toan/tai-khoan/",
        {"bank_bin": "970405", "account_number": "3600 2051 23456", "account_name": "UBND XA"},
    )
    assert response.status_code == 302
    account = CollectionAccount.objects.get(commune=commune, is_active=True)
    assert (account.bank_bin, account.account_number, account.account_name) == (
        "970405",
        "3600205123456",
        "UBND XA",
    )
    event = AuditEvent.objects.get(action="collection_account.set")
    assert event.actor == commune_leader and event.summary == "970405 3600205123456"
