"""Calculators over the other apps, read through their selectors, and the calculators whose data
is not on the platform yet (`pending`). Registered when the app is ready (apps.py).

Each selector answers for many communes in one or two grouped queries and leaves out a commune
with no rows in its app: that commune has "no data" (not 0 %), since xaso cannot tell "none"
from "not recorded here"."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from xaso.community.selectors import (
    feedback_on_time_by_commune,
    households_reached_by_commune,
    public_points_by_commune,
    radio_villages_by_commune,
)
from xaso.documents.registry.selectors import document_exchange_by_commune
from xaso.dx.calculators import Period, Result, count_of, pending, register, share_of
from xaso.dx.models import Kind
from xaso.economy.selectors import payment_points_by_communes, products_online_by_communes
from xaso.onestop.selectors import dossier_figures_by_commune
from xaso.places.selectors import village_counts


def _shares(communes, figures: dict, numerator: str, denominator: str, missing: str) -> dict[str, Result]:
    out = {}
    for code in communes:
        row = figures.get(code)
        out[code] = (
            Result(share_of(row[numerator], row[denominator]))
            if row and row[denominator]
            else Result(None, missing)
        )
    return out


@register(
    "onestop.dossiers_online",
    kind=Kind.PERCENTAGE,
    title=_("Dossiers received online"),
    reads="onestop.selectors.dossier_figures_by_commune",
)
def dossiers_online(communes: list[str], period: Period) -> dict[str, Result]:
    """Dossiers filed online over all dossiers received (online or at the counter) in the
    period. No dossier received: no data."""
    figures = dossier_figures_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "online", "received", N_("no data: no dossier received in the period"))


@register(
    "onestop.dossiers_on_time",
    kind=Kind.PERCENTAGE,
    title=_("Dossiers processed on time"),
    reads="onestop.selectors.dossier_figures_by_commune",
)
def dossiers_on_time(communes: list[str], period: Period) -> dict[str, Result]:
    """Dossiers settled (result ready, delivered or rejected) in the period on or before their due
    date, over all dossiers settled in the period. None settled: no data."""
    figures = dossier_figures_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "on_time", "settled", N_("no data: no dossier settled in the period"))


@register(
    "onestop.results_signed",
    kind=Kind.PERCENTAGE,
    title=_("Results signed digitally"),
    reads="onestop.selectors.dossier_figures_by_commune (documents.selectors.signed_subject_ids)",
)
def results_signed(communes: list[str], period: Period) -> dict[str, Result]:
    """Results issued in the period (dossiers settled with a result) that a signed document of
    documents is linked to (subject "onestop.dossier" and the dossier's id), over all results
    issued in the period. No result issued: no data."""
    figures = dossier_figures_by_commune(communes, start=period.start, end=period.end)
    return _shares(
        communes, figures, "results_signed", "results", N_("no data: no result issued in the period")
    )


@register(
    "documents.exchanged_electronically",
    kind=Kind.PERCENTAGE,
    title=_("Official documents exchanged electronically"),
    reads="documents.selectors.document_exchange_by_commune",
)
def exchanged_electronically(communes: list[str], period: Period) -> dict[str, Result]:
    """Documents entered in the register books in the period (incoming registered, outgoing
    issued) that travelled electronically — outgoing issued with a digital signature, incoming
    registered with a born-digital PDF — over all of them. None registered: no data."""
    figures = document_exchange_by_commune(communes, start=period.start, end=period.end)
    return _shares(
        communes, figures, "electronic", "documents", N_("no data: no document registered in the period")
    )


@register(
    "community.households_reached",
    kind=Kind.PERCENTAGE,
    title=_("Households reached by village channels"),
    reads="community.selectors.households_reached_by_commune",
)
def households_reached(communes: list[str], period: Period) -> dict[str, Result]:
    """Households reached by at least one announcement published in the period (link confirmed or
    told in person), over the households on the commune's list. No household list: no data."""
    figures = households_reached_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "reached", "households", N_("no data: no household list"))


