"""Writes of indicator sets: a province's set per year, its indicators and levels, publishing."""

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput
from xaso.core.permissions import require
from xaso.dx import calculators
from xaso.dx.models import Indicator, IndicatorSet, Kind, Pillar, RecognitionLevel, Source
from xaso.dx.permissions import MANAGE_SETS
from xaso.dx.workflow import SET_FLOW

DEFAULT_SET = Path(__file__).resolve().parents[1] / "data" / "default_commune_set.json"


EDITORS_ONLY = gettext_lazy("You cannot edit this province's indicator sets.")


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
    require(actor, MANAGE_SETS, province_code=province.code, message=EDITORS_ONLY)
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
                action="indicator_set.create",
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
    require(actor, MANAGE_SETS, province_code=source.province_id, message=EDITORS_ONLY)
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
                action="indicator_set.copy",
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
    require(actor, MANAGE_SETS, province_code=indicator_set.province_id, message=EDITORS_ONLY)
    _require_draft(indicator_set)
    clean = _clean_indicator(indicator_set, data, current=indicator)
    with transaction.atomic():
        if indicator is None:
            last = indicator_set.indicators.order_by("-position").values_list("position", flat=True).first()
            indicator = Indicator.objects.create(
                indicator_set=indicator_set, position=(last or 0) + 1, **clean
            )
            action = "indicator.create"
        else:
            for key, value in clean.items():
                setattr(indicator, key, value)
            indicator.save()
            action = "indicator.update"
        audit_record(actor=actor, action=action, target=indicator, summary=indicator.code, changes=clean)
    return indicator


def indicator_delete(*, actor, indicator: Indicator) -> None:
    """Remove an indicator from a draft set."""
    indicator_set = indicator.indicator_set
    require(actor, MANAGE_SETS, province_code=indicator_set.province_id, message=EDITORS_ONLY)
    _require_draft(indicator_set)
    with transaction.atomic():
        audit_record(actor=actor, action="indicator.delete", target=indicator, summary=indicator.code)
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
    require(actor, MANAGE_SETS, province_code=indicator_set.province_id, message=EDITORS_ONLY)
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
            action="recognition_level.save",
            target=level,
            summary=level.name,
            changes={"min_score": min_score, "all_mandatory": requires_all_mandatory, "rank": rank},
        )
    return level


def indicator_set_publish(*, actor, indicator_set: IndicatorSet) -> IndicatorSet:
    """Publish a draft so communes can register. Rules: at least one indicator and one level
    (the table's guard, workflow.SET_FLOW)."""
    require(actor, MANAGE_SETS, province_code=indicator_set.province_id, message=EDITORS_ONLY)
    _require_draft(indicator_set)
    indicator_set, _event = SET_FLOW.apply(indicator_set, "publish", actor=actor, note=str(indicator_set))
    return indicator_set


def indicator_set_make_public(*, actor, indicator_set: IndicatorSet, is_public: bool) -> IndicatorSet:
    """Switch the set's public transparency page (ranking of scores and levels) on or off."""
    require(actor, MANAGE_SETS, province_code=indicator_set.province_id, message=EDITORS_ONLY)
    with transaction.atomic():
        indicator_set.is_public = bool(is_public)
        indicator_set.save(update_fields=["is_public"])
        audit_record(
            actor=actor,
            action="indicator_set.make_public",
            target=indicator_set,
            summary=str(indicator_set),
            changes={"is_public": indicator_set.is_public},
        )
    return indicator_set
