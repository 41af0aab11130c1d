"""The registry's full-text index (fulltext.py): word-prefix matching on folded words, kept in
step with the table, put back after a table rebuild, and a count that stops at 1,000."""

from django.db import connection
from django.urls import reverse

from tests import factories as f
from xaso.documents.models import RegisteredDocument
from xaso.documents.registry import fulltext, selectors
from xaso.documents.registry import views as registry_views
from xaso.documents.registry.selectors import registry_search
from xaso.documents.registry.services import incoming_register


def _register(clerk, commune, title, **kw):
    kw.setdefault("sender", "UBND tỉnh Thanh Hóa")
    return incoming_register(actor=clerk, commune=commune, kind="CV", title=title, **kw)


def test_khai_sinh_finds_khai_sinh_with_its_marks(clerk, commune):
    doc = _register(clerk, commune, "Hướng dẫn đăng ký Khai sinh trực tuyến")
    assert list(registry_search(clerk, q="khai sinh")) == [doc]
    assert list(registry_search(clerk, q="dang ky")) == [doc]
    assert list(registry_search(clerk, q="ĐĂNG KÝ")) == [doc]


def test_words_match_as_prefixes_not_in_the_middle(clerk, commune):
    doc = _register(clerk, commune, "Kế hoạch tiêm chủng mở rộng")
    assert list(registry_search(clerk, q="tiem chu")) == [doc]
    assert list(registry_search(clerk, q="iem")) == []


def test_a_number_and_symbol_is_found_however_it_is_punctuated(clerk, commune):
    doc = _register(clerk, commune, "Công văn đôn đốc", number_symbol="123/UBND-VP")
    _register(clerk, commune, "Công văn khác", number_symbol="45/SNV-TCBC")
    assert list(registry_search(clerk, q="123/UBND-VP")) == [doc]
    assert list(registry_search(clerk, q="123 ubnd")) == [doc]


def test_punctuation_alone_or_quotes_search_nothing_special(clerk, commune):
    doc = _register(clerk, commune, "Thông báo lịch họp")
    assert list(registry_search(clerk, q='" * ( ) - :')) == [doc]  # no words: everything
    assert list(registry_search(clerk, q='"lich" OR NOT hop*')) == []  # "or", "not" are words here


def test_a_changed_document_is_found_by_its_new_words_only(clerk, commune):
    doc = _register(clerk, commune, "Báo cáo quý một")
    RegisteredDocument.objects.filter(pk=doc.pk).update(search_text="bao cao quy hai")
    assert list(registry_search(clerk, q="quy hai")) == [doc]
    assert list(registry_search(clerk, q="quy mot")) == []
    RegisteredDocument.objects.filter(pk=doc.pk).delete()
    assert list(registry_search(clerk, q="quy")) == []


def test_the_index_is_put_back_after_a_table_rebuild_drops_its_triggers(clerk, commune):
    if connection.vendor != "sqlite":
        assert fulltext.ensure(connection) is False
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER documents_registry_search_ai")
    doc = _register(clerk, commune, "Văn bản viết khi thiếu trigger")
    assert fulltext.ensure(connection) is True
    assert list(registry_search(clerk, q="thieu trigger")) == [doc]
    assert fulltext.ensure(connection) is False


def test_the_page_says_more_than_a_thousand_instead_of_counting_all(login, clerk, commune, monkeypatch):
    monkeypatch.setattr(registry_views.CappedPaginator, "CAP", 2)
    for n in range(3):
        _register(clerk, commune, f"Công văn số {n}")
    page = login(clerk).get(reverse("documents:registry"), {"q": "cong van"}).content.decode()
    assert "Hơn 1.000 kết quả" in page
    monkeypatch.setattr(registry_views.CappedPaginator, "CAP", 5)
    page = login(clerk).get(reverse("documents:registry"), {"q": "cong van"}).content.decode()
    assert "3 kết quả" in page


def test_common_and_rare_words_come_newest_first_whichever_plan_is_taken(clerk, commune, monkeypatch):
    # Small windows so that PostgreSQL's probe sees a "common" and a "rare" word here too.
    monkeypatch.setattr(fulltext, "PG_PROBE", 2)
    monkeypatch.setattr(fulltext, "PAGE", 2)
    monkeypatch.setattr(fulltext, "COUNT_WINDOW", 2)
    rare = _register(clerk, commune, "Công văn hiếm gặp")
    common = [_register(clerk, commune, f"Thông báo chung số {n}") for n in range(4)]
    assert list(registry_search(clerk, q="thong bao")) == common[::-1]
    assert list(registry_search(clerk, q="hiem")) == [rare]
    listing = registry_search(clerk, q="thong bao")
    assert selectors.registry_count(listing, cap=10) == (4, False)
    assert selectors.registry_count(listing, cap=3) == (3, True)
    assert selectors.registry_count(registry_search(clerk, q="hiem"), cap=3) == (1, False)


def test_the_index_counts_and_lists_only_the_readers_communes(
    clerk, commune, other_commune, province_supervisor, other_province_supervisor
):
    other_clerk = f.staff("clerk", commune_obj=other_commune, username="vanthu_khac")
    mine = _register(clerk, commune, "Kế hoạch phòng chống bão lũ")
    theirs = [_register(other_clerk, other_commune, f"Kế hoạch phòng chống bão lũ đợt {n}") for n in range(2)]
    listing = registry_search(clerk, q="bao lu")
    if connection.vendor == "sqlite":  # counted in the index alone, the commune's code in the query
        assert 'commune_id : ("15469")' in listing.index_count_expression
    assert list(listing) == [mine]
    assert selectors.registry_count(listing, cap=10) == (1, False)
    assert selectors.registry_count(registry_search(other_clerk, q="bao lu"), cap=10) == (2, False)
    everyone = registry_search(province_supervisor, q="bao lu")
    assert list(everyone) == [*theirs[::-1], mine]
    assert selectors.registry_count(everyone, cap=10) == (3, False)
    assert list(registry_search(other_province_supervisor, q="bao lu")) == []
    assert selectors.registry_count(registry_search(other_province_supervisor, q="bao lu"), cap=10) == (
        0,
        False,
    )


def test_a_filtered_search_is_counted_through_the_table(clerk, commune):
    _register(clerk, commune, "Báo cáo bão lũ")
    listing = registry_search(clerk, q="bao lu", direction="out")
    assert not hasattr(listing, "index_count_expression")
    assert selectors.registry_count(listing, cap=10) == (0, False)
