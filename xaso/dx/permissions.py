"""The dx permissions and the checks built on them. Each name is a permission of the table in
`xaso.accounts.roles.PERMISSIONS`; an actor holds it over an object when `scope_of(actor, perm)`
reaches the object's commune (or, for a province's object, its province). The workflow tables
(workflow.py) use these names as their roles; services, selectors and views ask the same checks."""

from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed
from xaso.core.tenancy import scope_of

FILL = "dx.fill_assessments"
REVIEW = "dx.review_assessments"
MANAGE_SETS = "dx.manage_sets"
MANAGE_PLANS = "dx.manage_plans"
MANAGE_TEAMS = "dx.manage_teams"
LOG_HELP = "dx.log_help"


def held_over(actor, perms, *, commune_code: str, province_code: str) -> set[str]:
    """Which of `perms` the actor holds over an object of this commune ("" for a province's own)."""
    return {
        perm
        for perm in perms
        if scope_of(actor, perm).reaches(commune_code=commune_code, province_code=province_code)
    }


def require_in_province(actor, perm: str, province_code: str, message: str) -> None:
    if not held_over(actor, {perm}, commune_code="", province_code=province_code):
        raise NotAllowed(message)


def require_in_commune(actor, perm: str, commune, message: str) -> None:
    if not held_over(actor, {perm}, commune_code=commune.code, province_code=commune.province_id):
        raise NotAllowed(message)


# --- assessments ------------------------------------------------------------------------------


def can(actor, perm: str, assessment) -> bool:
    commune = assessment.commune
    return bool(held_over(actor, {perm}, commune_code=commune.code, province_code=commune.province_id))


def require(actor, perm: str, assessment) -> None:
    if not can(actor, perm, assessment):
        raise NotAllowed(_("You cannot do this for this commune's assessment."))


# --- plans ------------------------------------------------------------------------------------


def can_manage_plan(actor, plan) -> bool:
    """A commune's plan: its staff and its province's supervisors; a province's plan: its supervisors."""
    return bool(
        held_over(actor, {MANAGE_PLANS}, commune_code=plan.commune_id or "", province_code=plan.province_id)
    )


def require_plan_manager(actor, plan) -> None:
    if not can_manage_plan(actor, plan):
        raise NotAllowed(_("You cannot change this plan."))
