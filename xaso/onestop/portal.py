"""The one-stop shop's section of the commune portal (xaso.core.portal): the commune's own
procedure catalogue (the procedures it switched off left out), filing online, looking a dossier
up, and the citizen's own dossiers once signed in. Registered when the app is ready."""

from django.db.models import Case, IntegerField, Value, When

from xaso.core.portal import Section, register_section
from xaso.onestop import selectors
from xaso.onestop.models import ProcedureField

PORTAL_PROCEDURES = 8


def services_context(request, commune) -> dict:
    procedures = selectors.procedures_search(commune=commune).only("code", "name", "field", "online_level")
    # The fields in the order they are declared (civil status first: births, marriages, deaths
    # are what most people come for), not alphabetically by their codes.
    rank = Case(
        *(When(field=value, then=Value(i)) for i, value in enumerate(ProcedureField.values)),
        default=Value(len(ProcedureField.values)),
        output_field=IntegerField(),
    )
    return {
        "procedures": list(procedures.order_by(rank, "name")[:PORTAL_PROCEDURES]),
        "total": procedures.count(),
        "signed_in": request.user.is_authenticated,
    }


register_section(Section("services", "onestop/portal_services.html", services_context, order=10))
