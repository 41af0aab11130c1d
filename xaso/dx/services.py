"""Writes of the dx app: indicator sets, assessments and their review, digital teams, help logs."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community.selectors import household_named_in
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.tenancy import scope_of
from xaso.core.text import fold
from xaso.dx import calculators
from xaso.dx.files import MAX_FILES_PER_VALUE, evidence_check
from xaso.dx.models import (
    Assessment,
    AssessmentValue,
    DigitalTeam,
    Evidence,
    HelpAction,
    HelpLog,
    Indicator,
    IndicatorSet,
    Kind,
    Pillar,
    RecognitionLevel,
    ReviewStatus,
    SetStatus,
    Source,
    TeamMember,
    Training,
)
from xaso.dx.models import AssessmentStatus as S
from xaso.dx.scoring import measure_clean
from xaso.dx.scoring_db import assessment_scorecard, period_of
from xaso.dx.tasks import decision_pdf_render
from xaso.dx.workflow import ASSESSMENT_FLOW, COMMUNE_EDITABLE, FILL, REVIEW, UNDER_REVIEW, require

MANAGE_SETS = "dx.manage_sets"
MANAGE_TEAMS = "dx.manage_teams"
LOG_HELP = "dx.log_help"
DEFAULT_SET = Path(__file__).resolve().parent / "data" / "default_commune_set.json"


def _text(raw, limit: int) -> str:
    """Typed text as stored: no NUL characters (PostgreSQL refuses them), trimmed, bounded."""
    return str(raw or "").replace("\x00", "").strip()[:limit]


def _require_province(actor, perm: str, province_code: str, message: str) -> None:
    if not scope_of(actor, perm).reaches(commune_code="", province_code=province_code):
        raise NotAllowed(message)


def _require_commune(actor, perm: str, commune, message: str) -> None:
    if not scope_of(actor, perm).reaches(commune_code=commune.code, province_code=commune.province_id):
        raise NotAllowed(message)


# --- Indicator sets ---------------------------------------------------------------------------


def _require_set_editor(actor, indicator_set: IndicatorSet) -> None:
    _require_province(
        actor, MANAGE_SETS, indicator_set.province_id, _("You cannot edit this province's indicator sets.")
    )


def _require_draft(indicator_set: IndicatorSet) -> None:
    if not indicator_set.is_editable:
        raise Conflict(_("A published indicator set cannot be changed; copy it to a new year instead."))


def _clean_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput(_("Enter a year such as 2025."), field="year") from None
    if not 2020 <= year <= 2100:
        raise InvalidInput(_("Enter a year between 2020 and 2100."), field="year")
    return year


def default_set_data() -> dict:
    return json.loads(DEFAULT_SET.read_text(encoding="utf-8"))


def _load_items(indicator_set: IndicatorSet, data: dict) -> None:
    for position, item in enumerate(data["indicators"], start=1):
        Indicator.objects.create(
            indicator_set=indicator_set,
            position=position,
            code=item["code"],
            name=item["name"],
            pillar=item["pillar"],
            kind=item["kind"],
            target=Decimal(str(item["target"])),
            weight=item["weight"],
            mandatory=item["mandatory"],
            source=item["source"],
            calculator=item.get("calculator", ""),
            guidance=item.get("guidance", ""),
        )
    for level in data["levels"]:
        RecognitionLevel.objects.create(
            indicator_set=indicator_set,
            code=level["code"],
            name=level["name"],
            min_score=Decimal(str(level["min_score"])),
            requires_all_mandatory=level["requires_all_mandatory"],
            rank=level["rank"],
        )


def indicator_set_create(
    *, actor, province, year, name: str = "", with_defaults: bool = True
) -> IndicatorSet:
    """Start a province's set for a year, as a draft. Rules: province supervisors of that province;
    one set per province and year; filled from the shipped default commune set unless asked not to."""
    _require_province(actor, MANAGE_SETS, province.code, _("You cannot edit this province's indicator sets."))
    year = _clean_year(year)
    data = default_set_data()
    name = " ".join((name or "").split()) or data["name"]
    try:
        with transaction.atomic():
            indicator_set = IndicatorSet.objects.create(province=province, year=year, name=name[:200])
            if with_defaults:
                _load_items(indicator_set, data)
            audit_record(
                actor=actor,
                action="dx.set.create",
                target=indicator_set,
                summary=f"{name} {year}",
                changes={"province": province.code, "year": year, "defaults": with_defaults},
            )
    except IntegrityError:
        raise InvalidInput(
            _("This province already has an indicator set for that year."), field="year"
        ) from None
    return indicator_set


def indicator_set_copy(*, actor, source: IndicatorSet, year) -> IndicatorSet:
    """Copy a set (indicators and levels) to a new year as a draft. Rules: as for creating one."""
    _require_set_editor(actor, source)
    year = _clean_year(year)
    try:
        with transaction.atomic():
            copy = IndicatorSet.objects.create(
                province_id=source.province_id, year=year, name=source.name, copied_from=source
            )
            Indicator.objects.bulk_create(
                Indicator(
                    indicator_set=copy,
                    **{
                        f: getattr(ind, f)
                        for f in (
                            "code",
                            "name",
                            "pillar",
                            "kind",
                            "target",
                            "weight",
                            "mandatory",
                            "source",
                            "calculator",
                            "guidance",
                            "position",
                        )
                    },
                )
                for ind in source.indicators.all()
            )
            RecognitionLevel.objects.bulk_create(
                RecognitionLevel(
                    indicator_set=copy,
                    code=lv.code,
                    name=lv.name,
                    min_score=lv.min_score,
                    requires_all_mandatory=lv.requires_all_mandatory,
                    rank=lv.rank,
                )
                for lv in source.levels.all()
            )
            audit_record(
                actor=actor,
                action="dx.set.copy",
                target=copy,
                summary=f"{source.year} → {year}",
                changes={"from": source.pk, "year": year},
            )
    except IntegrityError:
        raise InvalidInput(
            _("This province already has an indicator set for that year."), field="year"
        ) from None
    return copy


def _clean_indicator(indicator_set: IndicatorSet, data: dict, *, current: Indicator | None) -> dict:
    code = "".join((data.get("code") or "").split()).upper()
    name = " ".join((data.get("name") or "").split())
    if not code or len(code) > 20:
        raise InvalidInput(_("Enter a short code (20 characters at most)."), field="code")
    if not name:
        raise InvalidInput(_("Enter the indicator's name."), field="name")
    if data.get("pillar") not in Pillar.values:
        raise InvalidInput(_("Choose a pillar from the list."), field="pillar")
    kind = data.get("kind")
    if kind not in Kind.values:
        raise InvalidInput(_("Choose a kind from the list."), field="kind")
    try:
        target = Decimal(str(data.get("target") if data.get("target") not in (None, "") else "0"))
    except InvalidOperation:
        raise InvalidInput(_("Enter a number."), field="target") from None
    if target < 0:
        raise InvalidInput(_("The target cannot be negative."), field="target")
    if kind == Kind.PERCENTAGE and target > 100:
        raise InvalidInput(_("A percentage target cannot be over 100."), field="target")
    if kind == Kind.YES_NO:
        target = Decimal(1)
    try:
        weight = int(data.get("weight") or 1)
    except (TypeError, ValueError):
        raise InvalidInput(_("The weight is a whole number from 1 to 100."), field="weight") from None
    if not 1 <= weight <= 100:
        raise InvalidInput(_("The weight is a whole number from 1 to 100."), field="weight")
    source = data.get("source") or Source.MANUAL
    if source not in Source.values:
        raise InvalidInput(_("Choose a source from the list."), field="source")
    calculator = (data.get("calculator") or "").strip() if source == Source.AUTOMATIC else ""
    if source == Source.AUTOMATIC:
        known = calculators.REGISTRY.get(calculator)
        if known is None:
            raise InvalidInput(_("Choose a calculator from the list."), field="calculator")
        if known.kind != kind:
            raise InvalidInput(_("This calculator gives a value of another kind."), field="calculator")
    clash = indicator_set.indicators.filter(code=code)
    if current is not None:
        clash = clash.exclude(pk=current.pk)
    if clash.exists():
        raise InvalidInput(_("Another indicator of this set has that code."), field="code")
    return {
        "code": code,
        "name": name[:300],
        "pillar": data["pillar"],
        "kind": kind,
        "target": target,
        "weight": weight,
        "mandatory": bool(data.get("mandatory")),
        "source": source,
        "calculator": calculator,
        "guidance": (data.get("guidance") or "").strip(),
    }


def indicator_save(
    *, actor, indicator_set: IndicatorSet, data: dict, indicator: Indicator | None = None
) -> Indicator:
    """Add or change an indicator of a draft set. Rules: set editors only; codes unique in the set;
    a percentage target is 0–100; an automatic indicator names a registered calculator of its kind."""
    _require_set_editor(actor, indicator_set)
    _require_draft(indicator_set)
    clean = _clean_indicator(indicator_set, data, current=indicator)
    with transaction.atomic():
        if indicator is None:
            last = indicator_set.indicators.order_by("-position").values_list("position", flat=True).first()
            indicator = Indicator.objects.create(
                indicator_set=indicator_set, position=(last or 0) + 1, **clean
            )
            action = "dx.indicator.create"
        else:
            for key, value in clean.items():
                setattr(indicator, key, value)
            indicator.save()
            action = "dx.indicator.update"
        audit_record(actor=actor, action=action, target=indicator, summary=indicator.code, changes=clean)
    return indicator


def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator from a draft set."""
    indicator_set = indicator.indicator_set
    _require_set_editor(actor, indicator_set)
    _require_draft(indicator_set)
    with transaction.atomic():
        audit_record(actor=actor, action="dx.indicator.delete", target=indicator, summary=indicator.code)
        indicator.delete()


