import pytest

from tests.support.dossiers import BIRTH_DATA
from xaso.core.errors import InvalidInput, NotAllowed
from xaso.onestop.selectors import procedures_search
from xaso.onestop.services.catalogue import procedure_switch
from xaso.onestop.services.filing import dossier_submit

pytestmark = pytest.mark.django_db


def test_an_officer_can_stop_offering_a_procedure_in_their_commune(one_stop_officer, commune, birth):
    procedure_switch(actor=one_stop_officer, commune=commune, procedure=birth, enabled=False)
    assert birth not in procedures_search(commune=commune)


def test_switching_off_in_one_commune_leaves_the_others_alone(
    one_stop_officer, commune, other_commune, birth
):
    procedure_switch(actor=one_stop_officer, commune=commune, procedure=birth, enabled=False)
    assert birth in procedures_search(commune=other_commune)


def test_a_switched_off_procedure_cannot_be_filed(one_stop_officer, citizen, commune, birth):
    procedure_switch(actor=one_stop_officer, commune=commune, procedure=birth, enabled=False)
    with pytest.raises(InvalidInput):
        dossier_submit(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))


def test_switching_back_on_offers_it_again(one_stop_officer, commune, birth):
    procedure_switch(actor=one_stop_officer, commune=commune, procedure=birth, enabled=False)
    procedure_switch(actor=one_stop_officer, commune=commune, procedure=birth, enabled=True)
    assert birth in procedures_search(commune=commune)


def test_an_officer_of_another_commune_cannot_switch(other_officer, commune, birth):
    with pytest.raises(NotAllowed):
        procedure_switch(actor=other_officer, commune=commune, procedure=birth, enabled=False)


def test_a_specialist_cannot_switch(specialist, commune, birth):
    with pytest.raises(NotAllowed):
        procedure_switch(actor=specialist, commune=commune, procedure=birth, enabled=False)
