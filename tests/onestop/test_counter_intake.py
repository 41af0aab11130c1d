import pytest

from tests.onestop import files
from tests.support.dossiers import BIRTH_DATA
from xaso.core.errors import InvalidInput, NotAllowed, NotFound
from xaso.onestop.models import Channel, Dossier, Status
from xaso.onestop.services.counter import counter_profile_create, dossier_receive_at_counter

pytestmark = pytest.mark.django_db


@pytest.fixture
def walk_in(one_stop_officer, commune):
    return counter_profile_create(
        actor=one_stop_officer, commune=commune, full_name="Phạm Văn Dũng", phone="0987654321"
    )


def test_the_officer_creates_the_profile_of_a_citizen_without_an_account(walk_in, commune):
    assert walk_in.user is None
    assert walk_in.commune == commune
    assert "pham van dung" in walk_in.search_text


def test_a_known_personal_id_number_is_not_created_twice(one_stop_officer, commune):
    counter_profile_create(actor=one_stop_officer, commune=commune, full_name="A", personal_id="038090000123")
    with pytest.raises(InvalidInput) as exc:
        counter_profile_create(
            actor=one_stop_officer, commune=commune, full_name="B", personal_id="038090000123"
        )
    assert exc.value.field == "personal_id"


def test_receiving_at_the_counter_files_the_dossier_with_its_papers(
    walk_in, one_stop_officer, commune, birth
):
    dossier = dossier_receive_at_counter(
        actor=one_stop_officer,
        procedure=birth,
        papers_seen=birth.papers,
        commune=commune,
        profile=walk_in,
        data=dict(BIRTH_DATA),
        files=[("Giấy chứng sinh", files.pdf()), ("CCCD", files.image("JPEG", "cccd.jpg"))],
    )
    assert dossier.status == Status.RECEIVED
    assert dossier.channel == Channel.COUNTER
    assert dossier.received_by == one_stop_officer
    assert dossier.code and dossier.due_date
    assert dossier.files.count() == 2


def test_a_bad_paper_at_the_counter_files_nothing(walk_in, one_stop_officer, commune, birth):
    with pytest.raises(InvalidInput):
        dossier_receive_at_counter(
            actor=one_stop_officer,
            procedure=birth,
            papers_seen=birth.papers,
            commune=commune,
            profile=walk_in,
            data=dict(BIRTH_DATA),
            files=[("x", files.fake())],
        )
    assert not Dossier.objects.exists()


def test_a_citizen_with_an_account_owns_the_counter_dossier(citizen, one_stop_officer, commune, birth):
    profile = citizen.profile
    dossier = dossier_receive_at_counter(
        actor=one_stop_officer,
        procedure=birth,
        papers_seen=birth.papers,
        commune=commune,
        profile=profile,
        data=dict(BIRTH_DATA),
    )
    assert dossier.citizen == citizen


def test_a_specialist_cannot_receive_at_the_counter(walk_in, specialist, commune, birth):
    with pytest.raises(NotAllowed):
        dossier_receive_at_counter(
            actor=specialist,
            procedure=birth,
            papers_seen=birth.papers,
            commune=commune,
            profile=walk_in,
            data=dict(BIRTH_DATA),
        )


def test_an_officer_cannot_file_for_a_profile_of_another_commune(
    walk_in, other_officer, other_commune, birth
):
    with pytest.raises(NotFound):
        dossier_receive_at_counter(
            actor=other_officer,
            procedure=birth,
            papers_seen=birth.papers,
            commune=other_commune,
            profile=walk_in,
            data=dict(BIRTH_DATA),
        )
