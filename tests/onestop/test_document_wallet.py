"""Declare once: papers given in an earlier dossier are reused, not uploaded again."""

import pytest

from tests import factories as f
from tests.onestop import files
from xaso.core.errors import Conflict, InvalidInput, NotFound
from xaso.onestop.models import Dossier, Status
from xaso.onestop.selectors import wallet_for
from xaso.onestop.services.filing import dossier_draft_save
from xaso.onestop.services.papers import dossier_file_add, dossier_file_reuse

pytestmark = pytest.mark.django_db


@pytest.fixture
def earlier_paper(citizen, commune, birth):
    old = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={})
    return dossier_file_add(actor=citizen, dossier=old, upload=files.pdf(), label="Căn cước công dân")


@pytest.fixture
def draft(citizen, commune, birth):
    return dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data={})


def test_the_wallet_offers_the_citizens_earlier_papers(citizen, earlier_paper, draft):
    assert [p.pk for p in wallet_for(citizen, dossier=draft)] == [earlier_paper.pk]


def test_a_reused_paper_is_attached_without_a_new_upload(citizen, earlier_paper, draft):
    reused = dossier_file_reuse(actor=citizen, dossier=draft, paper_id=earlier_paper.pk)
    assert reused.dossier == draft
    assert reused.file.name == earlier_paper.file.name
    assert reused.sha256 == earlier_paper.sha256
    assert wallet_for(citizen, dossier=draft) == []


def test_the_same_paper_is_not_attached_twice(citizen, earlier_paper, draft):
    dossier_file_reuse(actor=citizen, dossier=draft, paper_id=earlier_paper.pk)
    with pytest.raises(InvalidInput):
        dossier_file_reuse(actor=citizen, dossier=draft, paper_id=earlier_paper.pk)


def test_another_citizens_paper_cannot_be_reused(earlier_paper, commune, birth):
    stranger = f.citizen(commune_obj=commune)
    theirs = dossier_draft_save(actor=stranger, procedure=birth, commune=commune, data={})
    with pytest.raises(NotFound):
        dossier_file_reuse(actor=stranger, dossier=theirs, paper_id=earlier_paper.pk)


def test_a_filed_dossier_takes_no_reused_paper(citizen, earlier_paper, draft):
    Dossier.objects.filter(pk=draft.pk).update(status=Status.CANCELLED, code="15469-260101-9999")
    draft.refresh_from_db()
    with pytest.raises(Conflict):
        dossier_file_reuse(actor=citizen, dossier=draft, paper_id=earlier_paper.pk)


def test_the_review_step_reuses_a_paper(login, citizen, earlier_paper, draft):
    client = login(citizen)
    page = client.get(f"/ho-so/nhap/{draft.pk}/3/").content.decode()
    assert "Căn cước công dân" in page
    client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "reuse", "paper": earlier_paper.pk})
    assert draft.files.get().sha256 == earlier_paper.sha256
