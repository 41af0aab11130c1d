"""How money, dates, numbers and form answers are shown to people, once for every page and paper.

Money is integer đồng shown "15.000 đ"; dates dd/mm/yyyy; times dd/mm/yyyy HH:MM in
Asia/Ho_Chi_Minh; decimals with a comma ("74,05"); a form answer by its label, never its code
("Mẹ", not "me"). Templates use the same functions as filters (`{% load formats %}`:
`money`, `grouped`, `day`, `moment`, `decimal`); Python code that builds text for a PDF or a
message calls them directly. Civil-status papers also write a date in words
(`date_in_words`: "Ngày hai, tháng mười một, năm hai nghìn không trăm hai mươi lăm") from
`number_in_words`, which reads a number as Vietnamese legal forms write it. The site's `vi`
formats (xaso/formats/vi) make Django's own `{{ a_date }}` print dd/mm/yyyy too.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.calendar import to_local

DAY = "%d/%m/%Y"
MOMENT = "%d/%m/%Y %H:%M"


def grouped(amount) -> str:
    """An integer grouped the Vietnamese way: 1.500.000 ('' for what is not a number)."""
    try:
        return f"{int(amount):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


def money(amount) -> str:
    """An amount of đồng: "15.000 đ" ('' for what is not a number)."""
    text = grouped(amount)
    return f"{text} đ" if text else ""


def day(value) -> str:
    """A date (or a moment, or an ISO date string) as dd/mm/yyyy; anything else as given."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return (to_local(value) if timezone.is_aware(value) else value).strftime(DAY)
    if isinstance(value, date):
        return value.strftime(DAY)
    try:
        return date.fromisoformat(str(value)[:10]).strftime(DAY)
    except ValueError:
        return str(value)


def moment(value) -> str:
    """A moment as dd/mm/yyyy HH:MM in the local time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, datetime):
        return day(value)
    return (to_local(value) if timezone.is_aware(value) else value).strftime(MOMENT)


def decimal(value, places: int = 2) -> str:
    """A number with at most `places` decimals and a decimal comma: 74.05 → "74,05", 80 → "80"."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = grouped(whole.lstrip("-"))
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def answer_text(field: dict, value) -> str:
    """A form answer as people read it, from the field's definition ({"type", "choices"}):
    a choice by its label, a date dd/mm/yyyy, a tick as "Có"/"Không", the rest as typed."""
    kind = field.get("type")
    if value in (None, ""):
        return ""
    if kind == "choice":
        labels = {str(key): label for key, label in field.get("choices", [])}
        return labels.get(str(value), str(value))
    if kind == "date":
        return day(value)
    if kind == "boolean":
        return _("Yes") if value not in (False, "", "off", "false", "0") else _("No")
    return str(value)


def answers_shown(form: list[dict], data: dict) -> list[tuple[str, str]]:
    """A filled form as (label, text) pairs in the form's order; answers the form no longer
    has come last under their own name."""
    data = dict(data or {})
    fields = {f["name"]: f for f in form}
    shown = [(f["label"], answer_text(f, data[f["name"]])) for f in form if f["name"] in data]
    shown += [(name, str(value)) for name, value in data.items() if name not in fields]
    return shown


DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
# Groups of three digits, from the lowest; "tỷ" repeats above a thousand million.
GROUPS = ("", "nghìn", "triệu")
BILLION = 1_000_000_000


def number_in_words(number: int) -> str:
    """A whole number in Vietnamese words as legal forms write it: 2025 → "hai nghìn không trăm
    hai mươi lăm". Rules: "mười" for the tens of 10–19, "mươi" above; a final 1 after "mươi"
    is "mốt" (21 "hai mươi mốt"), a final 4 after "mươi" is "tư" (24 "hai mươi tư"), a final 5
    after a ten is "lăm" (15, 25); an empty tens before a unit is "linh" (105 "một trăm linh
    năm"); a group under a higher one reads its "không trăm" (2005 "hai nghìn không trăm linh
    năm"), an empty group is skipped (2000 "hai nghìn")."""
    number = int(number)
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return DIGITS[0]
    if number >= BILLION:
        high, rest = divmod(number, BILLION)
        words = number_in_words(high) + " tỷ"
        return f"{words} {_groups_in_words(rest, full=True)}" if rest else words
    return _groups_in_words(number, full=False)


def _groups_in_words(number: int, *, full: bool) -> str:
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        # A group below a higher one says its hundreds even when they are nought.
        below = full or index < len(groups) - 1
        words.append(_hundreds_in_words(group, full=below))
        if GROUPS[index]:
            words.append(GROUPS[index])
    return " ".join(words)


def _hundreds_in_words(number: int, *, full: bool) -> str:
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1 and tens >= 2:
        words.append("mốt")
    elif units == 4 and tens >= 2:
        words.append("tư")
    elif units == 5 and tens >= 1:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return " ".join(words)


# The months' names on a form: "tháng tư", never "tháng bốn".
MONTHS = {4: "tư"}


def date_in_words(value) -> str:
    """A date written out as civil-status forms do ("ghi bằng chữ"): 02/11/2025 → "Ngày hai,
    tháng mười một, năm hai nghìn không trăm hai mươi lăm" ('' for what is not a date; a
    moment is read in the local time zone)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = (to_local(value) if timezone.is_aware(value) else value).date()
    elif not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value)[:10])
        except ValueError:
            return ""
    month = MONTHS.get(value.month) or number_in_words(value.month)
    return f"Ngày {number_in_words(value.day)}, tháng {month}, năm {number_in_words(value.year)}"
