"""Writes of assessments: registering, filling values and evidence, submitting, the province's
review and decision."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput
from xaso.core.permissions import require
from xaso.dx import calculators
from xaso.dx.files import MAX_FILES_PER_VALUE, evidence_check
from xaso.dx.models import (
    COMMUNE_EDITABLE,
    UNDER_REVIEW,
    Assessment,
    AssessmentValue,
    Evidence,
    IndicatorSet,
    ReviewStatus,
    SetStatus,
    Source,
)
from xaso.dx.models import AssessmentStatus as S
from xaso.dx.permissions import ASSESSMENT_REFUSED, FILL, REVIEW
from xaso.dx.scoring import measure_clean
from xaso.dx.scoring_db import assessment_scorecard, period_of
from xaso.dx.services.common import text_clean
from xaso.dx.workflow import ASSESSMENT_FLOW


def assessment_register(*, actor, indicator_set: IndicatorSet, commune) -> Assessment:
    """A commune registers for the year (đăng ký thực hiện). Rules: commune staff; the set is
    published and belongs to the commune's province; once per commune and set."""
    require(actor, FILL, commune=commune, message=_("You cannot register this commune."))
    if indicator_set.status != SetStatus.PUBLISHED:
        raise Conflict(_("This indicator set is not published yet."))
    if indicator_set.province_id != commune.province_id:
        raise InvalidInput(_("This indicator set belongs to another province."), field="indicator_set")
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(indicator_set=indicator_set, commune=commune)
            AssessmentValue.objects.bulk_create(
                AssessmentValue(assessment=assessment, indicator=ind)
                for ind in indicator_set.indicators.all()
            )
            audit_record(
                actor=actor,
                action="assessment.register",
                target=assessment,
                commune_code=commune.code,
                summary=str(indicator_set),
            )
    except IntegrityError:
        raise Conflict(_("This commune has already registered for this indicator set.")) from None
    return assessment


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update()
        .select_related("commune", "indicator_set")
        .get(pk=assessment.pk)
    )


def _may_commune_edit(value: AssessmentValue, assessment: Assessment) -> None:
    if assessment.status not in COMMUNE_EDITABLE:
        raise Conflict(_("The assessment was submitted: values can no longer be changed."))
    if assessment.status == S.RETURNED and value.review_status != ReviewStatus.RETURNED:
        raise Conflict(_("Only the indicators the province returned can be changed now."))
    if value.indicator.source == Source.AUTOMATIC:
        period = period_of(assessment)
        result = calculators.compute_one(value.indicator.calculator, assessment.commune_id, period)
        if result.has_data:
            raise Conflict(_("This indicator is computed by xaso and cannot be typed in."))