@register(
    "community.villages_smart_radio",
    kind=Kind.PERCENTAGE,
    title=_("Villages covered by smart radio"),
    reads="community.selectors.radio_villages_by_commune, places.selectors.village_counts",
)
def villages_smart_radio(communes: list[str], period: Period) -> dict[str, Result]:
    """Villages with a loudspeaker cluster set up by the period's end, over all the commune's
    villages. No villages recorded, or no cluster on xaso at all: no data."""
    clusters = radio_villages_by_commune(communes, end=period.end)
    villages = village_counts(communes)
    out = {}
    for code in communes:
        row, total = clusters.get(code), villages.get(code, 0)
        if not total:
            out[code] = Result(None, N_("no data: no villages recorded"))
        elif row is None:
            out[code] = Result(None, N_("no data: no loudspeaker cluster on xaso"))
        else:
            out[code] = Result(share_of(min(row["villages"], total), total))
    return out


@register(
    "community.feedback_on_time",
    kind=Kind.PERCENTAGE,
    title=_("Feedback reports resolved on time"),
    reads="community.selectors.feedback_on_time_by_commune",
)
def feedback_on_time(communes: list[str], period: Period) -> dict[str, Result]:
    """Citizen reports due in the period and resolved by their due date, over the reports due in
    the period that are resolved or already late (merged ones and those not yet due left out).
    None: no data."""
    figures = feedback_on_time_by_commune(communes, start=period.start, end=period.end)
    return _shares(communes, figures, "on_time", "due", N_("no data: no feedback report due in the period"))


@register(
    "economy.cashless_points",
    kind=Kind.COUNT,
    title=_("Cashless payment points"),
    reads="economy.selectors.payment_points_by_communes",
)
def cashless_points(communes: list[str], period: Period) -> dict[str, Result]:
    """Active cashless payment points (static VietQR: stalls, shops, school and utility desks) set
    up by the period's end. None on xaso: no data."""
    counts = payment_points_by_communes(communes, end=period.end)
    return {
        code: Result(count_of(counts[code]))
        if counts.get(code)
        else Result(None, N_("no data: no payment point"))
        for code in communes
    }


@register(
    "economy.products_online",
    kind=Kind.COUNT,
    title=_("Local products sold online"),
    reads="economy.selectors.products_online_by_communes",
)
def products_online(communes: list[str], period: Period) -> dict[str, Result]:
    """The commune's products listed on at least one e-commerce marketplace (a marketplace link
    recorded; today's listings, as the catalogue keeps no history). No product on xaso: no data."""
    figures = products_online_by_communes(communes)
    return {
        code: Result(count_of(figures[code]["online"]))
        if code in figures
        else Result(None, N_("no data: no product"))
        for code in communes
    }


# --- Calculators whose data is not on the platform ------------------------------------------

pending(
    "payments.fees_cashless",
    kind=Kind.PERCENTAGE,
    title=_("Fees paid without cash"),
    # payments keeps QR transfers only; a fee paid in cash at the counter is recorded nowhere,
    # so the share has no denominator on the platform.
    reads="a record of fees paid in cash (payments keeps only QR transfers)",
)


@register(
    "community.free_wifi_points",
    kind=Kind.YES_NO,
    title=_("Free public wifi for the people (cultural houses)"),
    reads="community.selectors.public_points_by_commune",
)
def free_wifi_points(communes: list[str], period: Period) -> dict[str, Result]:
    """Yes when the commune lists at least one free public wifi point (a village cultural house)
    set up by the period's end, among its public points on the commune portal. No public point
    at all on xaso (neither wifi nor digital support): no data."""
    figures = public_points_by_commune(communes, end=period.end)
    return {
        code: Result(count_of(1 if figures[code]["wifi"] else 0))
        if code in figures
        else Result(None, N_("no data: no public wifi or digital-support point"))
        for code in communes
    }
