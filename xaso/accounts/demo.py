"""The demo commune: a real commune from the official list, its villages and one account per
role, so that a newcomer can click through every role after `make run`."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.dispatch import Signal

from xaso.accounts.models import CitizenProfile, Membership, User
from xaso.accounts.roles import Role
from xaso.core.demo import DemoContext, DemoStep
from xaso.core.text import fold, fold_all
from xaso.places.loader import places_load
from xaso.places.models import Commune, Village, VillageKind

# Sent at the end of demo_load(commune=…): apps above accounts add their own demo data
# (payments: the commune's collection account) without accounts importing them.
demo_loaded = Signal()

DEMO_COMMUNE_CODE = "15469"  # Xã Yên Định, Thanh Hóa: the seeds' Yên Định
DEMO_VILLAGES = [
    "Thôn Phúc Lộc",
    "Thôn Yên Trường",
    "Thôn Thọ Phúc",
    "Thôn Đông Lĩnh",
    "Thôn Quan Trung",
    "Thôn Định Tường",
    "Thôn Xuân Thành",
    "Thôn Trịnh Xá",
    "Thôn Phú Lâm",
    "Thôn Kiều Đại",
]
# username, full name, role (None: citizen), village index for village-level roles
DEMO_ACCOUNTS = [
    ("motcua", "Nguyễn Thị Hoa", Role.ONE_STOP_OFFICER, None),
    ("chuyenvien", "Lê Văn Minh", Role.SPECIALIST, None),
    ("lanhdao", "Trịnh Văn Hùng", Role.COMMUNE_LEADER, None),
    ("vanthu", "Phạm Thị Lan", Role.CLERK, None),
    ("truongthon", "Hoàng Văn Tư", Role.VILLAGE_HEAD, 0),
    ("tocds", "Đỗ Thị Mai", Role.DIGITAL_TEAM_MEMBER, 0),
    ("sotinh", "Vũ Quang Huy", Role.PROVINCE_SUPERVISOR, None),
    ("quantri", "Quản trị hệ thống", Role.SYSTEM_ADMIN, None),
    ("0912345678", "Trần Thị Bình", None, 1),
]


@transaction.atomic
def demo_load() -> Commune:
    """Create (or refresh) the demo commune's villages and accounts. Idempotent."""
    if not Commune.objects.filter(code=DEMO_COMMUNE_CODE).exists():
        places_load()
    commune = Commune.objects.select_related("province").get(code=DEMO_COMMUNE_CODE)
    commune.address = commune.address or "UBND xã Yên Định, tỉnh Thanh Hóa"
    commune.phone = commune.phone or "02373869123"
    commune.email = commune.email or "ubnd.yendinh@thanhhoa.gov.vn"
    commune.save()
    villages = []
    for name in DEMO_VILLAGES:
        village, _ = Village.objects.get_or_create(
            commune=commune,
            name=name,
            defaults={"kind": VillageKind.THON, "search_text": fold(name)},
        )
        villages.append(village)
    hashed = None  # the one published password, hashed once for every account (a hash costs ~0.3 s)
    for username, full_name, role, village_index in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            extra = {"phone": username} if role is None else {}
            user = User.objects.create_user(username, None, full_name=full_name, **extra)
            hashed = hashed or make_password(settings.DEMO_PASSWORD)
            user.password = hashed
            user.save(update_fields=["password"])
        if role is None:
            village = villages[village_index]
            CitizenProfile.objects.get_or_create(
                user=user,
                defaults={
                    "full_name": full_name,
                    "phone": username,
                    "commune": commune,
                    "village": village,
                    "sex": "F",
                    "search_text": fold_all(full_name, username),
                },
            )
            continue
        if role == Role.SYSTEM_ADMIN:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        Membership.objects.get_or_create(
            user=user,
            role=role,
            commune=None if role in (Role.PROVINCE_SUPERVISOR, Role.SYSTEM_ADMIN) else commune,
            province=commune.province if role == Role.PROVINCE_SUPERVISOR else None,
            defaults={"village": villages[village_index] if village_index is not None else None},
        )
    demo_loaded.send(sender=demo_load, commune=commune)
    return commune


def demo_step(ctx: DemoContext) -> None:
    """The first step of `xaso demo`: the commune, its villages and the demo accounts, shared
    with the later steps (`ctx["commune"]`, `ctx["villages"]`, `ctx["users"]` by username)."""
    commune = demo_load()
    ctx.communes.add(commune.code)
    ctx.shared["commune"] = commune
    ctx.shared["villages"] = list(
        Village.objects.filter(commune=commune, name__in=DEMO_VILLAGES).order_by("pk")
    )
    ctx.shared["users"] = {
        u.username: u for u in User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
    }
    ctx.lines.append(f"demo commune: {commune.name}, {commune.province.name} ({commune.code})")
    ctx.lines.append(f"demo accounts (password: {settings.DEMO_PASSWORD}):")
    for username, full_name, role, _village in DEMO_ACCOUNTS:
        ctx.lines.append(f"  {username:<14} {role or 'citizen':<22} {full_name}")


DEMO_STEP = DemoStep("accounts", demo_step, order=10, always=True)
