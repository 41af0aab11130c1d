"""The registry of automatic indicators.

A calculator is a small function over the platform's data: it takes commune codes and a period
and returns, for each commune, a `Result` — a `Measure` (what was counted) or "no data" with a
note saying why. It works on many communes at once (one grouped query, not one per commune), so
the province ranking and the national benchmark stay cheap; `compute_one` is the one-commune view.

A calculator whose source app is not on the platform yet is registered with `pending(...)`: it
always answers "no data" and names the selector it will read. It never makes a figure up.
Add one with `@register(...)` in dx_own.py (dx's own data) or other_apps.py (another app's data,
through a selector of that app made for it); both are imported when the app is ready (apps.py).
Indicator sets name calculators by their `name`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from xaso.dx.scoring import Measure

NO_DATA = N_("no data")
PENDING = N_("no data: not on the platform yet")


def note_text(note: str) -> str:
    """A calculator's note in the reader's language. Notes are kept in English where they are
    made (the API and the logs read them as they are) and are all in the catalogue
    (`gettext_noop` where made); a pending calculator's note names the selector it will read,
    which a reader is told as "not on the platform yet"."""
    if not note:
        return ""
    if note.startswith("no data: needs "):
        return gettext(PENDING)
    if note.startswith("no data: unknown calculator"):
        return gettext(NO_DATA)
    return gettext(note)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))


@dataclass(frozen=True)
class Result:
    measure: Measure | None
    note: str = ""

    @property
    def has_data(self) -> bool:
        return self.measure is not None


Compute = Callable[[list[str], Period], dict[str, Result]]


@dataclass(frozen=True)
class Calculator:
    name: str
    kind: str
    title: str
    reads: str
    compute: Compute
    available: bool = True


REGISTRY: dict[str, Calculator] = {}


def register(name: str, *, kind: str, title, reads: str):
    def decorator(fn: Compute) -> Compute:
        REGISTRY[name] = Calculator(name=name, kind=kind, title=title, reads=reads, compute=fn)
        return fn

    return decorator


def pending(name: str, *, kind: str, title, reads: str) -> None:
    """Register a calculator whose data is not on the platform yet: it answers "no data"."""
    note = f"no data: needs {reads}"

    def compute(communes: list[str], period: Period) -> dict[str, Result]:
        return {code: Result(None, note) for code in communes}

    REGISTRY[name] = Calculator(
        name=name, kind=kind, title=title, reads=reads, compute=compute, available=False
    )


def compute_many(name: str, communes: Iterable[str], period: Period) -> dict[str, Result]:
    calculator = REGISTRY.get(name)
    codes = list(communes)
    if calculator is None:
        return {code: Result(None, f"no data: unknown calculator {name!r}") for code in codes}
    results = calculator.compute(codes, period)
    return {code: results.get(code) or Result(None, NO_DATA) for code in codes}


def compute_one(name: str, commune_code: str, period: Period) -> Result:
    return compute_many(name, [commune_code], period)[commune_code]


def count_of(n) -> Measure:
    return Measure(value=Decimal(n))


def share_of(numerator, denominator) -> Measure:
    return Measure(numerator=Decimal(numerator), denominator=Decimal(denominator))
