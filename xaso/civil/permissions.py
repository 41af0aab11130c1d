"""Permission names of the civil-status register (defined in xaso.accounts.roles)."""

from django.utils.translation import gettext_lazy as _

VIEW = "civil.view_entry"
REGISTER = "civil.register_entry"
AMEND = "civil.amend_entry"

# Said by xaso.places.selectors.commune_of when the actor keeps no commune's register.
NO_REGISTER = _("You do not keep a commune's civil-status register.")