def level_save(
    *,
    actor,
    indicator_set: IndicatorSet,
    code: str,
    name: str,
    min_score,
    requires_all_mandatory: bool,
    rank: int,
) -> RecognitionLevel:
    """Add or change a recognition level (by code) of a draft set. Rules: minimum score 0–100."""
    _require_set_editor(actor, indicator_set)
    _require_draft(indicator_set)
    code = "".join((code or "").split()).lower()
    if not code:
        raise InvalidInput(_("Enter a short code."), field="code")
    try:
        min_score = Decimal(str(min_score))
    except InvalidOperation:
        raise InvalidInput(_("Enter a number."), field="min_score") from None
    if not 0 <= min_score <= 100:
        raise InvalidInput(_("The minimum score is between 0 and 100."), field="min_score")
    with transaction.atomic():
        level, _created = RecognitionLevel.objects.update_or_create(
            indicator_set=indicator_set,
            code=code,
            defaults={
                "name": " ".join((name or code).split())[:100],
                "min_score": min_score,
                "requires_all_mandatory": requires_all_mandatory,
                "rank": rank,
            },
        )
        audit_record(
            actor=actor,
            action="dx.level.save",
            target=level,
            summary=level.name,
            changes={"min_score": min_score, "all_mandatory": requires_all_mandatory, "rank": rank},
        )
    return level


