"""Demo data of the one-stop shop (a step of `xaso demo`, xaso.core.demo): dossiers in every
status of the lifecycle over the last months, filed at the counter and online, moved through the
workflow engine by the demo officers (`dossier_act`); some late (flagged, a few with an apology
letter), fees paid in cash at the counter or by VietQR transfer (a bank statement imported),
a few rated, one result signed with the leader's TEST certificate. The engine runs today: once
a dossier has its last status, its dates are moved back to when the demo says it was filed."""

import csv
import io
from datetime import timedelta

from django.db.models import Count

from xaso.accounts.models import CitizenProfile
from xaso.core.calendar import WorkingCalendar, day_start
from xaso.core.demo import DemoContext, DemoStep
from xaso.core.demo_names import house_address, person_name, personal_id, phone_number
from xaso.core.spreadsheets import csv_writerow
from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.documents.models import SigningCredential
from xaso.onestop.effects import code_allocate
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.results import dossier_result_sign
from xaso.onestop.services.counter import counter_profile_create, dossier_receive_at_counter
from xaso.onestop.services.deadlines import dossiers_flag_late
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.ratings import dossier_rate
from xaso.payments.models import PaymentRequest
from xaso.payments.selectors import collection_account_active
from xaso.payments.services import payment_request_pay_cash, statement_import

S = Status
# The actions (and who takes them) that bring a received dossier to each status.
TO_APPROVAL = ["assign", "start", "propose"]
PATHS = {
    S.RECEIVED: [],
    S.ASSIGNED: ["assign"],
    S.PROCESSING: ["assign", "start"],
    S.SUPPLEMENT_REQUESTED: ["assign", "start", "request_supplement"],
    S.RESUBMITTED: ["assign", "start", "request_supplement", "resubmit"],
    S.AWAITING_APPROVAL: TO_APPROVAL,
    S.APPROVED: [*TO_APPROVAL, "approve"],
    S.REJECTED: [*TO_APPROVAL, "reject"],
    S.RESULT_READY: [*TO_APPROVAL, "approve", "result_ready"],
    S.DELIVERED: [*TO_APPROVAL, "approve", "result_ready", "pay", "deliver"],
    S.CANCELLED: ["cancel"],
}
ACTORS = {
    "assign": "motcua",
    "start": "chuyenvien",
    "request_supplement": "chuyenvien",
    "resubmit": "motcua",
    "propose": "chuyenvien",
    "approve": "lanhdao",
    "reject": "lanhdao",
    "result_ready": "motcua",
    "deliver": "motcua",
    "cancel": "motcua",
}
NOTES = {
    "request_supplement": "Đề nghị bổ sung bản sao giấy tờ tùy thân còn hạn.",
    "reject": "Hồ sơ không đủ điều kiện theo quy định.",
    "cancel": "Hồ sơ tiếp nhận nhầm thủ tục.",
}
# Status at the end, how many, filed how many days ago (from, to): counter dossiers.
PLAN = [
    (S.DELIVERED, 22, (20, 120)),
    (S.RESULT_READY, 4, (6, 20)),
    (S.APPROVED, 2, (4, 10)),
    (S.REJECTED, 2, (15, 60)),
    (S.AWAITING_APPROVAL, 3, (2, 8)),
    (S.PROCESSING, 5, (1, 25)),  # the older ones are late
    (S.SUPPLEMENT_REQUESTED, 2, (3, 10)),
    (S.RESUBMITTED, 2, (5, 12)),
    (S.ASSIGNED, 3, (0, 4)),
    (S.RECEIVED, 3, (0, 1)),
    (S.CANCELLED, 1, (30, 60)),
]
PROCEDURES = {
    "xac-nhan-tinh-trang-hon-nhan": {"purpose": "ket_hon"},
    "chung-thuc-chu-ky": {"document_name": "Giấy ủy quyền"},
    "xac-nhan-ho-nong-nghiep": {"members": "4"},
    "dang-ky-tam-tru": {"stay_address": "Thôn Phú Lâm, xã Yên Định"},
    "dang-ky-ho-kinh-doanh": {
        "business_name": "Hộ kinh doanh Tạp hóa Minh An",
        "business_address": "Thôn Quan Trung, xã Yên Định",
        "business_line": "Bán lẻ tạp hóa",
        "capital": "50000000",
    },
}
CITIZEN = "0912345678"


def _form(procedure: Procedure, profile: CitizenProfile, rng) -> dict:
    data = dict(PROCEDURES[procedure.code])
    data.update(
        applicant_name=profile.full_name,
        applicant_personal_id=profile.personal_id or personal_id(rng, "M", 1980),
        applicant_phone=profile.phone or "0912000001",
        applicant_address=profile.address or "xã Yên Định",
    )
    fields = {f["name"] for f in procedure.form}
    return {k: v for k, v in data.items() if k in fields}


