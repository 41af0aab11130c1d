import io

import pytest
from openpyxl import load_workbook

from tests import factories as f
from tests.support.households import HEADERS_VI, row
from xaso.community.models import Household, Resident
from xaso.community.services.importing import households_import
from xaso.community.spreadsheet import error_report, headers
from xaso.core.errors import InvalidInput, NotAllowed


def test_a_clean_sheet_imports_households_with_their_residents(one_stop_officer, commune, village, xlsx):
    outcome = households_import(actor=one_stop_officer, commune=commune, source=xlsx([row(), row("HK-002")]))
    assert (outcome.imported, outcome.created, outcome.updated, outcome.errors) == (True, 2, 0, {})
    household = Household.objects.get(code="HK-001")
    assert (household.village, household.head_name, household.contact_phone) == (
        village,
        "Nguyễn Văn An",
        "0912345678",
    )
    assert household.contact_name == "Nguyễn Văn An"  # the head, when no contact is named
    assert (household.public_name, household.public_address, household.public_phone) == (True, False, False)
    residents = [(r.full_name, r.birth_year, r.is_head) for r in household.residents.all()]
    assert residents == [
        ("Nguyễn Văn An", 1970, True),
        ("Trần Thị Bình", 1972, False),
        ("Nguyễn Văn Cường", 2001, False),
    ]


def test_importing_the_same_sheet_again_changes_nothing(one_stop_officer, commune, village, xlsx):
    households_import(actor=one_stop_officer, commune=commune, source=xlsx([row(), row("HK-002")]))
    again = households_import(actor=one_stop_officer, commune=commune, source=xlsx([row(), row("HK-002")]))
    assert (again.created, again.updated) == (0, 2)
    assert Household.objects.count() == 2
    assert Resident.objects.count() == 6


def test_a_reimport_updates_a_household_by_its_code(one_stop_officer, commune, village, xlsx):
    households_import(actor=one_stop_officer, commune=commune, source=xlsx([row()]))
    households_import(
        actor=one_stop_officer, commune=commune, source=xlsx([row(head="Lê Văn Mới", members="")])
    )
    household = Household.objects.get()
    assert household.head_name == "Lê Văn Mới"
    assert [r.full_name for r in household.residents.all()] == ["Lê Văn Mới"]


def test_the_english_template_imports_too(one_stop_officer, commune, village, xlsx):
    outcome = households_import(
        actor=one_stop_officer, commune=commune, source=xlsx([row()], header=headers("en"))
    )
    assert outcome.created == 1


def test_wrong_columns_are_refused_at_once(one_stop_officer, commune, village, xlsx):
    with pytest.raises(InvalidInput) as error:
        households_import(
            actor=one_stop_officer, commune=commune, source=xlsx([row()], header=["A", "B", "C"])
        )
    assert "Mã hộ" in str(error.value.message)


def test_rows_with_errors_import_nothing(one_stop_officer, commune, village, xlsx):
    rows = [
        row("HK-001"),
        row("HK-002", head_birth="31/02/1970"),
        row("HK-003", village="Thôn Không Có"),
        row("HK-001"),
        row("HK-004", contact_phone="12345"),
        row("", head=""),
        row("HK-005", public_name="maybe"),
        row("HK-006", members="An (năm)"),
    ]
    outcome = households_import(actor=one_stop_officer, commune=commune, source=xlsx(rows))
    assert not outcome.imported
    assert not Household.objects.exists()
    assert sorted(outcome.errors) == [3, 4, 5, 6, 7, 8, 9]
    assert (
        "31/02/1970" not in outcome.errors[3]
        and "date" in outcome.errors[3].lower()
        or "ngày" in outcome.errors[3]
    )
    assert "Thôn Không Có" in outcome.errors[4]
    assert "HK-001" in outcome.errors[5] and "2" in outcome.errors[5]
    assert len(outcome.errors[7].split(".")) >= 3  # both the code and the head are named


def test_import_valid_rows_keeps_the_good_ones(one_stop_officer, commune, village, xlsx):
    rows = [row("HK-001"), row("HK-002", contact_phone="12345"), row("HK-003")]
    outcome = households_import(
        actor=one_stop_officer, commune=commune, source=xlsx(rows), import_valid_rows=True
    )
    assert outcome.imported
    assert sorted(Household.objects.values_list("code", flat=True)) == ["HK-001", "HK-003"]
    assert list(outcome.errors) == [3]


def test_the_error_report_is_the_same_sheet_with_an_error_column(one_stop_officer, commune, village, xlsx):
    rows = [row("HK-001"), row("HK-002", contact_phone="12345")]
    outcome = households_import(actor=one_stop_officer, commune=commune, source=xlsx(rows))
    out = io.BytesIO()
    error_report(xlsx(rows), outcome.errors, out)
    sheet = load_workbook(out).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == [*HEADERS_VI, "Lỗi"]
    assert values[1][:2] == ["HK-001", "Thôn Phúc Lộc"] and values[1][-1] in (None, "")
    assert values[2][0] == "HK-002" and "10" in values[2][-1]


def test_a_file_that_is_not_xlsx_is_refused(one_stop_officer, commune, village):
    with pytest.raises(InvalidInput):
        households_import(
            actor=one_stop_officer, commune=commune, source=io.BytesIO(b"code,village\nHK,Thon")
        )
    with pytest.raises(InvalidInput):
        households_import(actor=one_stop_officer, commune=commune, source=io.BytesIO(b"PK\x03\x04garbage"))


def test_an_empty_sheet_is_refused(one_stop_officer, commune, village, xlsx):
    with pytest.raises(InvalidInput):
        households_import(actor=one_stop_officer, commune=commune, source=xlsx([]))


def test_many_rows_of_garbage_give_a_report_and_import_nothing(one_stop_officer, commune, village, xlsx):
    garbage = [
        [f"@@{i}", "???", None, None, "abc", "((", None, "x", "not-mail", None, "?", "?", "?"]
        for i in range(5000)
    ]
    outcome = households_import(actor=one_stop_officer, commune=commune, source=xlsx(garbage))
    assert not outcome.imported
    assert len(outcome.errors) == 5000
    assert not Household.objects.exists()


def test_an_officer_of_another_commune_cannot_import_here(other_officer, commune, village, xlsx):
    with pytest.raises(NotAllowed):
        households_import(actor=other_officer, commune=commune, source=xlsx([row()]))


def test_the_contact_is_linked_to_the_citizen_account_with_that_phone(
    one_stop_officer, commune, village, xlsx
):
    citizen = f.citizen(commune_obj=commune, phone="0912345678")
    households_import(actor=one_stop_officer, commune=commune, source=xlsx([row()]))
    assert Household.objects.get().contact_user == citizen


def test_progress_is_reported_while_checking(one_stop_officer, commune, village, xlsx):
    seen = []
    rows = [row(f"HK-{i:04d}") for i in range(2500)]
    households_import(
        actor=one_stop_officer,
        commune=commune,
        source=xlsx(rows),
        check_progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (999, 2500) and seen[-1] == (2500, 2500)
    assert len(seen) >= 3
