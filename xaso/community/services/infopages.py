"""QR information pages: what the commune publishes for posters (history, relics, schools,
clinics, cultural houses with wifi, lane maps, procedure guides, a village's household list),
each with a printable A4 poster carrying a large QR code to the page.

Personal data (Decree 13/2023): a household list is published only when every household of
the village consented to show its head's name, and then each shows only the fields it
consented to. One seed posted phone numbers of every household on a public QR; xaso refuses.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from xaso.community.models import Household, InfoKind, InfoPage
from xaso.community.permissions import MANAGE_INFO_PAGES
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.pdf import html_to_pdf
from xaso.core.permissions import require
from xaso.core.qr import qr_svg
from xaso.core.uploads import IMAGE, file_check
from xaso.places.models import Commune, Village


def info_page_create(
    *,
    actor,
    commune: Commune,
    kind: str,
    title: str,
    body: str = "",
    image=None,
    wifi_name: str = "",
    wifi_password: str = "",
    procedure_code: str = "",
    village: Village | None = None,
) -> InfoPage:
    """Publish an information page. Rules: staff of the commune; a lane map needs an image
    (PNG/JPEG/WebP, checked by content); a household list names a village of the commune."""
    require(actor, MANAGE_INFO_PAGES, commune=commune)
    title = " ".join((title or "").split())
    if kind not in InfoKind.values:
        raise InvalidInput(_("Choose a kind of page from the list."), field="kind")
    if not title:
        raise InvalidInput(_("Enter a title."), field="title")
    if image is not None:
        image = file_check(image, field="image", kinds=(IMAGE,), web_version=True)
    if kind == InfoKind.LANE_MAP and image is None:
        raise InvalidInput(_("A lane map needs its image."), field="image")
    if kind == InfoKind.HOUSEHOLD_LIST and (village is None or village.commune_id != commune.code):
        raise InvalidInput(_("Choose the village whose households are listed."), field="village")
    with transaction.atomic():
        page = InfoPage(
            commune=commune,
            kind=kind,
            title=title[:200],
            body=(body or "").strip(),
            wifi_name=wifi_name.strip()[:64],
            wifi_password=wifi_password.strip()[:64],
            procedure_code=procedure_code.strip()[:20],
            village=village if kind == InfoKind.HOUSEHOLD_LIST else None,
            created_by=actor,
        )
        if image is not None:
            page.image, page.image_web = image.content(), image.web_content()
        page.save()
        audit_record(
            actor=actor, action="info_page.create", target=page, commune_code=commune.code, summary=title
        )
    return page


def info_page_viewed(page: InfoPage) -> None:
    """Count a public view (one UPDATE, no race between two readers)."""
    InfoPage.objects.filter(pk=page.pk).update(view_count=F("view_count") + 1)


@dataclass(frozen=True)
class PublicHousehold:
    name: str
    address: str
    phone: str


@dataclass(frozen=True)
class HouseholdListing:
    published: bool
    withheld: int  # households that have not consented (the list is withheld if any)
    rows: list[PublicHousehold]


def household_listing(page: InfoPage) -> HouseholdListing:
    """The public household list of a page's village, or why it is withheld."""
    households = Household.objects.filter(commune_id=page.commune_id, village_id=page.village_id).order_by(
        "code"
    )
    rows = list(
        households.values_list(
            "head_name", "address", "contact_phone", "public_name", "public_address", "public_phone"
        )
    )
    withheld = sum(1 for r in rows if not r[3])
    if withheld or not rows:
        return HouseholdListing(False, withheld, [])
    return HouseholdListing(
        True,
        0,
        [
            PublicHousehold(name, address if pa else "", phone if pp else "")
            for name, address, phone, _pn, pa, pp in rows
        ],
    )


def page_url(page: InfoPage) -> str:
    return settings.SITE_URL + reverse("community:info_page", args=[page.commune_id, page.pk])


def poster_pdf(page: InfoPage) -> bytes:
    """A printable A4 poster: the commune, the title, a large QR code to the page."""
    url = page_url(page)
    html = render_to_string(
        "community/poster.html",
        {"page": page, "url": url, "qr": qr_svg(url, scale=10, border=4, title=page.title)},
    )
    return html_to_pdf(
        html, extra_css="@page { size: A4; margin: 15mm; } html { font-family: xaso-sans, sans-serif; }"
    )
