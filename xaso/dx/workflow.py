"""The assessment workflow as a table run by the core engine (`xaso.core.workflow`).

registered ─submit→ submitted ─recognise→ recognised
                       │      └─refuse──→ not_recognised
                       └─return→ returned ─submit→ submitted

Roles are "commune" (holds dx.fill_assessments in the assessment's commune) and "province"
(holds dx.review_assessments there: the supervisors of the commune's province).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.errors import NotAllowed
from xaso.core.tenancy import scope_of
from xaso.core.workflow import Transition, Workflow
from xaso.dx.models import Assessment, AssessmentEvent
from xaso.dx.models import AssessmentStatus as S

FILL = "dx.fill_assessments"
REVIEW = "dx.review_assessments"

# The commune may change values only in these states.
COMMUNE_EDITABLE = frozenset({S.REGISTERED, S.RETURNED})
# The province reviews values only in this state.
UNDER_REVIEW = frozenset({S.SUBMITTED})
DECIDED = frozenset({S.RECOGNISED, S.NOT_RECOGNISED})

COMMUNE, PROVINCE = "commune", "province"

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.REGISTERED, "submit"): Transition(S.SUBMITTED, roles={COMMUNE}, label=gettext_lazy("Submit")),
    (S.RETURNED, "submit"): Transition(S.SUBMITTED, roles={COMMUNE}, label=gettext_lazy("Submit")),
    (S.SUBMITTED, "return"): Transition(S.RETURNED, roles={PROVINCE}, label=gettext_lazy("Return")),
    (S.SUBMITTED, "recognise"): Transition(S.RECOGNISED, roles={PROVINCE}, label=gettext_lazy("Recognise")),
    (S.SUBMITTED, "refuse"): Transition(S.NOT_RECOGNISED, roles={PROVINCE}, label=gettext_lazy("Refuse")),
}


def can(actor, perm: str, assessment: Assessment) -> bool:
    commune = assessment.commune
    return scope_of(actor, perm).reaches(commune_code=commune.code, province_code=commune.province_id)


def require(actor, perm: str, assessment: Assessment) -> None:
    if not can(actor, perm, assessment):
        raise NotAllowed(_("You cannot do this for this commune's assessment."))


def assessment_roles(actor, assessment: Assessment) -> set[str]:
    roles = set()
    if can(actor, FILL, assessment):
        roles.add(COMMUNE)
    if can(actor, REVIEW, assessment):
        roles.add(PROVINCE)
    return roles


ASSESSMENT_FLOW = Workflow(
    name="dx.assessment",
    statuses=S,
    transitions=TRANSITIONS,
    roles_of=assessment_roles,
    event_model=AssessmentEvent,
    event_subject="assessment",
    commune_of=lambda a: a.commune_id,
)
