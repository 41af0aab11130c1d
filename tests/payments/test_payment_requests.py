"""A payment request carries a unique payment code in its note and a dynamic VietQR that
points to the commune's active account."""

import pytest

from xaso.core.errors import InvalidInput
from xaso.payments.models import RequestStatus
from xaso.payments.references import reference_is_valid
from xaso.payments.services import payment_request_create
from xaso.payments.vietqr import vietqr_parse


def test_a_request_has_a_valid_code_and_a_qr_for_the_exact_amount(make_request, account):
    request = make_request(amount=30_000, label="Phí khai sinh")
    assert reference_is_valid(request.reference)
    assert request.status == RequestStatus.OPEN
    qr = vietqr_parse(request.payload)
    assert (qr.bank_bin, qr.account_number, qr.amount) == ("970405", "3600205123456", 30_000)
    assert qr.is_dynamic
    assert qr.note.startswith(request.reference + " ")
    assert qr.note == request.note == f"{request.reference} Phi khai sinh"


def test_the_note_cleaning_is_reported_to_the_caller(make_request):
    request = make_request(label="Lệ phí đăng ký kết hôn và trích lục")
    assert request.note_cleaning.accents_removed
    assert request.note_cleaning.shortened
    assert len(request.note) <= 25
    assert request.note.startswith(request.reference)


def test_two_requests_never_share_a_code(make_request):
    codes = {make_request().reference for _ in range(30)}
    assert len(codes) == 30


def test_a_commune_without_an_account_cannot_ask_for_payment(commune, one_stop_officer):
    with pytest.raises(InvalidInput) as exc:
        payment_request_create(actor=one_stop_officer, commune=commune, amount=1000, kind="k", label="x")
    assert exc.value.field == "account"


@pytest.mark.parametrize("amount", [0, -5])
def test_a_request_for_nothing_is_refused(make_request, amount):
    with pytest.raises(InvalidInput) as exc:
        make_request(amount=amount)
    assert exc.value.field == "amount"


def test_a_request_above_the_ceiling_is_refused(make_request, settings):
    settings.PAYMENTS_MAX_AMOUNT = 100_000
    with pytest.raises(InvalidInput):
        make_request(amount=100_001)


def test_a_request_without_a_label_is_refused(make_request):
    with pytest.raises(InvalidInput) as exc:
        make_request(label="   ")
    assert exc.value.field == "label"