def _profiles(ctx: DemoContext, count: int) -> list[CitizenProfile]:
    """Counter profiles of people who came to the desk (a name, a phone, an id number, the address)."""
    officer, rng, commune = ctx["users"]["motcua"], ctx.rng, ctx["commune"]
    phones: set[str] = {CITIZEN}
    profiles = []
    for n in range(count):
        name, sex = person_name(rng)
        village = ctx["villages"][n % len(ctx["villages"])]
        profiles.append(
            counter_profile_create(
                actor=officer,
                commune=commune,
                full_name=name,
                phone=phone_number(rng, phones),
                personal_id=personal_id(rng, sex, rng.randint(1950, 2000)),
                address=house_address(rng, village.name, commune.name),
            )
        )
    return profiles


def _move(ctx: DemoContext, dossier: Dossier, action: str, rng) -> Dossier:
    users = ctx["users"]
    if action == "pay":
        return dossier
    kwargs = {"note": NOTES.get(action, "")}
    if action == "assign":
        kwargs["assignee"] = users["chuyenvien"]
    if action == "resubmit":
        # The corrected answer the supplement asked for.
        key = next(
            k for k in ("applicant_address", "document_name", "stay_address", "members") if k in dossier.data
        )
        fixed = "5" if key == "members" else f"{dossier.data[key]} (đã bổ sung)"
        kwargs["data"] = {**dossier.data, key: fixed}
    return dossier_act(actor=users[ACTORS[action]], dossier=dossier, action=action, **kwargs)


def _backdate(ctx: DemoContext, dossier: Dossier, days_ago: int, rng) -> None:
    """Move the dossier's moments back: filed `days_ago` at office hours, each event a little
    later, finished before (most) or after its due date."""
    calendar = WorkingCalendar.load()
    filed = day_start(ctx.today - timedelta(days=days_ago)) + timedelta(hours=rng.choice([8, 9, 10, 14, 15]))
    filed = min(filed, ctx.now - timedelta(minutes=rng.randint(40, 180)))  # today's: earlier today
    due = calendar.due_date(filed, dossier.procedure.processing_days)
    events = list(dossier.events.order_by("pk"))
    span = max(1, min(days_ago, (due - filed.date()).days + rng.choice([-1, 0, 0, 1, 3])))
    for index, event in enumerate(events):
        at = filed + timedelta(days=span * index / max(1, len(events) - 1), minutes=index * 7)
        at = min(at, ctx.now - timedelta(minutes=len(events) - index))
        type(event).objects.filter(pk=event.pk).update(at=at)
        last = at
    fields = {
        "code": code_allocate(dossier.commune, filed),
        "received_at": filed,
        "due_date": due,
        "original_due_date": due,
        "created_at": filed,
    }
    if dossier.finished_at:
        fields["finished_at"] = last
    if dossier.fee_paid_at:
        fields["fee_paid_at"] = filed + timedelta(minutes=20)
    Dossier.objects.filter(pk=dossier.pk).update(**fields)
    if dossier.fee_request_id:
        request = PaymentRequest.objects.get(pk=dossier.fee_request_id)
        PaymentRequest.objects.filter(pk=request.pk).update(
            created_at=filed, label=request.label.replace(dossier.code, fields["code"])
        )


def _pay_by_transfer(ctx: DemoContext, dossiers: list[Dossier]) -> None:
    """Citizens who paid by VietQR: their transfers arrive in a bank statement the officer imports."""
    account = collection_account_active(ctx["commune"])
    requests = PaymentRequest.objects.filter(pk__in=[d.fee_request_id for d in dossiers if d.fee_request_id])
    if account is None or not requests:
        return
    out = io.StringIO()
    writer = csv.writer(out)
    csv_writerow(writer, ["Số tham chiếu", "Ngày giao dịch", "Số tiền ghi có", "Nội dung", "Loại tiền"])
    for n, request in enumerate(requests.order_by("pk"), start=1):
        when = ctx.today - timedelta(days=1)
        csv_writerow(
            writer, [f"FT{ctx.seed:02d}{n:06d}", f"{when:%d/%m/%Y}", request.amount, request.note, "VND"]
        )
    statement_import(
        actor=ctx["users"]["motcua"],
        account=account,
        filename="sao-ke-agribank.csv",
        content=out.getvalue().encode("utf-8-sig"),
    )


