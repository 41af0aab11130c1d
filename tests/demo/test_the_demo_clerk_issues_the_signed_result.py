"""`make run`'s demo: the leader's signed result waits for the clerk (vanthu), who finds it on
the dashboard and issues it with the commune's TEST seal under the demo passphrase."""

import pytest

from xaso.accounts.models import User
from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.documents.signing.selectors import verification_report
from xaso.onestop.issuance import dossier_result_issue, issuance_of, results_to_issue_for
from xaso.onestop.results import signed_result_of

pytestmark = pytest.mark.slow


def test_the_demo_clerk_issues_the_demo_signed_result(living_demo, client, db):
    clerk = User.objects.get(username="vanthu")
    waiting = list(results_to_issue_for(clerk))
    assert len(waiting) == 1
    client.force_login(clerk)
    assert "/mot-cua/ket-qua-cho-ban-hanh/" in client.get("/bang-dieu-khien/").content.decode()

    dossier = waiting[0]
    issued = dossier_result_issue(actor=clerk, dossier=dossier, secret=DEMO_PASSPHRASE)
    assert issuance_of(dossier) is not None and signed_result_of(dossier) == issued
    with issued.file.open("rb") as fh:
        report = verification_report(clerk, fh.read())
    assert [(s.ok, s.is_test, s.is_organisation) for s in report.signatures] == [
        (True, True, False),
        (True, True, True),
    ]
