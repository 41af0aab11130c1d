import pytest

from xaso.accounts.services import profile_update
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent


def test_a_citizen_updates_their_profile_and_the_id_is_validated(login, citizen):
    client = login(citizen)
    response = client.post(
        "/ho-so-ca-nhan/",
        {
            "full_name": "Trần Thị Bình",
            "date_of_birth": "01/05/1990",
            "sex": "F",
            "personal_id": "038190123456",
            "phone": "0912000001",
            "email": "",
            "address": "Thôn Phúc Lộc",
        },
    )
    assert response.status_code == 302
    citizen.profile.refresh_from_db()
    assert citizen.profile.personal_id == "038190123456"
    event = AuditEvent.objects.get(action="profile.update")
    assert event.changes["personal_id"] == "changed"  # the number itself stays out of the log


def test_an_invalid_id_is_refused_with_the_reason_and_keeps_the_form(login, citizen):
    response = login(citizen).post(
        "/ho-so-ca-nhan/",
        {
            "full_name": "Trần Thị Bình",
            "date_of_birth": "01/05/1991",
            "sex": "F",
            "personal_id": "038190123456",
            "phone": "",
            "email": "",
            "address": "Thôn Phúc Lộc",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "năm sinh 1990" in body
    assert 'value="Thôn Phúc Lộc"' in body


def test_an_officer_of_another_commune_cannot_edit_a_profile(other_officer, citizen):
    with pytest.raises(NotAllowed):
        profile_update(actor=other_officer, profile=citizen.profile, data={"full_name": "X"})


def test_two_profiles_cannot_share_an_id_number(citizen, commune):
    from tests import factories as f

    other = f.citizen(commune_obj=commune, phone="0912111111")
    profile_update(
        actor=citizen, profile=citizen.profile, data={"full_name": "A", "personal_id": "038190123456"}
    )
    with pytest.raises(InvalidInput) as exc:
        profile_update(
            actor=other, profile=other.profile, data={"full_name": "B", "personal_id": "038190123456"}
        )
    assert exc.value.field == "personal_id"
