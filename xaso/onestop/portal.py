"""The one-stop shop's section of the commune portal (xaso.core.portal): the commune's own
procedure catalogue (the procedures it switched off left out), filing online, looking a dossier
up, and the citizen's own dossiers once signed in. Registered when the app is ready."""

from xaso.core.portal import Section, register_section
from xaso.onestop import selectors

PORTAL_PROCEDURES = 8


def services_context(request, commune) -> dict:
    procedures = selectors.procedures_search(commune=commune).only("code", "name", "field", "online_level")
    return {
        "procedures": list(procedures[:PORTAL_PROCEDURES]),
        "total": procedures.count(),
        "signed_in": request.user.is_authenticated,
    }


register_section(Section("services", "onestop/portal_services.html", services_context, order=10))
