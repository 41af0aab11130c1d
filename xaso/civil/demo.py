"""`xaso demo`: the demo commune's civil-status register — births of this year and the last
(some registered after the 60 days, for the completeness table), deaths, marriages, a
recognition, and one birth corrected by a decision (the entry's history)."""

from datetime import date, timedelta

from django.db.models import Count

from xaso.civil.models import EntryKind, RegisterEntry
from xaso.civil.services.entries import entry_amend, entry_register
from xaso.core.demo import DemoContext, DemoStep
from xaso.core.demo_names import person_name, personal_id

BIRTHS = 24


def _years_before(day: date, years: int) -> date:
    return date(day.year - years, day.month, min(day.day, 28))


DEATHS = 4
MARRIAGES = 3


def _births(ctx: DemoContext, officer, rng) -> list[RegisterEntry]:
    made = []
    for n in range(BIRTHS):
        registered_on = ctx.today - timedelta(days=4 + n * 15)
        # One in five is registered after the legal 60 days.
        born = registered_on - timedelta(days=rng.randint(70, 200) if n % 5 == 4 else rng.randint(3, 55))
        father, _ = person_name(rng, "M")
        mother, _ = person_name(rng, "F")
        child, sex = person_name(rng, surname=father.split()[0])
        village = ctx["villages"][n % len(ctx["villages"])]
        made.append(
            entry_register(
                actor=officer,
                commune=ctx["commune"],
                kind=EntryKind.BIRTH,
                registered_on=registered_on,
                village=village,
                data={
                    "name": child,
                    "birth_date": born,
                    "sex": sex,
                    "place": f"Trạm y tế {ctx['commune'].name}",
                    "father_name": father,
                    "mother_name": mother,
                    "details": {
                        "ethnicity": "Kinh",
                        "declarant_name": mother,
                        "declarant_relationship": "Mẹ",
                        "declarant_address": f"{village.name}, {ctx['commune'].name}",
                    },
                },
            )
        )
    return made


def _others(ctx: DemoContext, officer, rng) -> None:
    commune = ctx["commune"]
    for n in range(DEATHS):
        registered_on = ctx.today - timedelta(days=10 + n * 40)
        name, _sex = person_name(rng)
        entry_register(
            actor=officer,
            commune=commune,
            kind=EntryKind.DEATH,
            registered_on=registered_on,
            village=ctx["villages"][n % len(ctx["villages"])],
            data={
                "name": name,
                "birth_date": _years_before(registered_on, rng.randint(60, 90)),
                "event_date": registered_on - timedelta(days=rng.randint(1, 10)),
                "place": f"{ctx['villages'][n % len(ctx['villages'])].name}, {commune.name}",
                "details": {"death_cause": "Bệnh già"},
            },
        )
    for n in range(MARRIAGES):
        registered_on = ctx.today - timedelta(days=20 + n * 60)
        husband, _ = person_name(rng, "M")
        wife, _ = person_name(rng, "F")
        husband_born = _years_before(registered_on, rng.randint(23, 32))
        wife_born = _years_before(registered_on, rng.randint(21, 30))
        entry_register(
            actor=officer,
            commune=commune,
            kind=EntryKind.MARRIAGE,
            registered_on=registered_on,
            data={
                "name": husband,
                "birth_date": husband_born,
                "other_name": wife,
                "other_birth_date": wife_born,
                "details": {
                    "husband_personal_id": personal_id(rng, "M", husband_born.year),
                    "wife_personal_id": personal_id(rng, "F", wife_born.year),
                },
            },
        )
    child, _ = person_name(rng)
    father, _ = person_name(rng, "M")
    entry_register(
        actor=officer,
        commune=commune,
        kind=EntryKind.RECOGNITION,
        registered_on=ctx.today - timedelta(days=35),
        data={
            "name": child,
            "birth_date": _years_before(ctx.today, 3),
            "other_name": father,
            "details": {"relation": "Cha", "declarant_name": father},
        },
    )


def demo_step(ctx: DemoContext) -> None:
    officer, rng = ctx["users"]["chuyenvien"], ctx.rng
    births = _births(ctx, officer, rng)
    _others(ctx, officer, rng)
    corrected = births[1]
    entry_amend(
        actor=ctx["users"]["lanhdao"],
        entry=corrected,
        changes={"place": f"Bệnh viện Đa khoa huyện, {ctx['commune'].name}"},
        reason="Cải chính nơi sinh theo giấy chứng sinh.",
        decision=f"Quyết định số 15/QĐ-UBND ngày {ctx.today:%d/%m/%Y}",
    )
    ctx.communes.add(ctx["commune"].code)
    ctx.lines.append(f"  sổ hộ tịch: {RegisterEntry.objects.filter(commune=ctx['commune']).count()} mục")


def foreign(mine: set[str]) -> dict[str, int]:
    rows = RegisterEntry.objects.exclude(commune_id__in=mine).aggregate(n=Count("pk"))["n"]
    return {"register entries": rows}


DEMO_STEP = DemoStep("civil", demo_step, order=65, foreign=foreign)
