"""The register's staff pages: search (with an empty state), an entry with its history, the
amendment form that keeps what was typed on a refusal, a dossier's duplicate check, the
completeness table; all in Vietnamese."""

from datetime import date

import pytest

from tests.civil.conftest import birth_data
from xaso.civil.models import DuplicateConfirmation, EntryAmendment, RegisterEntry

pytestmark = pytest.mark.django_db


def test_the_search_finds_a_name_typed_without_diacritics(register, login, specialist):
    register()
    page = login(specialist).get("/ho-tich/", {"q": "le minh an"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sổ hộ tịch" in html and "Lê Minh An" in html and "1/01/2026" in html


def test_an_empty_register_and_an_empty_search_say_so(register, login, specialist):
    assert "chưa có mục nào" in login(specialist).get("/ho-tich/").content.decode()
    register()
    assert "Không tìm thấy mục nào" in login(specialist).get("/ho-tich/", {"q": "zzz"}).content.decode()


def test_a_bad_year_is_shown_beside_its_field(login, specialist):
    page = login(specialist).get("/ho-tich/", {"year": "99999"})
    assert page.status_code == 422


def test_the_entry_page_shows_the_entry_and_its_history(register, login, specialist):
    entry = register()
    login(specialist).post(
        f"/ho-tich/{entry.pk}/sua/",
        {
            "name": "Lê Minh Anh",
            "birth_date": "01/03/2026",
            "sex": "M",
            "place": entry.place,
            "father_name": entry.father_name,
            "mother_name": entry.mother_name,
            "reason": "Cải chính họ tên",
            "decision": "Quyết định số 12/QĐ-UBND",
        },
    )
    html = login(specialist).get(f"/ho-tich/{entry.pk}/").content.decode()
    assert "Lê Minh Anh" in html and "01/03/2026" in html
    assert "Cải chính họ tên" in html and "Quyết định số 12/QĐ-UBND" in html
    assert "<del>Lê Minh An</del>" in html


def test_a_refused_amendment_keeps_what_was_typed(register, login, specialist):
    entry = register()
    page = login(specialist).post(
        f"/ho-tich/{entry.pk}/sua/",
        {
            "name": "Lê Minh Anh",
            "birth_date": "01/04/2026",
            "sex": "M",
            "reason": "Sửa ngày sinh",
            "decision": "Quyết định số 13/QĐ-UBND",
        },
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert "Ngày sinh sau ngày đăng ký" in html
    assert 'value="Lê Minh Anh"' in html and "Quyết định số 13/QĐ-UBND" in html
    assert not EntryAmendment.objects.exists()
    assert RegisterEntry.objects.get(pk=entry.pk).name == "Lê Minh An"


def test_an_officer_confirms_a_possible_duplicate_on_the_dossiers_check(
    register, login, specialist, file_birth, walk
):
    register()
    dossier = walk(file_birth(), "propose")
    page = login(specialist).get(f"/ho-tich/ho-so/{dossier.code}/trung/")
    assert "Có thể trùng" in page.content.decode() and "Lê Minh An" in page.content.decode()
    unticked = login(specialist).post(f"/ho-tich/ho-so/{dossier.code}/trung/", {"note": "Sinh đôi"})
    assert unticked.status_code == 422 and 'value="Sinh đôi"' in unticked.content.decode()
    done = login(specialist).post(
        f"/ho-tich/ho-so/{dossier.code}/trung/", {"note": "Sinh đôi", "confirm": "on"}
    )
    assert done.status_code == 302
    assert DuplicateConfirmation.objects.get(dossier=dossier).note == "Sinh đôi"


def test_the_completeness_table(register, login, specialist, village):
    register(data=birth_data(birth_date=date(2026, 1, 1)), village=village)  # 78 days: late
    html = login(specialist).get("/ho-tich/day-du/", {"year": 2026}).content.decode()
    assert "Khai sinh đúng hạn" in html and "Thôn Phúc Lộc" in html and "0%" in html
    assert "<td>3/2026</td>" in html  # registered in March


def test_the_dashboard_shows_the_registers_card_with_its_figures(register, login, specialist, village):
    html = login(specialist).get("/bang-dieu-khien/").content.decode()
    assert "Sổ hộ tịch" in html and "khai sinh đăng ký quá hạn trong năm" in html


def test_the_register_lists_the_dossiers_to_check_until_confirmed(
    register, login, specialist, file_birth, walk
):
    register()
    dossier = walk(file_birth(), "propose")
    walk(file_birth(child_name="Lê Minh Châu"), "propose")  # no look-alike: not listed
    html = login(specialist).get("/ho-tich/").content.decode()
    assert "Hồ sơ có thể trùng với mục đã có" in html
    assert f"/ho-tich/ho-so/{dossier.code}/trung/" in html and html.count("/trung/") == 1
    login(specialist).post(f"/ho-tich/ho-so/{dossier.code}/trung/", {"confirm": "on"})
    assert "/trung/" not in login(specialist).get("/ho-tich/").content.decode()


def test_the_history_shows_a_changed_date_and_sex_as_the_page_does_not_as_stored(register, login, specialist):
    entry = register()
    before = entry.birth_date
    login(specialist).post(
        f"/ho-tich/{entry.pk}/sua/",
        {
            "name": entry.name,
            "birth_date": "02/03/2026",
            "sex": "F",
            "place": entry.place,
            "father_name": entry.father_name,
            "mother_name": entry.mother_name,
            "reason": "Cải chính ngày sinh và giới tính",
            "decision": "Quyết định số 13/QĐ-UBND",
        },
    )
    html = login(specialist).get(f"/ho-tich/{entry.pk}/").content.decode()
    assert f"<del>{before:%d/%m/%Y}</del> → <ins>02/03/2026</ins>" in html
    assert "<del>Nam</del> → <ins>Nữ</ins>" in html
    assert "2026-03-02" not in html
