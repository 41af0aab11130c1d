"""Higher apps hear of payments through handlers they register; payments imports none of them."""

import ast
from pathlib import Path

import pytest

from xaso.payments.handlers import register_paid_handler, unregister_paid_handler
from xaso.payments.models import PaymentRequest, RequestStatus, StatementLine
from xaso.payments.services import statement_import

PAYMENTS = Path(__file__).resolve().parents[2] / "xaso" / "payments"
ALLOWED = ("xaso.core", "xaso.payments", "xaso.places", "xaso.accounts", "xaso.web")


def test_payments_imports_no_app_above_it():
    offenders = []
    for path in PAYMENTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            offenders += [
                f"{path.name}: {n}" for n in names if n.startswith("xaso.") and not n.startswith(ALLOWED)
            ]
    assert offenders == []


def test_a_second_handler_for_the_same_kind_is_refused():
    def first(request):
        return None

    register_paid_handler("test.kind", first)
    try:
        with pytest.raises(ValueError):
            register_paid_handler("test.kind", lambda request: None)
        register_paid_handler("test.kind", first)  # the same one again (a reloaded ready()) is fine
    finally:
        unregister_paid_handler("test.kind")


def test_a_failing_handler_rolls_the_whole_import_back(one_stop_officer, account, make_request, statement):
    def broken(request):
        raise RuntimeError("the dossier could not be updated")

    register_paid_handler("test.fee", broken)
    request = make_request(amount=10_000)
    try:
        with pytest.raises(RuntimeError):
            statement_import(
                actor=one_stop_officer,
                account=account,
                filename="a.csv",
                content=statement([("A", "23/11/2026", "10000", request.reference)]),
            )
    finally:
        unregister_paid_handler("test.fee")
    assert PaymentRequest.objects.get(pk=request.pk).status == RequestStatus.OPEN
    assert not StatementLine.objects.exists()
