"""The clerk sees the signed results waiting for the seal (a dashboard figure and a list) and
issues one from the dossier's page with the seal's PIN; a wrong PIN gives a Vietnamese message
and seals nothing; a revoked seal is refused the same way; others see no issuance form."""

import pytest
from django.utils import timezone

from tests.support.signing import PASSPHRASE
from xaso.core.audit import AuditEvent
from xaso.onestop.cards import issue_figures
from xaso.onestop.issuance import issuance_of
from xaso.onestop.results import dossier_result_sign

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_register")]


@pytest.fixture
def signed(approved, commune_leader, credential):
    dossier_result_sign(
        actor=commune_leader, dossier=approved, credential_id=credential.pk, secret=PASSPHRASE
    )
    return approved


def test_the_clerk_finds_the_result_to_issue_and_issues_it(client, signed, clerk, seal_credential):
    client.force_login(clerk)
    home = client.get("/bang-dieu-khien/").content.decode()
    assert "/mot-cua/ket-qua-cho-ban-hanh/" in home
    listing = client.get("/mot-cua/ket-qua-cho-ban-hanh/")
    assert listing.status_code == 200 and signed.code in listing.content.decode()
    page = client.get(f"/ho-so/{signed.code}/").content.decode()
    assert 'id="issue-result"' in page and 'id="seal-secret"' in page

    wrong = client.post(f"/ho-so/{signed.code}/ban-hanh-ket-qua/", {"secret": "sai"}, follow=True)
    body = wrong.content.decode()
    assert "msg-error" in body and "không đúng" in body and issuance_of(signed) is None

    done = client.post(f"/ho-so/{signed.code}/ban-hanh-ket-qua/", {"secret": PASSPHRASE}, follow=True)
    body = done.content.decode()
    assert issuance_of(signed).number == "01/GXN-UBND"
    assert 'id="result-issued"' in body and "01/GXN-UBND" in body and 'id="issue-result"' not in body
    assert signed.code not in client.get("/mot-cua/ket-qua-cho-ban-hanh/").content.decode()


def test_the_dashboard_counts_results_to_issue(client, signed, clerk, seal_credential):
    assert [fig.value for fig in issue_figures(clerk)] == [1]


def test_a_revoked_seal_is_refused_with_a_message(client, signed, clerk, seal_credential):
    seal_credential.revoked_at = timezone.now()
    seal_credential.save(update_fields=["revoked_at"])
    client.force_login(clerk)
    response = client.post(f"/ho-so/{signed.code}/ban-hanh-ket-qua/", {"secret": PASSPHRASE}, follow=True)
    body = response.content.decode()
    assert "msg-error" in body and "thu hồi" in body and issuance_of(signed) is None
    refused = AuditEvent.objects.get(action="dossier.result_issue_refused")
    assert refused.actor == clerk and "revoked" in refused.summary


def test_an_expired_seal_is_refused_with_a_message(client, signed, clerk, seal_credential):
    seal_credential.not_after = timezone.now() - timezone.timedelta(days=1)
    seal_credential.save(update_fields=["not_after"])
    client.force_login(clerk)
    response = client.post(f"/ho-so/{signed.code}/ban-hanh-ket-qua/", {"secret": PASSPHRASE}, follow=True)
    body = response.content.decode()
    assert "msg-error" in body and "hết hạn" in body and issuance_of(signed) is None
    assert AuditEvent.objects.filter(
        action="dossier.result_issue_refused", summary__contains="expired"
    ).exists()


def test_without_a_seal_the_clerk_is_told_to_have_one_enrolled(client, signed, clerk):
    client.force_login(clerk)
    page = client.get(f"/ho-so/{signed.code}/").content.decode()
    assert 'id="issue-result"' in page and 'id="seal-secret"' not in page and "msg-warning" in page


def test_others_see_the_waiting_note_but_no_form(client, signed, commune_leader, one_stop_officer):
    for who in (commune_leader, one_stop_officer):
        client.force_login(who)
        page = client.get(f"/ho-so/{signed.code}/").content.decode()
        assert 'id="result-not-issued"' in page and 'id="issue-result"' not in page


def test_a_leader_cannot_post_an_issuance(client, signed, commune_leader, seal_credential):
    client.force_login(commune_leader)
    response = client.post(f"/ho-so/{signed.code}/ban-hanh-ket-qua/", {"secret": PASSPHRASE})
    assert response.status_code == 403 and issuance_of(signed) is None
