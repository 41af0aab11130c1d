"""A dossier goes in with the papers its procedure requires: online, each one uploaded or
chosen from the citizen's wallet of earlier papers (the declaration is the form itself); at
the counter, each one ticked as seen by the officer. The refusal lists what is missing and the
page keeps what was typed."""

import pytest
from django.urls import reverse

from tests.onestop import files
from tests.support.dossiers import BIRTH_DATA, attach_required_papers
from xaso.core.errors import InvalidInput
from xaso.onestop.models import Dossier, Status
from xaso.onestop.required_papers import papers_to_upload
from xaso.onestop.services.counter import counter_profile_create, dossier_receive_at_counter
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit
from xaso.onestop.services.papers import dossier_file_add

pytestmark = pytest.mark.django_db

CERTIFICATE = "Giấy chứng sinh (hoặc văn bản của người làm chứng)"
ID_PAPER = "Giấy tờ tùy thân của người đi đăng ký"


@pytest.fixture
def draft(citizen, commune, birth):
    return dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))


def test_online_the_declaration_is_the_form_and_the_other_papers_are_required(birth):
    assert papers_to_upload(birth) == [CERTIFICATE, ID_PAPER]


def test_a_draft_without_its_papers_is_refused_naming_them(draft, citizen, commune, birth):
    dossier_file_add(actor=citizen, dossier=draft, upload=files.pdf(), label=CERTIFICATE)
    with pytest.raises(InvalidInput) as refused:
        dossier_submit(actor=citizen, procedure=birth, commune=commune, data=draft.data, dossier=draft)
    assert ID_PAPER in str(refused.value.message) and CERTIFICATE not in str(refused.value.message)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_review_page_lists_what_is_missing_and_refuses_to_send(login, citizen, draft):
    client = login(citizen)
    page = client.get(f"/ho-so/nhap/{draft.pk}/3/").content.decode()
    assert 'id="papers-missing"' in page and CERTIFICATE in page
    response = client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "submit"})
    body = response.content.decode()
    assert response.status_code == 422 and "Còn thiếu các giấy tờ sau" in body
    assert "Trần Thị Bình" in body  # the answers are still there
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_paper_from_the_wallet_counts_for_the_paper_it_is_chosen_for(login, citizen, commune, birth, draft):
    earlier = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    old = dossier_file_add(actor=citizen, dossier=earlier, upload=files.image(), label="CCCD")
    client = login(citizen)
    client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "upload", "label": CERTIFICATE, "file": files.pdf()})
    client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "reuse", "paper": old.pk, "for_paper": ID_PAPER})
    done = client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "submit"})
    draft.refresh_from_db()
    assert done.status_code == 302 and draft.status == Status.SUBMITTED
    assert sorted(draft.files.values_list("label", flat=True)) == sorted([CERTIFICATE, ID_PAPER])


def test_a_draft_with_every_paper_goes_in(draft, citizen, commune, birth):
    attach_required_papers(draft, citizen)
    filed = dossier_submit(actor=citizen, procedure=birth, commune=commune, data=draft.data, dossier=draft)
    assert filed.status == Status.SUBMITTED


@pytest.fixture
def walk_in(one_stop_officer, commune):
    return counter_profile_create(actor=one_stop_officer, commune=commune, full_name="Phạm Văn Dũng")


def test_the_counter_refuses_papers_not_ticked_as_seen(walk_in, one_stop_officer, commune, birth):
    with pytest.raises(InvalidInput) as refused:
        dossier_receive_at_counter(
            actor=one_stop_officer,
            procedure=birth,
            commune=commune,
            profile=walk_in,
            data=dict(BIRTH_DATA),
            papers_seen=[birth.papers[0]],
        )
    assert refused.value.field == "papers_seen"
    assert CERTIFICATE in str(refused.value.message)
    assert not Dossier.objects.exists()


def test_the_counter_page_keeps_the_answers_and_the_ticks(login, walk_in, one_stop_officer, birth):
    url = reverse("onestop:intake_file") + f"?ho_so_cd={walk_in.pk}&thu_tuc={birth.code}"
    client = login(one_stop_officer)
    page = client.get(url).content.decode()
    assert all(f'value="{paper}"' in page for paper in birth.papers)
    response = client.post(url, {**BIRTH_DATA, "papers_seen": [CERTIFICATE]})
    body = response.content.decode()
    assert response.status_code == 422 and "Còn thiếu các giấy tờ sau" in body
    assert f'value="{CERTIFICATE}" checked' in body and 'value="Lê Minh An"' in body
    response = client.post(url, {**BIRTH_DATA, "papers_seen": birth.papers})
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.events.get(action="receive").data["papers_seen"] == birth.papers
