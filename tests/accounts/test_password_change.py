"""A signed-in user changes their password: the current one is required, Django's validators
speak Vietnamese, and the change ends their tokens and their other sessions."""

from django.test import Client

from tests.factories import PASSWORD
from xaso.accounts.models import ApiToken
from xaso.accounts.services import api_token_issue
from xaso.core.models import AuditEvent

NEW = "mot-mat-khau-moi-dai"


def change(client, current=PASSWORD, new=NEW):
    return client.post("/ho-so-ca-nhan/mat-khau/", {"current_password": current, "new_password": new})


def test_the_profile_page_links_to_the_password_change(login, citizen):
    assert 'href="/ho-so-ca-nhan/mat-khau/"' in login(citizen).get("/ho-so-ca-nhan/").content.decode()


def test_a_wrong_current_password_is_refused(login, citizen):
    response = change(login(citizen), current="not-it")
    assert response.status_code == 422
    assert "Mật khẩu hiện tại không đúng" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_a_too_short_password_is_refused_in_vietnamese(login, citizen):
    response = change(login(citizen), new="ab1")
    assert response.status_code == 422
    assert "Mật khẩu quá ngắn" in response.content.decode()


def test_the_change_revokes_tokens_and_ends_other_sessions_only(login, citizen):
    api_token_issue(user=citizen, name="app")
    other_device = Client()
    other_device.force_login(citizen, backend="xaso.accounts.backends.LoginBackend")
    client = login(citizen)
    assert change(client).status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW)
    assert ApiToken.objects.get(user=citizen).revoked_at is not None
    assert client.get("/ho-so-ca-nhan/").status_code == 200
    assert other_device.get("/ho-so-ca-nhan/").status_code == 302
    assert AuditEvent.objects.filter(action="password.change").exists()
