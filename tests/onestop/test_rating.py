import pytest

from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.onestop.models import RatingLevel
from xaso.onestop.services.ratings import dossier_rate

pytestmark = pytest.mark.django_db


def test_the_citizen_rates_a_delivered_dossier_once(file_birth, walk, citizen):
    dossier = walk(file_birth(), "deliver")
    rating = dossier_rate(actor=citizen, dossier=dossier, level=RatingLevel.VERY_SATISFIED, comment="Nhanh")
    assert rating.level == 4
    with pytest.raises(Conflict):
        dossier_rate(actor=citizen, dossier=dossier, level=RatingLevel.SATISFIED)


def test_a_dossier_not_yet_delivered_cannot_be_rated(file_birth, citizen):
    with pytest.raises(Conflict):
        dossier_rate(actor=citizen, dossier=file_birth(), level=RatingLevel.SATISFIED)


def test_only_the_citizen_who_filed_rates(file_birth, walk, one_stop_officer):
    dossier = walk(file_birth(), "deliver")
    with pytest.raises(NotAllowed):
        dossier_rate(actor=one_stop_officer, dossier=dossier, level=RatingLevel.SATISFIED)


def test_only_the_four_levels_are_accepted(file_birth, walk, citizen):
    dossier = walk(file_birth(), "deliver")
    with pytest.raises(InvalidInput):
        dossier_rate(actor=citizen, dossier=dossier, level=5)
