"""The cashier's figures on the dashboard: requests awaiting payment, partly paid, statement lines
that need a person. Each counts the user's commune only, cheaply, and links to those items."""

import pytest

from tests.support.figures import by_label
from xaso.accounts.models import User
from xaso.payments.cards import payment_figures
from xaso.payments.services import payment_request_create, statement_import


@pytest.fixture
def ledger(one_stop_officer, account, other_account, make_request, statement):
    waiting = make_request(amount=50_000, label="Phí chờ nộp", subject_id="A")
    partly = make_request(amount=50_000, label="Phí nộp một phần", subject_id="B")
    paid = make_request(amount=30_000, label="Phí đã nộp", subject_id="C")
    content = statement(
        [
            ("FT1", "23/11/2026", "20000", f"ND {partly.reference}"),
            ("FT2", "23/11/2026", "30000", f"ND {paid.reference}"),
            ("FT3", "23/11/2026", "99000", "khong ro noi dung"),
        ]
    )
    statement_import(actor=one_stop_officer, account=account, filename="sk.csv", content=content)
    payment_request_create(
        actor=User.objects.get(username="lanhdao_khac"),
        commune=other_account.commune,
        amount=10_000,
        kind="test.fee",
        label="Phí xã khác",
        subject_id="X",
    )
    return {"waiting": waiting, "partly": partly, "paid": paid}


def test_the_cashier_counts_only_their_communes_requests_and_lines(one_stop_officer, ledger):
    figures = by_label(payment_figures, one_stop_officer)
    assert figures["awaiting payment"].value == 1
    assert figures["partly paid"].value == 1
    # The partial payment and the line no request matched.
    assert figures["statement lines to check"].value == 2


@pytest.mark.parametrize(
    ("label", "listed"),
    [("awaiting payment", {"Phí chờ nộp"}), ("partly paid", {"Phí nộp một phần"})],
)
def test_a_figure_lists_exactly_its_requests(login, one_stop_officer, ledger, label, listed):
    figure = by_label(payment_figures, one_stop_officer)[label]
    body = login(one_stop_officer).get(figure.url).content.decode()
    labels = {"Phí chờ nộp", "Phí nộp một phần", "Phí đã nộp", "Phí xã khác"}
    assert {name for name in labels if name in body} == listed


def test_the_lines_figure_lands_on_the_lines_to_check(login, one_stop_officer, ledger):
    figure = by_label(payment_figures, one_stop_officer)["statement lines to check"]
    assert figure.url.endswith("#review")
    body = login(one_stop_officer).get(figure.url).content.decode()
    assert 'id="review"' in body and "khong ro noi dung" in body


def test_the_counts_take_two_small_queries(one_stop_officer, ledger, django_assert_max_num_queries):
    assert one_stop_officer.roles
    with django_assert_max_num_queries(2):
        payment_figures(one_stop_officer)
