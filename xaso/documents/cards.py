from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, Figure, register_card
from xaso.documents.models import Direction, DocumentStatus
from xaso.documents.registry.selectors import registry_figures
from xaso.documents.signing.expiry import expiring_credentials


def _registry(**params) -> str:
    return f"{reverse('documents:registry')}?{urlencode(params)}"


def document_figures(user) -> list[Figure]:
    """The clerk registers and issues, the leader signs; everyone watches what is overdue."""
    counts = registry_figures(user)
    roles = user.roles
    figures = []
    if roles & {Role.CLERK, Role.COMMUNE_LEADER}:
        figures.append(
            Figure(
                _("incoming to assign"),
                counts["to_assign"],
                _registry(direction=Direction.INCOMING, status=DocumentStatus.REGISTERED),
            )
        )
    if Role.COMMUNE_LEADER in roles:
        figures.append(
            Figure(
                _("outgoing to sign"),
                counts["to_sign"],
                _registry(direction=Direction.OUTGOING, status=DocumentStatus.IN_REVIEW),
            )
        )
    if Role.CLERK in roles:
        figures.append(
            Figure(
                _("outgoing to issue"),
                counts["to_issue"],
                _registry(direction=Direction.OUTGOING, status=DocumentStatus.SIGNED),
            )
        )
    figures.append(Figure(_("past their deadline"), counts["overdue"], _registry(overdue="on"), "late"))
    return figures


register_card(
    Card(
        title=_("Official documents"),
        url_name="documents:registry",
        description=_("Incoming and outgoing documents: register, assign, sign, issue, search."),
        roles=frozenset({Role.CLERK, Role.COMMUNE_LEADER, Role.SPECIALIST, Role.ONE_STOP_OFFICER}),
        figures=document_figures,
    )
)

register_card(
    Card(
        title=_("Meetings"),
        url_name="documents:meetings",
        description=_("Paperless meetings: agenda, documents, invitations with one QR code, signed minutes."),
        roles=frozenset({Role.CLERK, Role.COMMUNE_LEADER, Role.SPECIALIST, Role.ONE_STOP_OFFICER}),
    )
)


def certificate_figures(user) -> list[Figure]:
    """Certificates the viewer looks after that expire within the warning window."""
    return [
        Figure(
            _("certificates expiring within 30 days"),
            expiring_credentials(user).count(),
            reverse("documents:certificates"),
            "due",
        )
    ]


register_card(
    Card(
        title=_("Signing certificates"),
        url_name="documents:certificates",
        description=_("Enrol a certificate (file, USB token, remote signing) and see when each expires."),
        roles=frozenset({Role.CLERK, Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN}),
        figures=certificate_figures,
    )
)
