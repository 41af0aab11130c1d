"""The profile page links to a page listing the user's tokens, where they revoke them."""

from xaso.accounts.models import ApiToken
from xaso.accounts.services import api_token_issue
from xaso.core.models import AuditEvent


def test_the_profile_page_links_to_the_tokens_page(login, citizen):
    page = login(citizen).get("/ho-so-ca-nhan/").content.decode()
    assert 'href="/ho-so-ca-nhan/ma-truy-cap/"' in page


def test_the_page_lists_name_scope_dates_and_second_factor(login, one_stop_officer):
    api_token_issue(user=one_stop_officer, name="phan mem ke toan", scope="read")
    page = login(one_stop_officer).get("/ho-so-ca-nhan/ma-truy-cap/").content.decode()
    assert "phan mem ke toan" in page
    assert "Chỉ đọc" in page
    assert "Chưa dùng" in page


def test_a_user_revokes_their_token_and_it_is_audited(login, one_stop_officer, citizen):
    key = api_token_issue(user=one_stop_officer, name="cu")
    token = ApiToken.objects.get(user=one_stop_officer)
    client = login(one_stop_officer)
    response = client.post(f"/ho-so-ca-nhan/ma-truy-cap/{token.pk}/thu-hoi/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoke").exists()
    assert "Bạn chưa có mã truy cập API nào" in client.get("/ho-so-ca-nhan/ma-truy-cap/").content.decode()
    client.logout()
    api = client.get(f"/api/v1/citizens/{citizen.profile.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 401


def test_nobody_revokes_another_users_token(login, one_stop_officer, citizen):
    api_token_issue(user=one_stop_officer)
    token = ApiToken.objects.get(user=one_stop_officer)
    response = login(citizen).post(f"/ho-so-ca-nhan/ma-truy-cap/{token.pk}/thu-hoi/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