def _file_at_counter(ctx: DemoContext, profiles, rng) -> list[tuple[Dossier, str, int]]:
    procedures = list(Procedure.objects.filter(code__in=PROCEDURES).order_by("code"))
    made, to_transfer, n = [], [], 0
    for status, count, days in PLAN:
        for _ in range(count):
            profile, procedure = profiles[n % len(profiles)], procedures[n % len(procedures)]
            if status == S.DELIVERED and n % 4 == 0:  # the demo citizen's own: she rates some
                profile = CitizenProfile.objects.get(user=ctx["users"][CITIZEN])
            n += 1
            dossier = dossier_receive_at_counter(
                actor=ctx["users"]["motcua"],
                procedure=procedure,
                commune=ctx["commune"],
                profile=profile,
                data=_form(procedure, profile, rng),
                papers_seen=list(procedure.papers),  # the officer saw every required paper
            )
            for action in PATHS[status]:
                if action == "pay" and dossier.fee_request_id:
                    if n % 2:
                        request = PaymentRequest.objects.get(pk=dossier.fee_request_id)
                        payment_request_pay_cash(
                            actor=ctx["users"]["motcua"], request=request, amount=request.amount
                        )
                    else:
                        to_transfer.append(dossier)
                        continue
                    dossier.refresh_from_db()
                if action == "deliver" and dossier in to_transfer:
                    continue
                dossier = _move(ctx, dossier, action, rng)
            made.append((dossier, status, rng.randint(*days)))
    _pay_by_transfer(ctx, to_transfer)
    for dossier in to_transfer:  # paid by transfer: now the result can be handed over
        dossier.refresh_from_db()
        _move(ctx, dossier, "deliver", rng)
    return made


def _online(ctx: DemoContext, rng) -> list[tuple[Dossier, str, int]]:
    """The demo citizen's own dossiers: one submitted, one withdrawn, one draft."""
    citizen = ctx["users"][CITIZEN]
    profile = CitizenProfile.objects.get(user=citizen)
    procedure = Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan")
    data = _form(procedure, profile, rng)
    made = []
    for status in (S.SUBMITTED, S.WITHDRAWN, S.SUBMITTED):
        dossier = dossier_submit(actor=citizen, procedure=procedure, commune=ctx["commune"], data=data)
        if status == S.WITHDRAWN:
            dossier = dossier_act(
                actor=citizen,
                dossier=dossier,
                action="withdraw",
                note="Tôi nộp nhầm thủ tục, sẽ nộp lại hồ sơ khác.",
            )
        made.append((dossier, status, 0 if status == S.SUBMITTED else 9))
    other = Procedure.objects.get(code="dang-ky-tam-tru")
    dossier_draft_save(
        actor=citizen, procedure=other, commune=ctx["commune"], data=_form(other, profile, rng)
    )
    return made


def _sign_one(ctx: DemoContext, made) -> None:
    leader = ctx["users"]["lanhdao"]
    credential = SigningCredential.objects.filter(holder=leader, revoked_at__isnull=True).first()
    ready = [d for d, status, _days in made if status == S.RESULT_READY]
    if credential and ready:
        dossier_result_sign(
            actor=leader, dossier=ready[0], credential_id=credential.pk, secret=DEMO_PASSPHRASE
        )


def demo_step(ctx: DemoContext) -> None:
    rng = ctx.rng
    profiles = _profiles(ctx, 30)
    made = _file_at_counter(ctx, profiles, rng) + _online(ctx, rng)
    _sign_one(ctx, made)
    for dossier, status, days_ago in made:
        dossier.refresh_from_db()
        _backdate(ctx, dossier, days_ago, rng)
        if status == S.DELIVERED and dossier.citizen_id and rng.random() < 0.8:
            dossier_rate(actor=dossier.citizen, dossier=dossier, level=rng.choice([4, 4, 3, 3, 2]))
    dossiers_flag_late(today=ctx.today)
    late = Dossier.objects.filter(commune=ctx["commune"], status=S.PROCESSING, due_date__lt=ctx.today)
    for dossier in late.order_by("pk")[:2]:
        dossier_act(
            actor=ctx["users"]["chuyenvien"],
            dossier=dossier,
            action="apologise",
            note="Hồ sơ cần xác minh thêm tại thôn, xã xin lỗi ông/bà vì sự chậm trễ.",
            new_date=ctx.today + timedelta(days=5),
        )
    ctx.communes.add(ctx["commune"].code)


def foreign(mine: set[str]) -> dict[str, int]:
    return {"dossiers": Dossier.objects.exclude(commune_id__in=mine).aggregate(n=Count("pk"))["n"]}


DEMO_STEP = DemoStep("onestop", demo_step, order=60, foreign=foreign)
