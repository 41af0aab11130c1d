"""Demo data of the community app (a step of `xaso demo`, xaso.core.demo): households in every
village with contacts on several channels, announcements acknowledged by link and ticked in
person, loudspeaker clusters and a bulletin, QR information pages, and feedback reports
(answered, open, late). Everything through the app's services; only dates are moved back."""

from datetime import timedelta

from django.db.models import Count

from xaso.community.demo_points import demo_points_load
from xaso.community.models import (
    Announcement,
    Delivery,
    FeedbackCategory,
    FeedbackReport,
    Household,
    InfoKind,
    InfoPage,
    SpeakerCluster,
    Urgency,
)
from xaso.community.services.announcements import (
    announcement_create,
    deliveries_mark_in_person,
    delivery_acknowledge,
)
from xaso.community.services.fanout import ack_token
from xaso.community.services.feedback import feedback_answer, feedback_assign, feedback_submit
from xaso.community.services.households import HouseholdData, household_save
from xaso.community.services.infopages import info_page_create
from xaso.community.services.radio import bulletin_create, speaker_cluster_create
from xaso.core.demo import DemoContext, DemoStep, picture
from xaso.core.demo_names import house_address, person_name, phone_number

HOUSEHOLDS_PER_VILLAGE = 30
CITIZEN_PHONE = "0912345678"  # the demo citizen's household is in the second village


def _households(ctx: DemoContext) -> None:
    commune, officer, rng = ctx["commune"], ctx["users"]["motcua"], ctx.rng
    phones: set[str] = {CITIZEN_PHONE}
    for v_index, village in enumerate(ctx["villages"]):
        for n in range(1, HOUSEHOLDS_PER_VILLAGE + 1):
            head, sex = person_name(rng)
            surname = head.split()[0]
            spouse, _ = person_name(rng, "F" if sex == "M" else "M")
            members = [(spouse, rng.randint(1950, 1998))]
            members += [
                (person_name(rng, surname=surname)[0], rng.randint(2000, 2022))
                for _ in range(rng.randint(0, 3))
            ]
            channel = rng.random()
            phone = phone_number(rng, phones)
            data = HouseholdData(
                code=f"YD-{v_index + 1:02d}-{n:03d}",
                village_id=village.pk,
                head_name=head,
                address=house_address(rng, village.name, commune.name),
                head_birth_year=rng.randint(1945, 1995),
                members=members,
                contact_name=head,
                contact_phone="" if channel > 0.92 else phone,
                contact_email=f"ho.{v_index + 1}.{n}@example.vn" if channel > 0.7 else "",
                contact_zalo_id=phone if 0.35 < channel < 0.8 else "",
                public_name=rng.random() < 0.5,
            )
            if v_index == 1 and n == 1:  # the demo citizen's own household
                data.head_name = data.contact_name = "Trần Thị Bình"
                data.contact_phone = CITIZEN_PHONE
            household_save(actor=officer, commune=commune, data=data)


ANNOUNCEMENTS = [
    (
        "Lịch tiêm chủng mở rộng tháng này",
        "Trạm y tế xã tổ chức tiêm chủng cho trẻ dưới 5 tuổi vào sáng thứ Bảy tại nhà văn hóa các thôn. "
        "Phụ huynh mang theo sổ tiêm chủng.",
        Urgency.NORMAL,
        75,
    ),
    (
        "Thu gom rác thải theo lịch mới",
        "Từ tuần sau, xe thu gom rác đi qua các thôn vào 6 giờ sáng thứ Hai, thứ Tư và thứ Sáu. "
        "Đề nghị các hộ để rác đúng nơi quy định.",
        Urgency.NORMAL,
        40,
    ),
    (
        "Cảnh báo mưa lớn, ngập úng cục bộ",
        "Dự báo mưa lớn trong 2 ngày tới. Các hộ ven sông chủ động kê cao đồ đạc, không cho trẻ em "
        "ra sông suối. Liên hệ trưởng thôn khi cần hỗ trợ.",
        Urgency.URGENT,
        12,
    ),
    (
        "Hướng dẫn cài đặt và kích hoạt VNeID mức 2",
        "Tổ công nghệ số cộng đồng hỗ trợ bà con cài đặt VNeID tại nhà văn hóa thôn vào tối thứ Năm.",
        Urgency.NORMAL,
        3,
    ),
]


