from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import Role
from xaso.core.dashboard import Card, Figure, register_card
from xaso.onestop import selectors as sel
from xaso.onestop.issuance import results_to_issue_for


def _queue(**params) -> str:
    return f"{reverse('onestop:queue')}?{urlencode(params)}"


def queue_figures(user) -> list[Figure]:
    """What each one-stop role has to do today in the queue: the officer receives and follows
    every dossier, the specialist their own, the leader approves; all of them watch deadlines."""
    counts = sel.queue_figures(user)
    roles = user.roles
    figures = []
    if Role.ONE_STOP_OFFICER in roles:
        figures += [
            Figure(_("to receive"), counts["new"], _queue(tab="new")),
            Figure(_("in progress"), counts["processing"], _queue(tab="processing")),
            Figure(_("awaiting supplement"), counts["supplement"], _queue(tab="supplement")),
            Figure(_("results to hand back"), counts["result"], _queue(tab="result")),
        ]
    if Role.SPECIALIST in roles:
        figures.append(
            Figure(_("assigned to you"), counts["mine"], _queue(tab="processing", assignee=user.pk))
        )
    if Role.COMMUNE_LEADER in roles:
        figures.append(Figure(_("awaiting your approval"), counts["approval"], _queue(tab="approval")))
    figures += [
        Figure(
            _("due today or next working day"),
            counts["due_soon"],
            _queue(tab=sel.ALL_TABS, due="due_soon"),
            "due",
        ),
        Figure(_("late"), counts["late"], _queue(tab=sel.ALL_TABS, due="late"), "late"),
    ]
    return figures


register_card(
    Card(
        title=_("Dossier queue"),
        url_name="onestop:queue",
        description=_("Dossiers to receive, assign, process, approve and hand back, with their deadlines."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.SPECIALIST, Role.COMMUNE_LEADER}),
        figures=queue_figures,
    )
)


def issue_figures(user) -> list[Figure]:
    """The clerk's one-stop work: signed results waiting for the commune's seal."""
    count = results_to_issue_for(user).order_by().count()
    return [
        Figure(
            _("signed results to issue"), count, reverse("onestop:results_to_issue"), "due" if count else ""
        )
    ]


register_card(
    Card(
        title=_("Results to issue"),
        url_name="onestop:results_to_issue",
        description=_("Results the leader has signed, waiting for the commune's seal and their number."),
        roles=frozenset({Role.CLERK}),
        figures=issue_figures,
    )
)
register_card(
    Card(
        title=_("Receive at the counter"),
        url_name="onestop:intake",
        description=_("File a dossier on a citizen's behalf and hand over the receipt."),
        roles=frozenset({Role.ONE_STOP_OFFICER}),
    )
)
register_card(
    Card(
        title=_("One-stop reports"),
        url_name="onestop:reports",
        description=_("Received, online and on-time shares, late dossiers, ratings; Excel export."),
        roles=frozenset({Role.ONE_STOP_OFFICER, Role.COMMUNE_LEADER, Role.PROVINCE_SUPERVISOR}),
    )
)
