"""Two clerks issuing the same signed result at once: one issues it under one number, the
other is refused; the file carries exactly two signatures (the leader's and one seal)."""

import pytest

from tests import factories as f
from tests.support.race import race
from tests.support.signing import PASSPHRASE, pdfsig
from xaso.core.errors import Conflict
from xaso.documents.models import RegisterBook, SignedDocument
from xaso.onestop.issuance import dossier_result_issue
from xaso.onestop.models import Dossier
from xaso.onestop.results import dossier_result_sign, signed_result_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("without_register")]


def test_two_clerks_at_once_issue_the_result_once(
    approved, commune_leader, credential, clerk, seal_credential, commune, tmp_path
):
    dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    colleague = f.staff("clerk", commune_obj=commune, username="vanthu2")
    copies = [Dossier.objects.get(pk=approved.pk) for _ in range(2)]
    results = race(
        lambda: dossier_result_issue(actor=clerk, dossier=copies[0], secret=PASSPHRASE),
        lambda: dossier_result_issue(actor=colleague, dossier=copies[1], secret=PASSPHRASE),
    )
    assert sum(isinstance(r, SignedDocument) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert approved.events.filter(action="issue_result").count() == 1
    assert RegisterBook.objects.get(commune=commune, direction="out").last_number == 1
    with signed_result_of(approved).file.open("rb") as fh:
        checked = pdfsig(fh.read(), tmp_path)
    assert checked.count("Signature is Valid") == 2, checked
    assert "Signature #3" not in checked