def _announcements(ctx: DemoContext) -> Announcement:
    commune, users, rng = ctx["commune"], ctx["users"], ctx.rng
    first = None
    for title, body, urgency, days_ago in ANNOUNCEMENTS:
        published = ctx.now - timedelta(days=days_ago, hours=rng.randint(0, 6))
        announcement = announcement_create(
            actor=users["lanhdao"],
            commune=commune,
            title=title,
            body=body,
            urgency=urgency,
            publish_at=published,
        )
        Announcement.objects.filter(pk=announcement.pk).update(created_at=published)
        deliveries = list(Delivery.objects.filter(announcement=announcement).order_by("pk"))
        share = min(0.8, 0.1 + days_ago / 60)  # older notices are acknowledged by more households
        for delivery in rng.sample(deliveries, int(len(deliveries) * share * 0.5)):
            delivery_acknowledge(token=ack_token(delivery.pk))
        own = ctx["villages"][0].pk
        told = [d.pk for d in deliveries if d.village_id == own and rng.random() < share]
        if told:
            deliveries_mark_in_person(actor=users["truongthon"], announcement=announcement, delivery_ids=told)
        first = first or announcement
    return first


def _radio(ctx: DemoContext, announcement: Announcement) -> None:
    commune, leader = ctx["commune"], ctx["users"]["lanhdao"]
    clusters = []
    for index, village in enumerate(ctx["villages"][:4]):
        cluster, _token = speaker_cluster_create(
            actor=leader, commune=commune, name=f"Cụm loa {village.name}", village=village,
            schedule="05:30, 17:30" if index % 2 else "06:00, 18:00",
        )  # fmt: skip
        clusters.append(cluster)
    SpeakerCluster.objects.filter(pk__in=[c.pk for c in clusters[:3]]).update(last_seen_at=ctx.now)
    bulletin_create(
        actor=leader,
        commune=commune,
        title="Bản tin tiêm chủng",
        announcement=announcement,
        clusters=clusters,
        play_until=ctx.today + timedelta(days=7),
    )


INFO_PAGES = [
    (
        InfoKind.HISTORY,
        "Lịch sử xã Yên Định",
        "Yên Định là vùng đất cổ bên dòng sông Mã, nổi tiếng với nghề trồng lúa "
        "và các làng nghề truyền thống.",
    ),
    (
        InfoKind.RELIC,
        "Đình làng Phúc Lộc",
        "Đình được xây dựng từ thế kỷ XVIII, là di tích lịch sử - văn hóa cấp tỉnh; "
        "lễ hội diễn ra vào tháng Giêng.",
    ),
    (
        InfoKind.CULTURAL_HOUSE,
        "Nhà văn hóa thôn Yên Trường",
        "Nơi sinh hoạt cộng đồng, có điểm wifi miễn phí và tủ sách thôn. "
        "Mở cửa buổi tối từ 18 giờ đến 21 giờ.",
    ),
]


def _info_pages(ctx: DemoContext) -> None:
    for index, (kind, title, body) in enumerate(INFO_PAGES):
        info_page_create(
            actor=ctx["users"]["lanhdao"],
            commune=ctx["commune"],
            kind=kind,
            title=title,
            body=body,
            image=picture(title) if index == 1 else None,
            village=ctx["villages"][index] if kind == InfoKind.CULTURAL_HOUSE else None,
        )
    InfoPage.objects.filter(commune=ctx["commune"]).update(view_count=ctx.rng.randint(20, 200))


