"""Properties of the bank-statement parser (outside input, issue 8 part 6): whatever a bank's
export holds, the parser returns the rows that were written or refuses the file with a message
(InvalidInput), never anything else."""

import csv
import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from xaso.core.errors import InvalidInput
from xaso.payments.references import references_in
from xaso.payments.statements import amount_parse, rows_read

amounts = st.integers(min_value=1, max_value=10**12)
HEADER = ["Số tham chiếu", "Ngày giao dịch", "Số tiền ghi có", "Nội dung"]


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(amounts, st.sampled_from(["vn", "en", "plain"]), st.sampled_from(["", ",00", " VND", " đ"]))
def test_an_amount_written_as_banks_write_it_reads_back(n, grouping, suffix):
    text = {"vn": vn(n), "en": f"{n:,}", "plain": str(n)}[grouping]
    if suffix == ",00" and grouping != "vn":
        suffix = ".00"
    assert amount_parse(text + suffix, row=2) == n


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_any_cell_gives_a_number_nothing_or_a_refusal(value):
    try:
        result = amount_parse(value, row=2)
    except InvalidInput as exc:
        assert exc.field == "file"
    else:
        assert result is None or isinstance(result, int)


txn_ids = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789.-", min_size=1, max_size=20)
notes = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=80)
lines = st.lists(
    st.tuples(txn_ids, st.dates(date(2000, 1, 1), date(2099, 12, 31)), amounts, notes),
    min_size=1,
    max_size=15,
    unique_by=lambda line: line[0],
)


@settings(max_examples=60, deadline=None)
@given(lines, st.sampled_from([",", ";", "\t"]), st.booleans())
def test_a_csv_statement_reads_back_line_for_line(written, delimiter, vietnamese_amounts):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["Sao kê tài khoản"])  # a title row above the header, as banks put one
    writer.writerow(HEADER)
    for txn, day, amount, note in written:
        writer.writerow([txn, day.strftime("%d/%m/%Y"), vn(amount) if vietnamese_amounts else amount, note])
    rows, skipped, _columns = rows_read("sao-ke.csv", buf.getvalue().encode("utf-8-sig"), {})
    assert skipped == 0
    assert [(r.txn_id, r.booked_on, r.amount, r.description) for r in rows] == [
        (txn.strip(), day, amount, " ".join(note.split())) for txn, day, amount, note in written
    ]


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_message(content):
    try:
        rows, _skipped, _columns = rows_read("x.csv", content, {})
    except InvalidInput as exc:
        assert exc.field in {"file", "columns"}
    else:
        assert all(row.amount > 0 for row in rows)


@given(notes)
def test_codes_found_in_any_note_are_valid_and_found_again(note):
    for code in references_in(note):
        assert references_in(f"chuyen tien {code.lower()} le phi") == [code]
