"""A procedure's fee priced per page in tiers (`Procedure.fee_schedule`), as the law prices a
certified copy from the original (Thông tư 226/2016/TT-BTC, amended): 2.000 đồng a page for
pages 1–2, 1.000 đồng a page from page 3, at most 200.000 đồng a copy (bản):

    {"per": "page", "tiers": [[1, 2000], [3, 1000]], "cap_per_copy": 200000}

`tiers` are [first page, price of each page from it] in increasing order, the first from page 1;
`cap_per_copy` (optional) bounds one copy. The page count is the dossier's form field `pages`
(a required integer), the copies its field `copies` (absent: one copy). An empty schedule ({})
means none: the procedure's `fee` (and `fee_per_copy`) apply. `schedule_check` says in words
what is wrong with a schedule (the admin shows it on the field; the catalogue loader refuses);
`tiers_price` is the arithmetic, used by `fees.dossier_fee`, the one place a fee is computed."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xaso.core.formats import grouped

KEYS = {"per", "tiers", "cap_per_copy"}
# The largest price or cap one tier may name (a typo must not become a million-đồng page).
MAX_PRICE = 100_000_000


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def schedule_check(schedule, form: list[dict] | None = None, *, fee_per_copy: bool = False) -> list[str]:
    """What is wrong with a schedule, in words (empty: nothing). `form` is the procedure's
    form: a schedule needs a required integer field `pages`."""
    if schedule in (None, {}):
        return []
    if not isinstance(schedule, dict):
        return [_('A fee schedule is an object such as {"per": "page", "tiers": [[1, 2000], [3, 1000]]}.')]
    problems = []
    unknown = sorted(set(schedule) - KEYS)
    if unknown:
        problems.append(_("Unknown keys in the fee schedule: %(keys)s.") % {"keys": ", ".join(unknown)})
    if schedule.get("per") != "page":
        problems.append(_('The fee schedule must say "per": "page" (the only unit priced in tiers).'))
    tiers = schedule.get("tiers")
    if not isinstance(tiers, list) or not tiers:
        problems.append(_("The fee schedule needs tiers: a list of [first page, price per page]."))
    else:
        previous = 0
        for tier in tiers:
            if not (isinstance(tier, list) and len(tier) == 2 and all(_whole(v) for v in tier)):
                problems.append(_("Each tier is a pair of whole numbers: [first page, price per page]."))
                break
            start, price = tier
            if not 0 <= price <= MAX_PRICE:
                problems.append(_("A price per page is a whole number of đồng from 0 to 100,000,000."))
                break
            if previous == 0 and start != 1:
                problems.append(_("The first tier starts at page 1."))
                break
            if start <= previous:
                problems.append(_("Tiers start at increasing pages (1, then 3, …)."))
                break
            previous = start
    if "cap_per_copy" in schedule:
        cap = schedule["cap_per_copy"]
        if not (_whole(cap) and 0 < cap <= MAX_PRICE):
            problems.append(_("The cap per copy is a whole number of đồng above 0."))
    if fee_per_copy:
        problems.append(_("A fee schedule already counts the copies: untick “fee per copy”."))
    if form is not None and not any(
        f.get("name") == "pages" and f.get("type") == "integer" and f.get("required") for f in form
    ):
        problems.append(_("A fee per page needs a required integer field “pages” in the form."))
    return problems


@dataclass(frozen=True)
class TiersPrice:
    pages: int
    copies: int
    parts: tuple[tuple[int, int], ...]  # (pages, price per page) of each tier used
    per_copy: int  # the parts' sum before the cap
    cap: int | None

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.per_copy > self.cap

    @property
    def copy_price(self) -> int:
        return self.cap if self.capped else self.per_copy

    @property
    def total(self) -> int:
        return self.copy_price * self.copies

    def text(self) -> str:
        """'5 trang × 1 bản: 2 × 2.000 + 3 × 1.000 = 7.000 đồng' (in the active language)."""
        pages = ngettext("%(n)d page", "%(n)d pages", self.pages) % {"n": self.pages}
        copies = ngettext("%(n)d copy", "%(n)d copies", self.copies) % {"n": self.copies}
        head = f"{pages} × {copies}"
        parts = " + ".join(f"{n} × {_dong(price)}" for n, price in self.parts)
        values = {
            "head": head,
            "sum": parts,
            "copies": self.copies,
            "uncapped": _dong(self.per_copy),
            "cap": _dong(self.cap or 0),
            "total": _dong(self.total),
        }
        if self.capped and self.copies > 1:
            return (
                _(
                    "%(head)s: %(sum)s = %(uncapped)s đồng, at most %(cap)s đồng a copy: "
                    "%(cap)s × %(copies)s = %(total)s đồng"
                )
                % values
            )
        if self.capped:
            return (
                _("%(head)s: %(sum)s = %(uncapped)s đồng, at most %(cap)s đồng a copy: %(total)s đồng")
                % values
            )
        if self.copies > 1:
            return _("%(head)s: (%(sum)s) × %(copies)s = %(total)s đồng") % values
        return _("%(head)s: %(sum)s = %(total)s đồng") % values


def _dong(amount: int) -> str:
    return grouped(amount)


def tiers_price(schedule: dict, *, pages: int, copies: int) -> TiersPrice:
    """The price of `copies` copies of a `pages`-page paper under a checked schedule."""
    tiers = schedule["tiers"]
    parts = []
    for i, (start, price) in enumerate(tiers):
        end = min(pages, tiers[i + 1][0] - 1) if i + 1 < len(tiers) else pages
        if end >= start:
            parts.append((end - start + 1, price))
    per_copy = sum(n * price for n, price in parts)
    return TiersPrice(pages, copies, tuple(parts), per_copy, schedule.get("cap_per_copy"))


def schedule_text(schedule: dict) -> str:
    """The schedule in words for the procedure page: '2.000 đ a page from page 1, 1.000 đ a
    page from page 3; at most 200.000 đ a copy' ('' for a schedule that does not check)."""
    if not schedule or schedule_check(schedule):
        return ""
    parts = [
        _("%(price)s đ a page from page %(start)s") % {"price": _dong(price), "start": start}
        for start, price in schedule["tiers"]
    ]
    text = ", ".join(parts)
    if schedule.get("cap_per_copy"):
        text += "; " + _("at most %(cap)s đ a copy") % {"cap": _dong(schedule["cap_per_copy"])}
    return text
