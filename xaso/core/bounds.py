"""Input bounded where it enters: dates, integers, ids, and page windows.

A year-9999 date overflows as soon as a day is added to it, an integer past 64 bits cannot be
bound by SQLite or PostgreSQL, and an offset of 10^18 makes the database walk every row: each
was a 500. Every view, form and API operation that reads one of these from a path, a query
string, a form or a JSON body goes through a helper here, so the answer is a 4xx naming the field
(or a 404 for an id no row can have).

- views and forms: `parse_date`, `parse_int`, `parse_id`, `check_date`, `page_number`,
  `BoundedDateField`, `BoundedDateTimeField`, `BoundedIntegerField`;
- the API (ninja): the annotated types `Id`, `IdField`, `Year`, `Day`, `Moment` and the `Page`
  schema carry their bounds into the OpenAPI document (`minimum`/`maximum`);
- URLs: the `id` path converter (registered by xaso.core.apps) matches at most 19 digits and
  refuses values past 2^63-1, so the resolver answers 404 before any view runs; `year` likewise.
"""

from datetime import date, datetime
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Schema
from pydantic import AfterValidator

from xaso.core.errors import InvalidInput

MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed primary key (PostgreSQL bigint, SQLite)
MAX_INT = 2**63 - 1
MAX_OFFSET = 100_000  # deeper than any real list; past it the database walks rows for nothing
MAX_LIMIT = 200
MAX_PAGE = 10_000
MAX_MONEY = 10**12  # đồng: a thousand billion, past any sum a commune counts
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def _year_message(label):
    return _("%(field)s must be a date between the years %(low)s and %(high)s.") % {
        "field": label,
        "low": MIN_YEAR,
        "high": MAX_YEAR,
    }


def in_year_range(value: date | datetime | None) -> bool:
    return value is None or MIN_YEAR <= value.year <= MAX_YEAR


def check_date(value, *, field: str, label=None):
    """`value` (a date or datetime, or None) if its year is within MIN_YEAR..MAX_YEAR; else an
    InvalidInput naming `field` (its message says `label`, the field's name for people)."""
    if not in_year_range(value):
        raise InvalidInput(_year_message(label or field), field=field)
    return value


def parse_date(text, *, field: str, label=None, formats=DATE_FORMATS) -> date | None:
    """The date written in `text` (dd/mm/yyyy or yyyy-mm-dd), None when empty; InvalidInput
    naming `field` when it is not a date or its year is out of range."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if not text:
        return None
    for fmt in formats:
        try:
            value = datetime.strptime(text, fmt).date()  # noqa: DTZ007 -- a calendar day, no time
        except ValueError:
            continue
        return check_date(value, field=field, label=label)
    raise InvalidInput(_("Give %(field)s as dd/mm/yyyy.") % {"field": label or field}, field=field)


def parse_int(text, *, field: str, label=None, low: int = 0, high: int = MAX_INT, default: int | None = None):
    """The integer in `text` within low..high; `default` when empty; InvalidInput naming `field`
    when it is not a whole number or lies outside the range."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return default
    text = str(text).strip()
    if len(text) > 20 or not text.lstrip("-").isdigit():  # int() of a huge string is slow too
        raise InvalidInput(_("%(field)s must be a whole number.") % {"field": label or field}, field=field)
    value = int(text)
    if not low <= value <= high:
        raise InvalidInput(
            _("%(field)s must be between %(low)s and %(high)s.")
            % {"field": label or field, "low": low, "high": high},
            field=field,
        )
    return value


def parse_id(text) -> int | None:
    """A row id from text, or None when it is not one any row can have (empty, not a number,
    not positive, past 2^63-1): callers treat None as 'no such row'."""
    text = str(text or "").strip()
    if not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def page_number(text) -> int:
    """A page number for Paginator.get_page: past MAX_PAGE (or not a number) means the first."""
    value = parse_id(text)
    return value if value is not None and value <= MAX_PAGE else 1


# -- URL converter ----------------------------------------------------------------------------


class IdConverter:
    """`<id:name>`: a positive row id that fits 64 bits; anything else does not match (404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError("not a row id")  # the resolver treats this as no match
        return number

    def to_url(self, value) -> str:
        return str(value)


class YearConverter(IdConverter):
    """`<year:name>`: four digits within MIN_YEAR..MAX_YEAR; anything else does not match (404)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not MIN_YEAR <= number <= MAX_YEAR:
            raise ValueError("not a year we keep")
        return number


# -- forms ------------------------------------------------------------------------------------


def _form_year(value):
    if not in_year_range(value):
        raise ValidationError(
            _("Give a date between the years %(low)s and %(high)s."),
            code="year_range",
            params={"low": MIN_YEAR, "high": MAX_YEAR},
        )


class BoundedDateField(forms.DateField):
    default_validators = [_form_year]


class BoundedDateTimeField(forms.DateTimeField):
    default_validators = [_form_year]


class BoundedIntegerField(forms.IntegerField):
    """An IntegerField that never holds more than 63 bits, whatever its own limits say."""

    def __init__(self, *, min_value=None, max_value=None, **kwargs):
        low = -MAX_INT if min_value is None else max(min_value, -MAX_INT)
        high = MAX_INT if max_value is None else min(max_value, MAX_INT)
        super().__init__(min_value=low, max_value=high, **kwargs)


# -- API (ninja / pydantic) -------------------------------------------------------------------


def _api_year(value):
    if not in_year_range(value):
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return value


Id = Annotated[int, Path(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
Money = Annotated[int, Field(ge=0, le=MAX_MONEY)]
Day = Annotated[date, AfterValidator(_api_year)]
Moment = Annotated[datetime, AfterValidator(_api_year)]


class Page(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
