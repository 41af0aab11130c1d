"""Demo data of digital transformation (a step of `xaso demo`, xaso.core.demo): the province's
indicator set for this year (from the default, published, its ranking public), the province's
TEST decision certificate, the demo commune's digital teams with members, trainings and help
logs, its plan with targets, and assessments: the demo commune's (recognised, the decision
signed) and a few neighbouring communes' (decided, or waiting for review), so the ranking has
rows. Through the app's services, after every other app's demo rows (the automatic indicators
are computed from them)."""

from datetime import timedelta
from decimal import Decimal

from xaso.accounts.models import Membership, User
from xaso.accounts.roles import Role
from xaso.community.models import Household
from xaso.core.demo import DemoContext, DemoStep, picture
from xaso.core.demo_names import person_name, phone_number
from xaso.core.errors import Conflict
from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.dx.demo import demo_news
from xaso.dx.models import (
    Assessment,
    AssessmentStatus,
    DigitalTeam,
    HelpAction,
    HelpLog,
    IndicatorSet,
    Kind,
    Plan,
    ReviewStatus,
)
from xaso.dx.services.assessments import (
    assessment_decide,
    assessment_register,
    assessment_submit,
    assessment_value_review,
    assessment_value_save,
    evidence_add,
)
from xaso.dx.services.decisions import decision_credential_demo_load, decision_sign
from xaso.dx.services.digital_teams import help_log, team_create, team_member_add, training_record
from xaso.dx.services.indicator_sets import (
    indicator_set_create,
    indicator_set_make_public,
    indicator_set_publish,
)
from xaso.dx.services.plans import objective_add, plan_create, target_add, target_figure_record, task_add
from xaso.places.models import Commune

NEIGHBOURS = 3  # communes of the province assessed beside the demo commune
# How well each assessed commune did: the share of each target it reaches.
STRENGTH = [Decimal("0.97"), Decimal("1"), Decimal("0.75"), Decimal("0.85")]


def _indicator_set(ctx: DemoContext) -> IndicatorSet:
    supervisor, province = ctx["users"]["sotinh"], ctx["commune"].province
    indicator_set = IndicatorSet.objects.filter(province=province, year=ctx.today.year).first()
    if indicator_set is None:
        indicator_set = indicator_set_create(actor=supervisor, province=province, year=ctx.today.year)
        indicator_set = indicator_set_publish(actor=supervisor, indicator_set=indicator_set)
        indicator_set = indicator_set_make_public(
            actor=supervisor, indicator_set=indicator_set, is_public=True
        )
    return indicator_set


def _teams(ctx: DemoContext) -> None:
    commune, users, rng = ctx["commune"], ctx["users"], ctx.rng
    leader, phones = users["lanhdao"], set()
    members = []
    for index, village in enumerate(ctx["villages"]):
        team = team_create(
            actor=leader,
            commune=commune,
            name=f"Tổ công nghệ số cộng đồng {village.name}",
            village=village,
            founded_on=ctx.today - timedelta(days=400 - index * 9),
        )
        names = [users["tocds"].full_name] if index == 0 else []
        names += [person_name(rng)[0] for _ in range(2 + index % 2)]
        for n, name in enumerate(names):
            role = "Tổ trưởng" if n == 0 else "Thành viên"
            members.append(
                team_member_add(
                    actor=leader, team=team, full_name=name, phone=phone_number(rng, phones), role=role
                )
            )
    for days, topic in (
        (150, "Kỹ năng hướng dẫn người dân dùng VNeID"),
        (45, "Thanh toán không dùng tiền mặt"),
    ):
        attendees = [m for m in members if rng.random() < 0.7]
        training_record(
            actor=leader,
            commune=commune,
            held_on=ctx.today - timedelta(days=days),
            topic=topic,
            attendees=attendees,
        )
    teams = {t.village_id: t for t in DigitalTeam.objects.filter(commune=commune)}
    households = list(Household.objects.filter(commune=commune).order_by("pk")[:60])
    actions = [
        HelpAction.EID,
        HelpAction.EID,
        HelpAction.PAYMENT_ACCOUNT,
        HelpAction.ONLINE_DOSSIER,
        HelpAction.ONLINE_SHOP,
    ]
    helper, villages = users["tocds"], {v.pk: v for v in ctx["villages"]}
    for n, household in enumerate(households):
        own = household.village_id == ctx["villages"][0].pk  # the member's own village
        help_log(
            actor=helper if own else leader,
            commune=commune,
            household=household.code,
            action=actions[n % len(actions)],
            helped_on=ctx.today - timedelta(days=rng.randint(0, 120)),
            village=villages[household.village_id],
            team=teams.get(household.village_id),
        )


