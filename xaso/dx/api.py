"""dx in the JSON API: calculators, assessments (read, fill, submit, review) and rankings."""

from decimal import Decimal

from ninja import Router, Schema

from xaso.core.bounds import Id
from xaso.dx import calculators, selectors
from xaso.dx.services import assessments

router = Router(tags=["dx"])


class CalculatorOut(Schema):
    name: str
    kind: str
    title: str
    reads: str
    available: bool


class ValueOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    source: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    note: str
    review_status: str
    review_comment: str


class AssessmentOut(Schema):
    id: int
    commune: str
    year: int
    status: str
    score: Decimal | None
    level: str | None
    values: list[ValueOut]


class ValueIn(Schema):
    numerator: str | None = None
    denominator: str | None = None
    value: str | None = None
    comment: str = ""


class ReviewIn(Schema):
    decision: str
    comment: str = ""


class RankOut(Schema):
    rank: int | None
    commune: str
    name: str
    status: str | None
    score: Decimal | None
    level: str | None


def _assessment_out(a) -> dict:
    return {
        "id": a.pk,
        "commune": a.commune_id,
        "year": a.indicator_set.year,
        "status": a.status,
        "score": a.score,
        "level": a.level.code if a.level else None,
        "values": [
            {
                "id": v.pk,
                "code": v.indicator.code,
                "name": v.indicator.name,
                "kind": v.indicator.kind,
                "source": v.indicator.source,
                "numerator": v.numerator,
                "denominator": v.denominator,
                "value": v.value,
                "note": v.note,
                "review_status": v.review_status,
                "review_comment": v.review_comment,
            }
            for v in a.values.select_related("indicator")
        ],
    }


@router.get("/calculators", response=list[CalculatorOut])
def calculator_list(request):
    """Every automatic indicator xaso knows, and whether its data exists yet."""
    return [
        {"name": c.name, "kind": c.kind, "title": str(c.title), "reads": c.reads, "available": c.available}
        for c in sorted(calculators.REGISTRY.values(), key=lambda c: c.name)
    ]


@router.get("/assessments/{assessment_id}", response=AssessmentOut)
def assessment_detail(request, assessment_id: Id):
    return _assessment_out(selectors.assessment_for(request.user, assessment_id))


@router.put("/assessments/{assessment_id}/values/{value_id}", response=AssessmentOut)
def value_put(request, assessment_id: Id, value_id: Id, payload: ValueIn):
    a = selectors.assessment_for(request.user, assessment_id)
    value = selectors.value_for(request.user, a, value_id)
    assessments.assessment_value_save(
        actor=request.user,
        value=value,
        numerator=payload.numerator,
        denominator=payload.denominator,
        amount=payload.value,
        comment=payload.comment,
    )
    return _assessment_out(selectors.assessment_for(request.user, assessment_id))


@router.post("/assessments/{assessment_id}/submit", response=AssessmentOut)
def assessment_submit(request, assessment_id: Id):
    a = selectors.assessment_for(request.user, assessment_id)
    assessments.assessment_submit(actor=request.user, assessment=a)
    return _assessment_out(selectors.assessment_for(request.user, assessment_id))


@router.post("/assessments/{assessment_id}/values/{value_id}/review", response=AssessmentOut)
def value_review(request, assessment_id: Id, value_id: Id, payload: ReviewIn):
    a = selectors.assessment_for(request.user, assessment_id)
    value = selectors.value_for(request.user, a, value_id)
    assessments.assessment_value_review(
        actor=request.user, value=value, decision=payload.decision, comment=payload.comment
    )
    return _assessment_out(selectors.assessment_for(request.user, assessment_id))


@router.get("/sets/{set_id}/ranking", response=list[RankOut])
def ranking(request, set_id: Id):
    s = selectors.set_for(request.user, set_id)
    return [
        {
            "rank": r.rank,
            "commune": r.commune.code,
            "name": r.commune.name,
            "status": r.assessment.status if r.assessment else None,
            "score": r.assessment.score if r.assessment and r.rank else None,
            "level": r.assessment.level.code if r.assessment and r.assessment.level else None,
        }
        for r in selectors.ranking(s)
    ]
