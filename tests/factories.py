"""Factories for the tests: plain functions with sensible defaults, every argument overridable."""

import itertools

from django.conf import settings

from xaso.accounts.models import CitizenProfile, Membership, User
from xaso.core.text import fold, fold_all
from xaso.places.models import Commune, Province, Village

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


def province(code: str = "38", name: str = "Thanh Hóa") -> Province:
    obj, _ = Province.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "type": "tỉnh",
            "codename": fold(name).replace(" ", "_"),
            "search_text": fold(name),
        },
    )
    return obj


def commune(
    code: str | None = None, name: str | None = None, province_obj: Province | None = None
) -> Commune:
    n = next(_seq)
    code = code or f"{90000 + n}"
    name = name or f"Xã Thử Nghiệm {n}"
    obj, _ = Commune.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "type": "xã",
            "province": province_obj or province(),
            "codename": fold(name).replace(" ", "_"),
            "search_text": fold(name),
        },
    )
    return obj


def village(commune_obj: Commune, name: str | None = None) -> Village:
    name = name or f"Thôn {next(_seq)}"
    return Village.objects.create(commune=commune_obj, name=name, search_text=fold(name))


def user(username: str | None = None, full_name: str = "Nguyễn Văn An", **extra) -> User:
    username = username or f"user{next(_seq)}"
    return User.objects.create_user(username, PASSWORD, full_name=full_name, **extra)


def staff(
    role: str,
    *,
    commune_obj: Commune | None = None,
    province_obj: Province | None = None,
    username: str | None = None,
    full_name: str = "Cán Bộ Thử",
) -> User:
    u = user(username, full_name)
    Membership.objects.create(user=u, role=role, commune=commune_obj, province=province_obj)
    if role == "system_admin":
        u.is_staff = u.is_superuser = True
        u.save()
    return u


def citizen(
    *, commune_obj: Commune | None = None, phone: str | None = None, full_name: str = "Trần Thị Bình"
) -> User:
    phone = phone or f"09{next(_seq):08d}"
    u = user(phone, full_name, phone=phone)
    CitizenProfile.objects.create(
        user=u, full_name=full_name, phone=phone, commune=commune_obj, search_text=fold_all(full_name, phone)
    )
    return u


def demo_password() -> str:
    return settings.DEMO_PASSWORD
