"""Bank lines are tied to requests by the payment code in the note, then judged by amount:
exact, partial, over, unmatched; a request is settled once and re-imports change nothing."""

import pytest

from tests import factories as f
from xaso.payments.handlers import register_paid_handler, unregister_paid_handler
from xaso.payments.models import LineOutcome, PaymentRequest, RequestStatus, StatementLine
from xaso.payments.services import payment_request_cancel, payment_request_create, statement_import


@pytest.fixture
def paid_calls():
    calls = []
    register_paid_handler("test.fee", lambda request: calls.append((request.subject_id, request.status)))
    yield calls
    unregister_paid_handler("test.fee")


def run(officer, account, content, name="sao-ke.csv"):
    return statement_import(actor=officer, account=account, filename=name, content=content)


def outcome_of(txn):
    return StatementLine.objects.get(bank_txn_id=txn).outcome


def test_an_exact_payment_settles_the_request_and_tells_its_app(
    one_stop_officer, account, make_request, statement, paid_calls
):
    request = make_request(amount=50_000, subject_id="HS-1")
    run(
        one_stop_officer,
        account,
        statement([("FT001", "23/11/2026", "50.000", f"{request.reference} Le phi")]),
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.PAID
    assert request.amount_received == 50_000 and request.paid_at is not None
    assert outcome_of("FT001") == LineOutcome.EXACT
    assert paid_calls == [("HS-1", RequestStatus.PAID)]


def test_a_partial_payment_waits_for_the_rest_then_settles(
    one_stop_officer, account, make_request, statement, paid_calls
):
    request = make_request(amount=50_000)
    run(one_stop_officer, account, statement([("FT001", "23/11/2026", "20000", f"ND {request.reference}")]))
    request.refresh_from_db()
    assert request.status == RequestStatus.PARTIAL and request.amount_received == 20_000
    assert outcome_of("FT001") == LineOutcome.PARTIAL
    assert paid_calls == []
    run(one_stop_officer, account, statement([("FT002", "24/11/2026", "30000", f"ND {request.reference}")]))
    request.refresh_from_db()
    assert request.status == RequestStatus.PAID
    assert outcome_of("FT002") == LineOutcome.EXACT
    assert len(paid_calls) == 1


def test_an_overpayment_settles_the_request_and_is_listed_for_a_refund(
    one_stop_officer, account, make_request, statement, paid_calls
):
    request = make_request(amount=50_000)
    run(one_stop_officer, account, statement([("FT001", "23/11/2026", "500000", request.reference)]))
    request.refresh_from_db()
    assert request.status == RequestStatus.OVERPAID and request.amount_received == 500_000
    assert outcome_of("FT001") == LineOutcome.OVER
    assert len(paid_calls) == 1


def test_a_line_without_a_known_code_is_unmatched(one_stop_officer, account, make_request, statement):
    request = make_request(amount=50_000)
    run(one_stop_officer, account, statement([("FT001", "23/11/2026", "50000", "chuyen tien le phi")]))
    request.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    assert outcome_of("FT001") == LineOutcome.UNMATCHED


def test_a_second_payment_of_a_settled_request_never_settles_it_twice(
    one_stop_officer, account, make_request, statement, paid_calls
):
    request = make_request(amount=50_000)
    run(
        one_stop_officer,
        account,
        statement(
            [
                ("FT001", "23/11/2026", "50000", request.reference),
                ("FT002", "23/11/2026", "50000", request.reference),
            ]
        ),
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.PAID and request.amount_received == 50_000
    assert outcome_of("FT002") == LineOutcome.AFTER_SETTLED
    assert len(paid_calls) == 1


def test_re_importing_the_same_statement_changes_nothing(
    one_stop_officer, account, make_request, statement, paid_calls
):
    request = make_request(amount=50_000)
    content = statement(
        [("FT001", "23/11/2026", "50000", request.reference), ("FT009", "23/11/2026", "7000", "khong ro")]
    )
    first = run(one_stop_officer, account, content)
    second = run(one_stop_officer, account, content)
    assert (first.lines_new, first.lines_known) == (2, 0)
    assert (second.lines_new, second.lines_known) == (0, 2)
    request.refresh_from_db()
    assert request.amount_received == 50_000
    assert StatementLine.objects.count() == 2
    assert len(paid_calls) == 1


def test_a_line_repeated_inside_a_file_counts_once(one_stop_officer, account, make_request, statement):
    request = make_request(amount=50_000)
    line = ("FT001", "23/11/2026", "50000", request.reference)
    result = run(one_stop_officer, account, statement([line, line]))
    assert result.lines_duplicate == 1 and result.duplicate_rows == [3]
    request.refresh_from_db()
    assert request.amount_received == 50_000


def test_a_code_of_another_communes_account_does_not_match(
    one_stop_officer, account, other_account, statement
):
    other = payment_request_create(
        actor=f.staff("one_stop_officer", commune_obj=other_account.commune, username="x2"),
        commune=other_account.commune,
        amount=10_000,
        kind="test.fee",
        label="Phi",
    )
    run(one_stop_officer, account, statement([("FT001", "23/11/2026", "10000", other.reference)]))
    other.refresh_from_db()
    assert other.status == RequestStatus.OPEN
    assert outcome_of("FT001") == LineOutcome.UNMATCHED


def test_a_cancelled_request_takes_no_money(one_stop_officer, account, make_request, statement):
    request = payment_request_cancel(actor=one_stop_officer, request=make_request(amount=10_000))
    run(one_stop_officer, account, statement([("FT001", "23/11/2026", "10000", request.reference)]))
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.CANCELLED
    assert outcome_of("FT001") == LineOutcome.AFTER_SETTLED


def test_debit_and_blank_rows_are_skipped(one_stop_officer, account, statement):
    result = run(
        one_stop_officer,
        account,
        statement(
            [
                ("FT001", "23/11/2026", "", "phi ngan hang"),
                ("", "", "", ""),
                ("FT002", "23/11/2026", "0", "x"),
            ]
        ),
    )
    assert (result.lines_new, result.lines_skipped) == (0, 3)