FEEDBACK = [
    (
        FeedbackCategory.ROADS,
        "Đường liên thôn đoạn qua cầu Máng bị sụt lún, xe máy đi lại nguy hiểm.",
        "answer",
        50,
    ),
    (FeedbackCategory.LIGHTING, "Ba bóng đèn đường gần nhà văn hóa bị hỏng, buổi tối rất tối.", "answer", 30),
    (FeedbackCategory.ENVIRONMENT, "Bãi rác tự phát ở bờ kênh cuối thôn chưa được thu gom.", "answer", 22),
    (FeedbackCategory.WATER, "Rãnh thoát nước trước chợ bị tắc, nước tràn lên đường khi mưa.", "assign", 20),
    (FeedbackCategory.ORDER, "Xe tải chở vật liệu chạy tốc độ cao qua cổng trường tiểu học.", "late", 26),
    (FeedbackCategory.SERVICES, "Đề nghị bố trí thêm giờ tiếp dân vào sáng thứ Bảy.", "assign", 4),
    (FeedbackCategory.ROADS, "Cây đổ chắn một nửa đường sau trận mưa đêm qua.", "open", 1),
    (FeedbackCategory.OTHER, "Loa phát thanh thôn kêu rè, nghe không rõ.", "open", 2),
]
ANSWER = "Xã đã cử cán bộ kiểm tra và giao đơn vị sửa chữa. Cảm ơn bà con đã phản ánh."


def _feedback(ctx: DemoContext) -> None:
    commune, users, rng = ctx["commune"], ctx["users"], ctx.rng
    phones: set[str] = set()
    for index, (category, text, fate, days_ago) in enumerate(FEEDBACK):
        name, _sex = person_name(rng)
        anonymous = index % 4 == 3
        report = feedback_submit(
            actor=None,
            commune=commune,
            category=category,
            text=text,
            village=ctx["villages"][index % len(ctx["villages"])],
            anonymous=anonymous,
            name=name,
            phone=phone_number(rng, phones),
        )
        if fate != "open":
            report = feedback_assign(actor=users["lanhdao"], report=report, officer=users["chuyenvien"])
        if fate == "answer":
            report = feedback_answer(
                actor=users["chuyenvien"], report=report, answer=ANSWER, resolve=index % 2 == 0
            )
        filed = ctx.now - timedelta(days=days_ago, hours=rng.randint(0, 8))
        # Moved back in time with their due date (15 working days ≈ 21 days later).
        FeedbackReport.objects.filter(pk=report.pk).update(
            created_at=filed, due_on=(filed + timedelta(days=21)).date()
        )
        if report.answered_at:
            FeedbackReport.objects.filter(pk=report.pk).update(answered_at=filed + timedelta(days=5))
        report.events.update(at=filed)


def demo_step(ctx: DemoContext) -> None:
    _households(ctx)
    first = _announcements(ctx)
    _radio(ctx, first)
    _info_pages(ctx)
    _feedback(ctx)
    ctx.communes.add(ctx["commune"].code)


def foreign(mine: set[str]) -> dict[str, int]:
    """Communes' work the demo did not make: households, announcements, feedback elsewhere."""
    counts = {}
    for label, model in (
        ("households", Household),
        ("announcements", Announcement),
        ("feedback", FeedbackReport),
    ):
        counts[label] = model.objects.exclude(commune_id__in=mine).aggregate(n=Count("pk"))["n"]
    return counts


DEMO_STEP = DemoStep("community", demo_step, order=30, foreign=foreign)


def points_step(ctx: DemoContext) -> None:
    """Free wifi at cultural houses and the digital team's desk (the portal's map; indicator HT5)."""
    demo_points_load(actor=ctx["users"]["lanhdao"], commune=ctx["commune"])
    ctx.communes.add(ctx["commune"].code)


POINTS_STEP = DemoStep("community_points", points_step, order=35)
