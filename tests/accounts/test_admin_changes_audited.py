"""Every change made in the admin (/quan-tri/) to accounts, roles, tokens and citizen profiles
writes an audit event with who, what and old → new, and deleting a user keeps the chain
verified (MEDIUM 6 of issue 16)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories as f
from xaso.accounts.models import ApiToken, Membership, User
from xaso.core.audit import actor_label, audit_verify
from xaso.core.models import AuditEvent


@pytest.fixture
def admin_client(login, system_admin):
    return login(system_admin)


def user_form(user: User, **overrides) -> dict:
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "phone": user.phone or "",
        "email": user.email or "",
        "is_active": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_granting_a_role_in_the_admin_writes_an_event(admin_client, system_admin, commune):
    clerk = f.user("vanthumoi")
    data = user_form(
        clerk,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-0-role": "clerk",
            "memberships-0-commune": commune.pk,
            "memberships-0-is_active": "on",
        },
    )
    response = admin_client.post(f"/quan-tri/accounts/user/{clerk.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=clerk)
    event = AuditEvent.objects.get(action="membership.grant")
    assert event.actor_label == actor_label(system_admin)
    assert event.target_id == str(membership.pk)
    assert event.commune_code == commune.pk
    assert event.changes["role"] == [None, "clerk"]
    assert audit_verify().ok


def test_granting_superuser_in_the_admin_records_old_and_new(admin_client, system_admin):
    someone = f.user("aiday")
    response = admin_client.post(
        f"/quan-tri/accounts/user/{someone.pk}/change/", user_form(someone, is_staff="on", is_superuser="on")
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.update", target_id=str(someone.pk))
    assert event.changes["is_superuser"] == [False, True]
    assert event.changes["is_staff"] == [False, True]
    assert event.actor_label == actor_label(system_admin)


def test_taking_a_role_away_in_the_admin_writes_an_event(admin_client, clerk):
    membership = clerk.memberships.get()
    data = user_form(
        clerk,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-user": clerk.pk,
            "memberships-0-role": membership.role,
            "memberships-0-commune": membership.commune_id,
            "memberships-0-is_active": "on",
            "memberships-0-DELETE": "on",
        },
    )
    assert admin_client.post(f"/quan-tri/accounts/user/{clerk.pk}/change/", data).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.get(action="membership.revoke").changes == {"role": "clerk"}


def test_deleting_a_user_in_the_admin_is_audited_and_the_chain_still_verifies(admin_client, one_stop_officer):
    from xaso.core.audit import audit_record

    audit_record(actor=one_stop_officer, action="dossier.receive", summary="work before leaving")
    label = actor_label(one_stop_officer)
    response = admin_client.post(f"/quan-tri/accounts/user/{one_stop_officer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(username="motcua").exists()
    event = AuditEvent.objects.get(action="user.delete")
    assert event.changes["user"] == label
    assert AuditEvent.objects.get(summary="work before leaving").actor_id is None
    assert audit_verify().ok, audit_verify().problems


def test_the_bulk_delete_action_audits_each_user(admin_client):
    users = [f.user(f"xoa{n}") for n in range(2)]
    response = admin_client.post(
        "/quan-tri/accounts/user/",
        {"action": "delete_selected", "_selected_action": [u.pk for u in users], "post": "yes"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="user.delete").count() == 2


def test_setting_a_password_in_the_admin_is_audited(admin_client):
    someone = f.user("doimatkhau")
    response = admin_client.post(
        f"/quan-tri/accounts/user/{someone.pk}/password/",
        {"password1": "Mat-khau-moi-2026!", "password2": "Mat-khau-moi-2026!", "usable_password": "true"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="user.password_set").changes == {"password": "changed"}


def test_editing_and_deleting_a_token_in_the_admin_is_audited(admin_client, one_stop_officer):
    token = ApiToken.objects.create(
        user=one_stop_officer, key_hash="a" * 64, name="old", expires_at=timezone.now() + timedelta(days=1)
    )
    expires = timezone.localtime(token.expires_at)
    response = admin_client.post(
        f"/quan-tri/accounts/apitoken/{token.pk}/change/",
        {
            "user": one_stop_officer.pk,
            "name": "renamed",
            "expires_at_0": expires.strftime("%Y-%m-%d"),
            "expires_at_1": expires.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditEvent.objects.get(action="api_token.update").changes["name"] == ["old", "renamed"]
    assert (
        admin_client.post(f"/quan-tri/accounts/apitoken/{token.pk}/delete/", {"post": "yes"}).status_code
        == 302
    )
    assert AuditEvent.objects.filter(action="api_token.revoke", target_id=str(token.pk)).exists()


def test_editing_a_citizen_profile_in_the_admin_is_audited(admin_client, citizen):
    profile = citizen.profile
    response = admin_client.post(
        f"/quan-tri/accounts/citizenprofile/{profile.pk}/change/",
        {
            "user": citizen.pk,
            "full_name": "Trần Thị Bình Mới",
            "phone": profile.phone,
            "commune": profile.commune_id,
            "personal_id": "",
            "search_text": profile.search_text,
            "address": "",
            "email": "",
            "sex": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="profile.update")
    assert event.changes["full_name"] == ["Trần Thị Bình", "Trần Thị Bình Mới"]