def _plan(ctx: DemoContext) -> None:
    leader, year = ctx["users"]["lanhdao"], ctx.today.year
    plan = plan_create(
        actor=leader,
        commune=ctx["commune"],
        title=f"Kế hoạch chuyển đổi số xã Yên Định giai đoạn {year}-{year + 1}",
        year_from=year,
        year_to=year + 1,
    )
    objectives = {
        "Chính quyền số": [("Ký số 100% kết quả giải quyết thủ tục hành chính", "Văn phòng UBND", 60)],
        "Xã hội số": [
            ("Mỗi thôn có tổ công nghệ số cộng đồng hoạt động", "Đoàn Thanh niên", 30),
            ("Hướng dẫn người dân kích hoạt VNeID mức 2", "Công an xã", 200),
        ],
    }
    for title, tasks in objectives.items():
        objective = objective_add(actor=leader, plan=plan, title=title)
        for task, owner, days in tasks:
            task_add(
                actor=leader,
                objective=objective,
                title=task,
                owner=owner,
                deadline=ctx.today + timedelta(days=days),
            )
    for name, value, unit, figure in (
        ("Tỷ lệ hồ sơ trực tuyến toàn trình", 80, "%", 46),
        ("Tỷ lệ người trưởng thành có tài khoản thanh toán điện tử", 90, "%", 72),
        ("Số điểm thanh toán không dùng tiền mặt", 10, "điểm", 3),
    ):
        target = target_add(actor=leader, plan=plan, name=name, value=value, unit=unit, due_year=year + 1)
        target_figure_record(actor=leader, target=target, period=str(year), value=figure, source="Báo cáo xã")


def _officer(commune: Commune) -> User:
    """A commune officer of a neighbouring commune, who filled its assessment (no password:
    these accounts are not for signing in)."""
    username = f"canbo{commune.code}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username, None, full_name=f"Cán bộ {commune.name}")
    Membership.objects.get_or_create(user=user, role=Role.ONE_STOP_OFFICER, commune=commune)
    return user


def _fill(assessment: Assessment, actor, strength: Decimal) -> None:
    """Type every value xaso does not compute, at `strength` of its target, with its evidence."""
    for value in assessment.values.select_related("indicator").order_by("indicator__position", "pk"):
        indicator = value.indicator
        target = Decimal(indicator.target or 1)
        if indicator.kind == Kind.PERCENTAGE:
            kwargs = {"numerator": min(100, int(target * strength)), "denominator": 100}
        elif indicator.kind == Kind.COUNT:
            kwargs = {"amount": int(target * strength)}
        else:
            kwargs = {"amount": 1 if strength > Decimal("0.8") else 0}
        try:
            assessment_value_save(actor=actor, value=value, **kwargs)
        except Conflict:  # computed by xaso from the commune's own rows
            continue
        evidence = picture(f"Minh chung {indicator.code} {assessment.commune.name}", size=(160, 100))
        evidence_add(actor=actor, value=value, upload=evidence)


def _assess(ctx: DemoContext, indicator_set: IndicatorSet, commune: Commune, actor, strength, decide: bool):
    supervisor = ctx["users"]["sotinh"]
    assessment = assessment_register(actor=actor, indicator_set=indicator_set, commune=commune)
    _fill(assessment, actor, strength)
    assessment = assessment_submit(actor=actor, assessment=assessment)
    if not decide:
        return assessment
    for value in assessment.values.all():
        assessment_value_review(actor=supervisor, value=value, decision=ReviewStatus.ACCEPTED)
    number = f"{ctx.rng.randint(100, 999)}/QĐ-UBND"
    return assessment_decide(actor=supervisor, assessment=assessment, decision_number=number)


def demo_step(ctx: DemoContext) -> None:
    commune = ctx["commune"]
    indicator_set = _indicator_set(ctx)
    credential = decision_credential_demo_load()
    _teams(ctx)
    _plan(ctx)
    own = _assess(ctx, indicator_set, commune, ctx["users"]["lanhdao"], STRENGTH[0], decide=True)
    if own.status in (AssessmentStatus.RECOGNISED, AssessmentStatus.NOT_RECOGNISED):
        decision_sign(
            actor=ctx["users"]["sotinh"], assessment=own, credential=credential, secret=DEMO_PASSPHRASE
        )
    neighbours = (
        Commune.objects.filter(province=commune.province)
        .exclude(code=commune.code)
        .order_by("code")[:NEIGHBOURS]
    )
    for index, neighbour in enumerate(neighbours, start=1):
        _assess(
            ctx, indicator_set, neighbour, _officer(neighbour), STRENGTH[index], decide=index < NEIGHBOURS
        )
        ctx.communes.add(neighbour.code)
    ctx.communes.add(commune.code)
    ctx.lines.append(f"TEST certificates (no legal value), passphrase: {DEMO_PASSPHRASE}")
    ctx.lines.append(f"  province decisions: {credential.label} (sotinh)")


def foreign(mine: set[str]) -> dict[str, int]:
    return {
        "DX assessments": Assessment.objects.exclude(commune_id__in=mine).count(),
        "digital teams": DigitalTeam.objects.exclude(commune_id__in=mine).count(),
        "help logs": HelpLog.objects.exclude(commune_id__in=mine).count(),
        "plans": Plan.objects.exclude(commune_id__in=mine).exclude(commune__isnull=True).count(),
    }


DEMO_STEP = DemoStep("dx", demo_step, order=70, foreign=foreign)


def news_step(ctx: DemoContext) -> None:
    """The news of the demo commune's "Chuyển đổi số" section, before the assessment that counts
    them (indicator XH3)."""
    demo_news(ctx["commune"], today=ctx.today)
    ctx.communes.add(ctx["commune"].code)


NEWS_STEP = DemoStep("dx_news", news_step, order=65)
