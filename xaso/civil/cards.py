"""The register's card on the staff dashboard, for who keeps it (xaso.core.dashboard)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import roles_with
from xaso.civil import selectors
from xaso.civil.permissions import REGISTER
from xaso.core.dashboard import Card, Figure, register_card


def register_figures(user) -> list[Figure]:
    """Entries registered this month, and births of this year registered after 60 days."""
    counts = selectors.register_figures(user)
    return [
        Figure(_("entries registered this month"), counts["this_month"], reverse("civil:entries")),
        Figure(
            _("births registered late this year"),
            counts["late_births"],
            reverse("civil:completeness"),
            "late",
        ),
    ]


register_card(
    Card(
        title=_("Civil-status register"),
        url_name="civil:entries",
        description=_("Search entries, correct them, and follow births registered on time."),
        roles=roles_with(REGISTER),
        figures=register_figures,
    )
)