def indicator_set_publish(*, actor, indicator_set: IndicatorSet) -> IndicatorSet:
    """Publish a draft so communes can register. Rules: at least one indicator and one level."""
    _require_set_editor(actor, indicator_set)
    _require_draft(indicator_set)
    if not indicator_set.indicators.exists():
        raise InvalidInput(_("Add at least one indicator before publishing."))
    if not indicator_set.levels.exists():
        raise InvalidInput(_("Add at least one recognition level before publishing."))
    with transaction.atomic():
        indicator_set.status = SetStatus.PUBLISHED
        indicator_set.save(update_fields=["status"])
        audit_record(actor=actor, action="dx.set.publish", target=indicator_set, summary=str(indicator_set))
    return indicator_set


def indicator_set_make_public(*, actor, indicator_set: IndicatorSet, is_public: bool) -> IndicatorSet:
    """Switch the set's public transparency page (ranking of scores and levels) on or off."""
    _require_set_editor(actor, indicator_set)
    with transaction.atomic():
        indicator_set.is_public = bool(is_public)
        indicator_set.save(update_fields=["is_public"])
        audit_record(
            actor=actor,
            action="dx.set.public",
            target=indicator_set,
            summary=str(indicator_set),
            changes={"is_public": indicator_set.is_public},
        )
    return indicator_set


# --- Assessments ------------------------------------------------------------------------------


