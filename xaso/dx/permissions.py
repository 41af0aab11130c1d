"""The dx permission names and where they are checked. Each name is a permission of the table in
`xaso.accounts.roles.PERMISSIONS`; the check is core's (`xaso.core.permissions.holds/require`):
an assessment's permission is held in its commune, an indicator set's in its province, a plan's
in its commune or, for a province's own plan, in its province (`plan_place`). The workflow tables
(workflow.py) use these names as their roles."""

from django.utils.translation import gettext_lazy as _

from xaso.core.permissions import holds

FILL = "dx.fill_assessments"
REVIEW = "dx.review_assessments"
MANAGE_SETS = "dx.manage_sets"
MANAGE_PLANS = "dx.manage_plans"
MANAGE_TEAMS = "dx.manage_teams"
LOG_HELP = "dx.log_help"
# The commune's news on its portal is written by the staff who run its DX work: those who fill
# its assessment (the commune's staff; not a province supervisor, not a village head).
PUBLISH_NEWS = FILL

# The refusals, as `message=` of core's `require`.
ASSESSMENT_REFUSED = _("You cannot do this for this commune's assessment.")
PLAN_REFUSED = _("You cannot change this plan.")
NEWS_REFUSED = _("You cannot write news for this commune.")


def plan_place(plan) -> dict:
    """Where a plan's permission is held: its commune, or the province for a province's plan."""
    return {"commune": plan.commune} if plan.commune_id else {"province_code": plan.province_id}


def can_manage_plan(actor, plan) -> bool:
    """A commune's plan: its staff and its province's supervisors; a province's plan: its supervisors."""
    return holds(actor, MANAGE_PLANS, **plan_place(plan))
