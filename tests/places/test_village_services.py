import pytest

from xaso.core.errors import InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.places.services import village_create, village_update


def test_an_officer_adds_a_village_and_it_is_audited(one_stop_officer, commune):
    village = village_create(actor=one_stop_officer, commune=commune, name="  Thôn  Mới ")
    assert village.name == "Thôn Mới"
    assert village.search_text == "thon moi"
    event = AuditEvent.objects.get(action="village.create")
    assert event.actor == one_stop_officer
    assert event.commune_code == commune.code


def test_it_refuses_a_duplicate_name_in_the_same_commune(one_stop_officer, commune, village):
    with pytest.raises(InvalidInput) as exc:
        village_create(actor=one_stop_officer, commune=commune, name=village.name)
    assert exc.value.field == "name"


def test_an_officer_of_another_commune_cannot_add_villages(other_officer, commune):
    with pytest.raises(NotAllowed):
        village_create(actor=other_officer, commune=commune, name="Thôn Lạ")


def test_a_citizen_cannot_rename_a_village(citizen, village):
    with pytest.raises(NotAllowed):
        village_update(actor=citizen, village=village, name="Thôn Khác", kind="thon")


def test_a_rename_records_before_and_after(one_stop_officer, village):
    village_update(actor=one_stop_officer, village=village, name="Thôn Phúc Lộc Mới", kind="thon")
    event = AuditEvent.objects.get(action="village.update")
    assert event.changes["name"] == ["Thôn Phúc Lộc", "Thôn Phúc Lộc Mới"]


def test_an_empty_name_is_refused_with_the_field_named(one_stop_officer, commune):
    with pytest.raises(InvalidInput) as exc:
        village_create(actor=one_stop_officer, commune=commune, name="   ")
    assert exc.value.field == "name"