def assessment_value_save(
    *, actor, value: AssessmentValue, numerator=None, denominator=None, amount=None, comment: str = ""
) -> AssessmentValue:
    """Fill one indicator. Rules: commune staff; while registered (or, when returned, only the
    returned indicators); automatic indicators only when their calculator has no data; the value
    fits its kind (see scoring.measure_clean)."""
    with transaction.atomic():
        assessment = _locked(value.assessment)
        require(actor, FILL, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        value = AssessmentValue.objects.select_related("indicator").get(pk=value.pk)
        _may_commune_edit(value, assessment)
        measure = measure_clean(
            value.indicator.kind, numerator=numerator, denominator=denominator, value=amount
        )
        before = [value.numerator, value.denominator, value.value]
        value.numerator, value.denominator, value.value = (
            measure.numerator,
            measure.denominator,
            measure.value,
        )
        value.comment = text_clean(comment, 2000)
        value.entered_by_commune = value.indicator.source == Source.AUTOMATIC
        if value.review_status == ReviewStatus.RETURNED:
            value.review_status = ReviewStatus.PENDING
        value.save()
        audit_record(
            actor=actor,
            action="assessment_value.save",
            target=value,
            commune_code=assessment.commune_id,
            summary=value.indicator.code,
            changes={"before": before, "after": [measure.numerator, measure.denominator, measure.value]},
        )
    return value


def evidence_add(*, actor, value: AssessmentValue, upload) -> Evidence:
    """Attach an evidence file to an indicator. Rules: as for filling it; PDF, JPEG, PNG, Word or
    Excel by content; 10 MB and 10 files per indicator at most."""
    checked = evidence_check(upload)
    with transaction.atomic():
        assessment = _locked(value.assessment)
        require(actor, FILL, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        value = AssessmentValue.objects.select_related("indicator").get(pk=value.pk)
        _may_commune_edit(value, assessment)
        if value.evidence.count() >= MAX_FILES_PER_VALUE:
            raise InvalidInput(
                _("An indicator has %(n)d evidence files at most.") % {"n": MAX_FILES_PER_VALUE}, field="file"
            )
        name = checked.original_name or "evidence"
        evidence = Evidence.objects.create(
            value=value,
            file=checked.content(),
            original_name=name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=actor,
        )
        audit_record(
            actor=actor,
            action="evidence.add",
            target=evidence,
            commune_code=assessment.commune_id,
            summary=f"{value.indicator.code}: {name}",
            changes={"sha256": evidence.sha256, "size": evidence.size},
        )
    return evidence


def evidence_remove(*, actor, evidence: Evidence) -> None:
    """Remove an evidence file while the indicator may still be changed."""
    with transaction.atomic():
        assessment = _locked(evidence.value.assessment)
        require(actor, FILL, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        _may_commune_edit(
            AssessmentValue.objects.select_related("indicator").get(pk=evidence.value_id), assessment
        )
        audit_record(
            actor=actor,
            action="evidence.remove",
            target=evidence,
            commune_code=assessment.commune_id,
            summary=evidence.original_name,
        )
        evidence.file.delete(save=False)
        evidence.delete()


def _snapshot_automatic(assessment: Assessment) -> None:
    """Store what each calculator says now, so the review and the decision see fixed figures."""
    period = period_of(assessment)
    values = assessment.values.select_related("indicator").filter(indicator__source=Source.AUTOMATIC)
    for value in values:
        result = calculators.compute_one(value.indicator.calculator, assessment.commune_id, period)
        if result.has_data:
            m = result.measure
            value.numerator, value.denominator, value.value = m.numerator, m.denominator, m.value
            value.note, value.entered_by_commune = "", False
        elif not value.entered_by_commune:
            value.numerator = value.denominator = value.value = None
            value.note = result.note[:300]
        else:
            value.note = result.note[:300]
        value.save(
            update_fields=["numerator", "denominator", "value", "note", "entered_by_commune", "updated_at"]
        )


def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Send the assessment to the province. Rules: commune staff; from registered or returned;
    every mandatory indicator filled and every typed value backed by evidence; automatic values
    are snapshotted and the score computed."""
    with transaction.atomic():
        assessment = _locked(assessment)
        require(actor, FILL, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        if ASSESSMENT_FLOW.transition(assessment.status, "submit") is not None:
            # The figures the table's guard (every mandatory value, evidence) and the score read.
            _snapshot_automatic(assessment)
        card = assessment_scorecard(assessment)

        def update(obj, _old):
            obj.score, obj.summary, obj.submitted_at = card.score, card.as_summary(), timezone.now()

        assessment, _event = ASSESSMENT_FLOW.apply(
            assessment, "submit", actor=actor, update=update, data={"score": str(card.score)}
        )
    return assessment


def assessment_value_review(
    *, actor, value: AssessmentValue, decision: str, comment: str = ""
) -> AssessmentValue:
    """The province accepts an indicator or returns it with a comment. Rules: supervisors of the
    commune's province; only while the assessment is submitted; a return needs a comment."""
    if decision not in (ReviewStatus.ACCEPTED, ReviewStatus.RETURNED):
        raise InvalidInput(_("Accept or return the indicator."), field="decision")
    comment = text_clean(comment, 2000)
    if decision == ReviewStatus.RETURNED and not comment:
        raise InvalidInput(_("Say what the commune should correct."), field="comment")
    with transaction.atomic():
        assessment = _locked(value.assessment)
        require(actor, REVIEW, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        if assessment.status not in UNDER_REVIEW:
            raise Conflict(_("Only a submitted assessment can be reviewed."))
        value = AssessmentValue.objects.select_related("indicator").get(pk=value.pk)
        value.review_status, value.review_comment = decision, comment[:2000]
        value.reviewed_by, value.reviewed_at = actor, timezone.now()
        value.save()
        audit_record(
            actor=actor,
            action="assessment_value.review",
            target=value,
            commune_code=assessment.commune_id,
            summary=f"{value.indicator.code}: {decision}",
            changes={"decision": decision, "comment": comment},
        )
    return value


def assessment_return(*, actor, assessment: Assessment, note: str = "") -> Assessment:
    """Send the assessment back to the commune. Rules: at least one indicator returned."""
    with transaction.atomic():
        assessment = _locked(assessment)
        require(actor, REVIEW, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        assessment, _event = ASSESSMENT_FLOW.apply(
            assessment, "return", actor=actor, note=text_clean(note, 2000)
        )
    return assessment


def assessment_decide(
    *, actor, assessment: Assessment, decision_number: str = "", note: str = ""
) -> Assessment:
    """Decide on recognition: the level is the highest whose rules the accepted figures meet
    (none: not recognised). Rules: supervisors of the commune's province; every indicator
    accepted; the decision PDF is rendered after commit."""
    with transaction.atomic():
        assessment = _locked(assessment)
        require(actor, REVIEW, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        card = assessment_scorecard(assessment)
        level = assessment.indicator_set.levels.filter(code=card.level).first() if card.level else None
        now = timezone.now()

        def update(obj, _old):
            obj.score, obj.summary, obj.level = card.score, card.as_summary(), level
            obj.decided_at, obj.decided_by = now, actor
            obj.decision_number = text_clean(decision_number, 40)
            obj.decision_note = text_clean(note, 2000)

        assessment, _event = ASSESSMENT_FLOW.apply(
            assessment,
            "recognise" if level else "refuse",
            actor=actor,
            note=text_clean(note, 2000),
            update=update,
            data={"score": str(card.score), "level": level.code if level else None},
        )
    return assessment


def assessment_values_accept_pending(*, actor, assessment: Assessment) -> int:
    """Accept, in one go, every indicator of a submitted assessment the province has not
    reviewed yet (a returned one stays returned); returns how many. Rules: as
    `assessment_value_review`; one transaction, one audit entry per indicator."""
    with transaction.atomic():
        assessment = _locked(assessment)
        require(actor, REVIEW, commune=assessment.commune, message=ASSESSMENT_REFUSED)
        if assessment.status not in UNDER_REVIEW:
            raise Conflict(_("Only a submitted assessment can be reviewed."))
        pending = list(
            assessment.values.filter(review_status=ReviewStatus.PENDING).select_related("indicator")
        )
        now = timezone.now()
        for value in pending:
            value.review_status, value.reviewed_by, value.reviewed_at = ReviewStatus.ACCEPTED, actor, now
            value.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
            audit_record(
                actor=actor,
                action="assessment_value.review",
                target=value,
                commune_code=assessment.commune_id,
                summary=f"{value.indicator.code}: {ReviewStatus.ACCEPTED}",
                changes={"decision": ReviewStatus.ACCEPTED, "comment": "", "all_at_once": True},
            )
    return len(pending)


def assessment_return_with_comments(
    *, actor, assessment: Assessment, comments: dict[int, str], note: str = ""
) -> Assessment:
    """Return the assessment to the commune with a comment on each indicator to correct:
    every value given a comment is returned with it, then the assessment moves back through
    the workflow table. Rules: as `assessment_return`; at least one comment (or an indicator
    returned before); all or nothing."""
    cleaned = {int(pk): text_clean(text, 2000) for pk, text in comments.items()}
    cleaned = {pk: text for pk, text in cleaned.items() if text}
    with transaction.atomic():
        locked = _locked(assessment)
        values = {v.pk: v for v in locked.values.filter(pk__in=cleaned)}
        if set(cleaned) - set(values):
            raise InvalidInput(_("An indicator of another assessment was named."), field="comments")
        for pk, text in cleaned.items():
            assessment_value_review(
                actor=actor, value=values[pk], decision=ReviewStatus.RETURNED, comment=text
            )
        return assessment_return(actor=actor, assessment=locked, note=note)
