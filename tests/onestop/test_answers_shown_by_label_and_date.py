"""The dossier page and the online review show answers as people read them: a choice by its
label ("Mẹ", "Nam"), never its code ("me", "M"); a date dd/mm/yyyy, never ISO."""

import re

import pytest

from tests.support.dossiers import BIRTH_DATA
from xaso.onestop.services.filing import dossier_draft_save

pytestmark = pytest.mark.django_db


def _answers(page: str) -> str:
    return re.search(r"<dl>(.*?)</dl>", page.split("Thông tin đã khai", 1)[-1], re.S).group(1)


def test_the_dossier_page_shows_labels_and_dd_mm_yyyy(login, citizen, file_birth):
    dossier = file_birth()
    page = login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    answers = _answers(page)
    assert "<dd>Mẹ</dd>" in answers and "<dd>Nam</dd>" in answers
    assert "<dd>01/03/2026</dd>" in answers
    assert "<dd>me</dd>" not in answers and "<dd>M</dd>" not in answers and "2026-03-01" not in page


def test_the_officer_sees_the_same_labels(login, one_stop_officer, file_birth):
    dossier = file_birth()
    answers = _answers(login(one_stop_officer).get(f"/ho-so/{dossier.code}/").content.decode())
    assert "<dd>Mẹ</dd>" in answers and "<dd>01/03/2026</dd>" in answers


def test_the_review_step_shows_labels_and_dd_mm_yyyy(login, citizen, commune, birth):
    draft = dossier_draft_save(actor=citizen, procedure=birth, commune=commune, data=dict(BIRTH_DATA))
    client = login(citizen)
    pages = (client.get(f"/ho-so/nhap/{draft.pk}/{step}/").content.decode() for step in range(1, 9))
    review = next(page for page in pages if "Thông tin đã khai" in page)
    answers = _answers(review)
    assert "<dd>Mẹ</dd>" in answers and "<dd>Nam</dd>" in answers and "<dd>01/03/2026</dd>" in answers
    assert "2026-03-01" not in answers