def assessment_register(*, actor, indicator_set: IndicatorSet, commune) -> Assessment:
    """A commune registers for the year (đăng ký thực hiện). Rules: commune staff; the set is
    published and belongs to the commune's province; once per commune and set."""
    _require_commune(actor, FILL, commune, _("You cannot register this commune."))
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
                action="dx.assessment.register",
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
        require(actor, FILL, assessment)
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
        value.comment = _text(comment, 2000)
        value.entered_by_commune = value.indicator.source == Source.AUTOMATIC
        if value.review_status == ReviewStatus.RETURNED:
            value.review_status = ReviewStatus.PENDING
        value.save()
        audit_record(
            actor=actor,
            action="dx.value.save",
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
        require(actor, FILL, assessment)
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
            action="dx.evidence.add",
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
        require(actor, FILL, assessment)
        _may_commune_edit(
            AssessmentValue.objects.select_related("indicator").get(pk=evidence.value_id), assessment
        )
        audit_record(
            actor=actor,
            action="dx.evidence.remove",
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


def _missing_before_submit(assessment: Assessment) -> list[str]:
    missing = []
    for value in assessment.values.select_related("indicator").prefetch_related("evidence"):
        typed = value.indicator.source == Source.MANUAL or value.entered_by_commune
        empty_mandatory = value.indicator.mandatory and not value.is_filled
        unbacked = typed and value.is_filled and not value.evidence.all()
        if empty_mandatory or unbacked:
            missing.append(value.indicator.code)
    return missing


def assessment_submit(*, actor, assessment: Assessment) -> Assessment:
    """Send the assessment to the province. Rules: commune staff; from registered or returned;
    every mandatory indicator filled and every typed value backed by evidence; automatic values
    are snapshotted and the score computed."""
    with transaction.atomic():
        assessment = _locked(assessment)
        require(actor, FILL, assessment)
        if assessment.status in COMMUNE_EDITABLE:
            _snapshot_automatic(assessment)
            missing = _missing_before_submit(assessment)
            if missing:
                raise InvalidInput(
                    _("Fill these indicators and attach their evidence before submitting: %(codes)s")
                    % {"codes": ", ".join(missing)}
                )
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
    comment = _text(comment, 2000)
    if decision == ReviewStatus.RETURNED and not comment:
        raise InvalidInput(_("Say what the commune should correct."), field="comment")
    with transaction.atomic():
        assessment = _locked(value.assessment)
        require(actor, REVIEW, assessment)
        if assessment.status not in UNDER_REVIEW:
            raise Conflict(_("Only a submitted assessment can be reviewed."))
        value = AssessmentValue.objects.select_related("indicator").get(pk=value.pk)
        value.review_status, value.review_comment = decision, comment[:2000]
        value.reviewed_by, value.reviewed_at = actor, timezone.now()
        value.save()
        audit_record(
            actor=actor,
            action="dx.value.review",
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
        require(actor, REVIEW, assessment)
        if assessment.status == S.SUBMITTED and not assessment.values.filter(
            review_status=ReviewStatus.RETURNED
        ):
            raise InvalidInput(_("Return at least one indicator with a comment first."))
        assessment, _event = ASSESSMENT_FLOW.apply(assessment, "return", actor=actor, note=_text(note, 2000))
    return assessment


def assessment_decide(
    *, actor, assessment: Assessment, decision_number: str = "", note: str = ""
) -> Assessment:
    """Decide on recognition: the level is the highest whose rules the accepted figures meet
    (none: not recognised). Rules: supervisors of the commune's province; every indicator
    accepted; the decision PDF is rendered after commit."""
    with transaction.atomic():
        assessment = _locked(assessment)
        require(actor, REVIEW, assessment)
        if assessment.status == S.SUBMITTED:
            open_codes = list(
                assessment.values.exclude(review_status=ReviewStatus.ACCEPTED).values_list(
                    "indicator__code", flat=True
                )
            )
            if open_codes:
                raise InvalidInput(
                    _("Accept every indicator before deciding (still open: %(codes)s).")
                    % {"codes": ", ".join(open_codes)}
                )
        card = assessment_scorecard(assessment)
        level = assessment.indicator_set.levels.filter(code=card.level).first() if card.level else None
        now = timezone.now()

        def update(obj, _old):
            obj.score, obj.summary, obj.level = card.score, card.as_summary(), level
            obj.decided_at, obj.decided_by = now, actor
            obj.decision_number = _text(decision_number, 40)
            obj.decision_note = _text(note, 2000)

        assessment, _event = ASSESSMENT_FLOW.apply(
            assessment,
            "recognise" if level else "refuse",
            actor=actor,
            note=_text(note, 2000),
            update=update,
            data={"score": str(card.score), "level": level.code if level else None},
        )
        assessment_id = assessment.pk
        transaction.on_commit(lambda: decision_pdf_render.enqueue(assessment_id))
    return assessment


# --- Community digital teams ------------------------------------------------------------------


def team_create(*, actor, commune, name: str, village=None, founded_on: date | None = None) -> DigitalTeam:
    """Set up a digital team for the commune or one of its villages. Rules: commune staff or the
    village head; one active team per village."""
    _require_commune(actor, MANAGE_TEAMS, commune, _("You cannot manage this commune's digital teams."))
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Enter the team's name."), field="name")
    if village is not None and village.commune_id != commune.code:
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    try:
        with transaction.atomic():
            team = DigitalTeam.objects.create(
                commune=commune, village=village, name=name[:150], founded_on=founded_on
            )
            audit_record(
                actor=actor, action="dx.team.create", target=team, commune_code=commune.code, summary=name
            )
    except IntegrityError:
        raise InvalidInput(_("This village already has an active digital team."), field="village") from None
    return team


def team_member_add(
    *, actor, team: DigitalTeam, full_name: str, phone: str = "", role: str = ""
) -> TeamMember:
    """Add a member to a team. Rules: as for managing teams."""
    _require_commune(actor, MANAGE_TEAMS, team.commune, _("You cannot manage this commune's digital teams."))
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput(_("Enter the member's full name."), field="full_name")
    phone = "".join(ch for ch in (phone or "") if ch.isdigit())
    if phone and not 9 <= len(phone) <= 11:
        raise InvalidInput(_("Enter a phone number of 10 digits."), field="phone")
    with transaction.atomic():
        member = TeamMember.objects.create(
            team=team, full_name=full_name[:150], phone=phone, role=role.strip()[:100]
        )
        audit_record(
            actor=actor,
            action="dx.member.add",
            target=member,
            commune_code=team.commune_id,
            summary=full_name,
        )
    return member


def training_record(*, actor, commune, held_on: date, topic: str, attendees) -> Training:
    """Record a training and who attended. Rules: attendees are members of the commune's teams."""
    _require_commune(actor, MANAGE_TEAMS, commune, _("You cannot manage this commune's digital teams."))
    topic = " ".join((topic or "").split())
    if not topic:
        raise InvalidInput(_("Enter the training's topic."), field="topic")
    if held_on is None or held_on > timezone.localdate():
        raise InvalidInput(_("Enter the date the training was held (not in the future)."), field="held_on")
    attendees = list(attendees)
    if any(m.team.commune_id != commune.code for m in attendees):
        raise InvalidInput(_("Attendees must be members of this commune's teams."), field="attendees")
    with transaction.atomic():
        training = Training.objects.create(commune=commune, held_on=held_on, topic=topic[:200])
        training.attendees.set(attendees)
        audit_record(
            actor=actor,
            action="dx.training.record",
            target=training,
            commune_code=commune.code,
            summary=topic,
            changes={"attendees": len(attendees)},
        )
    return training


def help_log(
    *,
    actor,
    commune,
    household: str,
    action: str,
    helped_on: date | None = None,
    village=None,
    team=None,
    household_ref: str = "",
    note: str = "",
) -> HelpLog:
    """Log one door-to-door help. Rules: team members, village heads and commune staff of the
    commune; the date is today or earlier (not over a year back); a household is named, one
    of the commune's list when it keeps one (community.selectors.household_named_in)."""
    _require_commune(actor, LOG_HELP, commune, _("You cannot log help in this commune."))
    household = " ".join(_text(household, 400).split())
    if not household:
        raise InvalidInput(
            _("Name the household (head of household and village, or its code)."), field="household"
        )
    if action not in HelpAction.values:
        raise InvalidInput(_("Choose what was done from the list."), field="action")
    today = timezone.localdate()
    helped_on = helped_on or today
    if helped_on > today or (today - helped_on).days > 366:
        raise InvalidInput(_("Enter a date within the last year, not in the future."), field="helped_on")
    if village is not None and village.commune_id != commune.code:
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    if team is not None and team.commune_id != commune.code:
        raise InvalidInput(_("Choose a team of this commune."), field="team")
    listed = household_named_in(commune, household, village=village)
    ref = listed.code if listed is not None else "".join((household_ref or "").split())[:40]
    with transaction.atomic():
        log = HelpLog.objects.create(
            commune=commune,
            team=team,
            village=village,
            household=household[:200],
            household_key=(f"ref:{ref}" if ref else f"{village.pk if village else ''}:{fold(household)}")[
                :200
            ],
            household_ref=ref,
            action=action,
            note=(note or "").strip()[:300],
            helped_on=helped_on,
            helper=actor,
        )
        audit_record(
            actor=actor, action="dx.help.log", target=log, commune_code=commune.code, summary=f"{action}"
        )
    return log
