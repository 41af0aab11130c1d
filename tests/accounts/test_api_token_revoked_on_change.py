"""A change of roles or password ends the user's tokens, however it was made."""

from xaso.accounts.models import Membership
from xaso.accounts.roles import Role
from xaso.accounts.services import api_token_issue, membership_grant
from xaso.core.models import AuditEvent


def get(client, citizen, token):
    return client.get(f"/api/v1/citizens/{citizen.profile.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_granted_role_revokes_the_tokens_and_is_audited(
    client, one_stop_officer, commune, system_admin, citizen
):
    key = api_token_issue(user=one_stop_officer)
    membership_grant(actor=system_admin, user=one_stop_officer, role=Role.SPECIALIST, commune=commune)
    assert get(client, citizen, key).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke").exists()


def test_a_role_changed_without_the_service_ends_the_token_too(client, one_stop_officer, commune, citizen):
    key = api_token_issue(user=one_stop_officer)
    Membership.objects.filter(user=one_stop_officer).update(role=Role.COMMUNE_LEADER)
    assert get(client, citizen, key).status_code == 401


def test_a_password_set_anywhere_ends_the_tokens(client, one_stop_officer, citizen):
    key = api_token_issue(user=one_stop_officer)
    one_stop_officer.set_password("another-long-passphrase")
    one_stop_officer.save()
    assert get(client, citizen, key).status_code == 401
