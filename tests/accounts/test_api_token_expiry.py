"""A token lives API_TOKEN_DAYS days; an expired or revoked token is a 401."""

from datetime import timedelta

from django.utils import timezone

from xaso.accounts.models import ApiToken
from xaso.accounts.services import api_token_issue, api_tokens_revoke


def get(client, citizen, token):
    return client.get(f"/api/v1/citizens/{citizen.profile.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_expires_after_the_configured_days(client, one_stop_officer, settings):
    settings.API_TOKEN_DAYS = 7
    api_token_issue(user=one_stop_officer, name="tich hop")
    token = ApiToken.objects.get(user=one_stop_officer)
    lifetime = token.expires_at - token.created_at
    assert timedelta(days=7) - timedelta(minutes=1) < lifetime <= timedelta(days=7)


def test_an_expired_token_is_a_401(client, one_stop_officer, citizen):
    key = api_token_issue(user=one_stop_officer)
    assert get(client, citizen, key).status_code == 200
    ApiToken.objects.filter(user=one_stop_officer).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = get(client, citizen, key)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_a_401(client, one_stop_officer, citizen):
    key = api_token_issue(user=one_stop_officer)
    api_tokens_revoke(user=one_stop_officer, reason="test")
    assert get(client, citizen, key).status_code == 401
