import pytest
from django.db import transaction

from tests.support.race import race
from xaso.core.pdf import html_to_pdf
from xaso.documents.models import RegisterBook, RegisteredDocument
from xaso.documents.registry.services import incoming_register, number_take


def _register(actor, commune, title="Công văn về việc tiêm chủng", **extra):
    return incoming_register(
        actor=actor, commune=commune, kind="CV", title=title, sender="UBND tỉnh Thanh Hóa", **extra
    )


def test_incoming_documents_are_numbered_in_order(media_root, clerk, commune):
    numbers = [_register(clerk, commune).book_number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_each_commune_and_year_has_its_own_book(db, clerk, commune, other_commune):
    with transaction.atomic():
        assert number_take(commune=commune, year=2026, direction="in")[1] == 1
        assert number_take(commune=commune, year=2027, direction="in")[1] == 1
        assert number_take(commune=other_commune, year=2026, direction="in")[1] == 1
        assert number_take(commune=commune, year=2026, direction="out")[1] == 1
        assert number_take(commune=commune, year=2026, direction="in")[1] == 2


def test_a_number_is_given_back_when_the_registration_fails(media_root, clerk, commune, monkeypatch):
    _register(clerk, commune)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("xaso.documents.registry.services._event", broken)
    with pytest.raises(RuntimeError):
        _register(clerk, commune, pdf=html_to_pdf("<p>tệp</p>"))
    monkeypatch.undo()
    assert _register(clerk, commune).book_number == 2
    assert RegisteredDocument.objects.count() == 2
    assert not list(media_root.rglob("*.pdf"))


@pytest.mark.django_db(transaction=True)
def test_clerks_registering_at_the_same_moment_get_distinct_gapless_numbers(media_root, clerk, commune):
    results = race(*(lambda i=i: _register(clerk, commune, title=f"Văn bản {i}") for i in range(8)))
    assert all(isinstance(r, RegisteredDocument) for r in results), results
    numbers = sorted(r.book_number for r in results)
    assert numbers == list(range(1, 9))
    assert RegisterBook.objects.get(direction="in").last_number == 8
