"""The civil-status register at province scale (issue 19): `python -m bench.civil_register
seed|measure` in a process whose DATABASE_URL names the dataset (the scenario `civil` in
bench/scenario_civil.py builds it once, caches it and records the figures).

The dataset: a synthetic province's 20 years (2007–2026) of civil status, 1,000,000 entries
(BENCH_CIVIL_ENTRIES) over the first 100 communes of Thanh Hóa, 10 villages each: births 60 %,
deaths 20 %, marriages 12 %, changes 3 %, recognitions 3 %, guardianships and re-registrations
1 % each; Vietnamese names drawn from the common family, middle and given names (so a name is
shared by many entries, as in life), a book per commune, kind and year numbered without gaps.

The measure: the register's search as its page runs it (`entries_search`, the first page of 25
and the page count), for a commune's officer and for the province supervisor (the whole
province), with a full name typed without diacritics plus a birth year; a name alone; a parent's
name; an entry number. p50/p95 over 200 varied queries each (after 20 unmeasured)."""

import json
import random
import statistics
import sys
import time
from datetime import date, timedelta

FAMILY = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 3
    + ["Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Mai", "Lương", "Cao"]
)
MIDDLE_M = ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thanh", "Công", "Đình"]
MIDDLE_F = ["Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Minh", "Kim", "Phương", "Bảo"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Giang",
    "Hà",
    "Hằng",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Trang",
    "Vy",
    "Yến",
]
KINDS = (
    ["birth"] * 60
    + ["death"] * 20
    + ["marriage"] * 12
    + ["change"] * 3
    + ["recognition"] * 3
    + ["guardianship", "reregistration"]
)
YEARS = range(2007, 2027)
COMMUNES = 100
VILLAGES = 10


def _name(rng, sex):
    middle, given = (MIDDLE_M, GIVEN_M) if sex == "M" else (MIDDLE_F, GIVEN_F)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


def seed(count: int) -> None:
    from django.db import transaction

    from xaso.accounts.models import Membership, User
    from xaso.civil.models import RegisterBook, RegisterEntry
    from xaso.core.text import fold
    from xaso.places.models import Commune, Province, Village

    province = Province.objects.get(code="38")
    communes = list(Commune.objects.filter(province=province).order_by("code")[:COMMUNES])
    Village.objects.bulk_create(
        [
            Village(commune=c, name=f"Thôn {i + 1}", search_text=f"thon {i + 1}")
            for c in communes
            for i in range(VILLAGES)
        ],
        batch_size=5000,
    )
    villages = {}
    for v in Village.objects.filter(commune__in=communes).order_by("pk"):
        villages.setdefault(v.commune_id, []).append(v.pk)
    officer = User.objects.create_user("bench_hotich", "x", full_name="Công chức tư pháp")
    Membership.objects.create(user=officer, role="specialist", commune=communes[0])
    supervisor = User.objects.create_user("bench_sotinh", "x", full_name="Sở Tư pháp")
    Membership.objects.create(user=supervisor, role="province_supervisor", province=province)
    rng = random.Random(19)
    per_commune_year = count // (len(communes) * len(YEARS))
    for commune in communes:
        books = {}
        with transaction.atomic():
            rows = []
            for year in YEARS:
                counters = {}
                for _i in range(per_commune_year):
                    kind = rng.choice(KINDS)
                    number = counters[kind] = counters.get(kind, 0) + 1
                    registered = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                    sex = rng.choice("MF")
                    name = _name(rng, sex)
                    father, mother = _name(rng, "M"), _name(rng, "F")
                    event = None
                    other = ""
                    if kind in ("birth", "reregistration"):
                        born = registered - timedelta(days=rng.randrange(75))
                    elif kind == "death":
                        born = date(rng.randrange(1920, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
                        event = registered - timedelta(days=rng.randrange(15))
                    else:
                        born = date(
                            rng.randrange(1960, year - 17), rng.randrange(1, 13), rng.randrange(1, 29)
                        )
                        other = (
                            _name(rng, "F" if sex == "M" else "M")
                            if kind in ("marriage", "recognition", "guardianship")
                            else ""
                        )
                    rows.append(
                        RegisterEntry(
                            book_id=None,
                            number=number,
                            commune=commune,
                            kind=kind,
                            registered_on=registered,
                            village_id=rng.choice(villages[commune.pk]),
                            name=name,
                            name_folded=fold(name),
                            birth_date=born,
                            sex=sex,
                            event_date=event,
                            place=f"Thôn {rng.randrange(1, VILLAGES + 1)}, {commune.name}",
                            other_name=other,
                            other_folded=fold(other),
                            father_name=father if kind in ("birth", "reregistration", "recognition") else "",
                            father_folded=fold(father)
                            if kind in ("birth", "reregistration", "recognition")
                            else "",
                            mother_name=mother if kind in ("birth", "reregistration", "recognition") else "",
                            mother_folded=fold(mother)
                            if kind in ("birth", "reregistration", "recognition")
                            else "",
                            details={},
                        )
                    )
                for kind, last in counters.items():
                    books[(year, kind)] = RegisterBook(commune=commune, kind=kind, year=year, last=last)
            RegisterBook.objects.bulk_create(books.values(), batch_size=5000)
            ids = {(b.year, b.kind): b.pk for b in RegisterBook.objects.filter(commune=commune)}
            for row in rows:
                row.book_id = ids[(row.registered_on.year, row.kind)]
            RegisterEntry.objects.bulk_create(rows, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        # The planner's statistics (PostgreSQL: and the visibility map for index-only scans).
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
    print(json.dumps({"entries": RegisterEntry.objects.count()}))


def _timed(fn, repeat: int, warm: int = 20) -> tuple[float, float]:
    for _ in range(warm):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def measure(repeat: int) -> None:
    from django.core.paginator import Paginator

    from xaso.accounts.models import User
    from xaso.civil.models import RegisterEntry
    from xaso.civil.selectors import entries_search

    officer = User.objects.get(username="bench_hotich")
    supervisor = User.objects.get(username="bench_sotinh")
    rng = random.Random(7)
    fields = ("name", "birth_date", "mother_name", "number")
    births = RegisterEntry.objects.filter(kind="birth").order_by("?")
    own = officer.memberships.values_list("commune", flat=True)
    samples = {
        "officer": list(births.filter(commune__in=own).values_list(*fields)[:500]),
        "province supervisor": list(births.values_list(*fields)[:500]),
    }

    def page(actor, **query):
        listing = entries_search(actor, **query)
        p = Paginator(listing, 25).get_page(1)
        list(p.object_list)
        return p.paginator.num_pages

    def unaccented(name: str) -> str:
        from xaso.core.text import fold

        return fold(name)

    cases = {
        "officer: full name without diacritics + birth year": lambda a: (
            lambda s: page(a, q=unaccented(s[0]), birth_year=s[1].year)
        ),
        "officer: full name without diacritics": lambda a: lambda s: page(a, q=unaccented(s[0])),
        "officer: mother's name without diacritics": lambda a: lambda s: page(a, parent=unaccented(s[2])),
        "officer: entry number + year": lambda a: lambda s: page(a, number=s[3], year=s[1].year),
    }
    figures = {}
    for who, actor in (("officer", officer), ("province supervisor", supervisor)):
        for label, make in cases.items():
            run, pool = make(actor), samples[who]
            figures[label.replace("officer", who)] = _timed(
                lambda run=run, pool=pool: run(rng.choice(pool)), repeat
            )
    print(json.dumps({"figures": figures, "entries": RegisterEntry.objects.count()}))


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]))
    else:
        measure(int(sys.argv[2]))
