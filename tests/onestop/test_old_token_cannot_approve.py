"""A token issued before its holder became a leader, or without the second factor a leader's
role needs, cannot approve a dossier (issue 16, finding 4)."""

import pytest

from tests.accounts.totp import code_for
from tests.factories import PASSWORD
from xaso.accounts.models import TotpDevice
from xaso.accounts.roles import Role
from xaso.accounts.services import membership_grant
from xaso.onestop.models import Dossier, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.REQUIRE_2FA = True


def token_for(client, username, **extra):
    body = {"username": username, "password": PASSWORD, "scope": "write", **extra}
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def approve(client, dossier, token):
    return client.post(
        f"/api/v1/dossiers/{dossier.code}/actions",
        {"action": "approve"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_token_from_before_the_leader_role_cannot_approve(
    client, specialist, commune, system_admin, file_birth, walk
):
    old_token = token_for(client, specialist.username)
    membership_grant(actor=system_admin, user=specialist, role=Role.COMMUNE_LEADER, commune=commune)
    dossier = walk(file_birth(), "propose")
    response = approve(client, dossier, old_token)
    assert response.status_code == 401
    assert Dossier.objects.get(pk=dossier.pk).status == Status.AWAITING_APPROVAL


def test_a_leader_token_issued_without_the_second_factor_cannot_approve(
    client, commune_leader, file_birth, walk, settings
):
    settings.REQUIRE_2FA = False
    token = token_for(client, "lanhdao")
    settings.REQUIRE_2FA = True
    dossier = walk(file_birth(), "propose")
    response = approve(client, dossier, token)
    assert response.status_code == 403
    assert response.json()["type"].endswith("two_factor_required")
    assert Dossier.objects.get(pk=dossier.pk).status == Status.AWAITING_APPROVAL
    # Reading stays possible with it.
    read = client.get(f"/api/v1/dossiers/{dossier.code}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert read.status_code == 200


def test_a_leader_token_issued_with_the_code_approves(client, commune_leader, file_birth, walk):
    device = TotpDevice.objects.create(user=commune_leader, name="xaso", confirmed=True)
    token = token_for(client, "lanhdao", otp=code_for(device))
    dossier = walk(file_birth(), "propose")
    response = approve(client, dossier, token)
    assert response.status_code == 200, response.content
    assert Dossier.objects.get(pk=dossier.pk).status == Status.APPROVED
