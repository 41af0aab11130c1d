from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.accounts.roles import COMMUNE_STAFF, Role
from xaso.core.dashboard import Card, Figure, register_card
from xaso.dx import figures


def assessment_figures(user) -> list[Figure]:
    """This year's assessment of the commune (what is left to fill, what the province sent back)
    and the commune plan's tasks falling due."""
    year = timezone.localdate().year
    assessment = figures.assessment_of_year(user, year)
    if assessment is None:
        to_register = figures.sets_to_register(user, year)
        shown = [Figure(_("indicator sets to register for"), to_register, reverse("dx:home"), "due")]
    else:
        sheet = reverse("dx:assessment", args=[assessment.pk])
        shown = [Figure(_("indicators still to fill"), assessment.to_fill, sheet, "due")]
        if assessment.returned:
            shown.append(Figure(_("values returned by the province"), assessment.returned, sheet, "late"))
    tasks = figures.plan_task_figures(user)
    plan = reverse("dx:plan", args=[tasks["plan"]]) if tasks["plan"] else reverse("dx:plans")
    return shown + [
        Figure(_("plan tasks due within 14 days"), tasks["due"], plan, "due"),
        Figure(_("plan tasks late"), tasks["late"], plan, "late"),
    ]


def team_figures(user) -> list[Figure]:
    counts = figures.team_figures(user)
    return [
        Figure(_("help logged this month"), counts["helped"], reverse("dx:help") + "?month=this"),
        Figure(_("villages without a team"), counts["without_team"], reverse("dx:teams"), "due"),
    ]


def province_figures(user) -> list[Figure]:
    """For the latest published set of each province reviewed: assessments waiting for review
    and communes that have not submitted, each landing on the ranking filtered that way."""
    shown = []
    for row in figures.province_set_figures(user):
        ranking = reverse("dx:ranking", args=[row.indicator_set.pk])
        year = row.indicator_set.year
        shown += [
            Figure(
                _("assessments of %(year)s waiting for review") % {"year": year},
                row.submitted,
                f"{ranking}?show=submitted",
                "due",
            ),
            Figure(
                _("communes that have not submitted for %(year)s") % {"year": year},
                row.not_submitted,
                f"{ranking}?show=not_submitted",
            ),
        ]
    return shown or [Figure(_("indicator sets published"), 0, reverse("dx:province"), "due")]


register_card(
    Card(
        title=_("Digital transformation assessment"),
        url_name="dx:home",
        description=_("Register for the year, fill the indicators with evidence, follow the score."),
        roles=frozenset(COMMUNE_STAFF),
        figures=assessment_figures,
    )
)
register_card(
    Card(
        title=_("Community digital teams"),
        url_name="dx:teams",
        description=_("Teams, members, trainings and door-to-door help."),
        roles=frozenset(COMMUNE_STAFF | {Role.VILLAGE_HEAD, Role.DIGITAL_TEAM_MEMBER}),
        figures=team_figures,
    )
)
register_card(
    Card(
        title=_("Indicator sets and assessments"),
        url_name="dx:province",
        description=_("Publish the indicator set, review communes' assessments, rank and recognise them."),
        roles=frozenset({Role.PROVINCE_SUPERVISOR}),
        figures=province_figures,
    )
)
