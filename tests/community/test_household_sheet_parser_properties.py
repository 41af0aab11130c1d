"""Properties of the household sheet parser (xaso.community.spreadsheet), checked on generated
rows: any cell values give a row or its errors, never an exception; well-formed rows survive a
round trip through an xlsx file; headers match whatever their case and diacritics."""

import io
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from xaso.community.spreadsheet import KEYS, check_row, check_workbook, headers
from xaso.core.text import fold

VILLAGES = {fold("Thôn Phúc Lộc"): 1, fold("Thôn Đông Sơn"): 2}
THIS_YEAR = date.today().year
# The machine is shared: judge the parser, not the scheduler.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_cell = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
names = st.text(
    alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạ "), min_size=1, max_size=30
).filter(lambda s: s.strip() and "(" not in s)
years = st.integers(1900, THIS_YEAR)
good_row = st.fixed_dictionaries(
    {
        "code": st.from_regex(r"\AHK-[A-Z0-9]{1,10}\Z"),
        "village": st.sampled_from(["Thôn Phúc Lộc", "THÔN ĐÔNG SƠN", "thon phuc loc"]),
        "address": st.text(alphabet="Xóm 0123456789", max_size=20),
        "head_name": names,
        "head_birth": st.one_of(years, years.map(str), st.dates(date(1900, 1, 1), date(THIS_YEAR, 1, 1))),
        "members": st.lists(st.tuples(names, years), max_size=4),
        "contact_phone": st.from_regex(r"\A0[35789]\d{8}\Z"),
        "public_name": st.sampled_from(["yes", "Có", "no", "KHÔNG", "", "x"]),
    }
)


def _cells(values: dict) -> dict:
    members = "; ".join(f"{name} ({year})" for name, year in values["members"])
    return {**values, "members": members}


@relaxed
@given(st.dictionaries(st.sampled_from(KEYS), any_cell))
def test_any_cell_values_give_a_row_or_its_errors_never_an_exception(raw):
    row = check_row(7, raw, VILLAGES, THIS_YEAR)
    assert row.number == 7
    assert all(isinstance(e, str) and e for e in row.errors)
    if not row.errors:
        assert row.data["code"] and row.data["village_id"] in (1, 2) and row.data["head_name"]


@relaxed
@given(good_row)
def test_a_well_formed_row_is_valid_and_read_as_written(values):
    row = check_row(2, _cells(values), VILLAGES, THIS_YEAR)
    assert row.errors == []
    assert row.data["code"] == values["code"]
    assert row.data["village_id"] == VILLAGES[fold(values["village"])]
    assert row.data["head_name"] == " ".join(values["head_name"].split())
    birth = values["head_birth"]
    assert row.data["head_birth_year"] == (birth.year if isinstance(birth, date) else int(birth))
    assert [year for _name, year in row.data["members"]] == [year for _name, year in values["members"]]
    assert row.data["public_name"] == (fold(values["public_name"]) in {"yes", "co", "x"})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(good_row, min_size=1, max_size=8, unique_by=lambda v: v["code"].lower()), st.booleans())
def test_well_formed_rows_survive_a_round_trip_through_an_xlsx_file(rows, english):
    wb = Workbook()
    ws = wb.active
    ws.append(headers("en" if english else "vi"))
    for values in rows:
        cells = _cells(values)
        birth = cells["head_birth"]
        if isinstance(birth, date):
            cells["head_birth"] = datetime(birth.year, birth.month, birth.day)
        ws.append([cells.get(key) for key in KEYS])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = check_workbook(buffer, villages=VILLAGES)
    assert result.errors == {}
    assert [h.code for h in result.valid] == [v["code"] for v in rows]
    assert [h.number for h in result.valid] == list(range(2, len(rows) + 2))
    assert [len(h.members) for h in result.valid] == [len(v["members"]) for v in rows]


@relaxed
@given(st.sampled_from(range(len(KEYS))), st.sampled_from(["vi", "en"]), st.booleans())
def test_a_header_matches_whatever_its_case_and_diacritics(column, language, upper):
    header = headers(language)[column]
    written = fold(header).upper() if upper else header.swapcase()
    wb = Workbook()
    ws = wb.active
    row_headers = headers("vi")
    row_headers[column] = written
    ws.append(row_headers)
    ws.append(["HK-1", "Thôn Phúc Lộc", "", "Nguyễn Văn An", "", "", "", "", "", "", "", "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = check_workbook(buffer, villages=VILLAGES)
    assert (len(result.valid), result.errors) == (1, {})
