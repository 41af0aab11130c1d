"""Registry search over many documents: `python -m bench.documents_search [--count N]`.

Creates N registered documents for one commune (Vietnamese titles, senders and a few lines of
extracted text, folded into `search_text` as the service does) in the database DATABASE_URL
names (a throw-away SQLite file by default), then times `registry_search` the way the registry
page calls it: the first page of 25 and the total count, for common, rare and absent words, as
a clerk of the commune (the count capped at 1,000 as the page's CappedPaginator does), and
the plain listing with no words. Prints p50/p95 per query kind and appends to bench/results/.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("XASO_VAR_DIR", tempfile.mkdtemp(prefix="xaso-bench-search-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.registry import scenario  # noqa: E402
from xaso.accounts.models import Membership, User  # noqa: E402
from xaso.core.text import fold_all  # noqa: E402
from xaso.documents.models import RegisteredDocument  # noqa: E402
from xaso.places.models import Commune, Province  # noqa: E402

TOPICS = [
    "phòng chống bão lũ",
    "tiêm chủng mở rộng",
    "chuyển đổi số cấp xã",
    "rà soát hộ nghèo",
    "bầu cử đại biểu",
    "xây dựng nông thôn mới",
    "an toàn thực phẩm",
    "phòng cháy chữa cháy",
    "thu thuế sử dụng đất",
    "cấp giấy chứng nhận quyền sử dụng đất",
]
SENDERS = ["UBND tỉnh Thanh Hóa", "Sở Nội vụ", "Sở Y tế", "Sở Tài chính", "Công an tỉnh", "Sở Nông nghiệp"]
KINDS = ["CV", "QĐ", "TB", "KH", "BC"]


def _setup(count: int):
    call_command("migrate", verbosity=0)
    province, _ = Province.objects.get_or_create(
        code="38",
        defaults={"name": "Thanh Hóa", "type": "tỉnh", "codename": "thanh_hoa", "search_text": "thanh hoa"},
    )
    commune, _ = Commune.objects.get_or_create(
        code="15469",
        defaults={
            "name": "Xã Yên Định",
            "type": "xã",
            "province": province,
            "codename": "xa_yen_dinh",
            "search_text": "xa yen dinh",
        },
    )
    clerk, created = User.objects.get_or_create(username="vanthu_bench", defaults={"full_name": "Văn thư"})
    if created:
        Membership.objects.create(user=clerk, role="clerk", commune=commune)
    existing = RegisteredDocument.objects.filter(commune=commune).count()
    rng = random.Random(7)
    now = timezone.now()
    batch = []
    for i in range(existing, count):
        topic = rng.choice(TOPICS)
        sender = rng.choice(SENDERS)
        title = f"Công văn về việc {topic} năm {2020 + i % 6} (số {i})"
        text = (
            f"Thực hiện chỉ đạo của {sender} về {topic}, đề nghị các thôn phối hợp triển khai. "
            f"Mã tham chiếu HS{i:07d}. " + rng.choice(TOPICS) + ". " + rng.choice(TOPICS) + "."
        )
        batch.append(
            RegisteredDocument(
                commune=commune,
                direction="in",
                status="registered",
                kind=rng.choice(KINDS),
                title=title,
                sender=sender,
                number_symbol=f"{i % 900 + 1}/{rng.choice(KINDS)}-UBND",
                text=text,
                search_text=fold_all(title, sender, text),
                created_at=now,
            )
        )
        if len(batch) == 5000:
            RegisteredDocument.objects.bulk_create(batch)
            batch = []
    if batch:
        RegisteredDocument.objects.bulk_create(batch)
    return clerk


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def run(count: int, repeat: int) -> dict:
    from xaso.documents.registry.selectors import registry_count, registry_search

    clerk = _setup(count)
    queries = {
        "common word": "bao lu",
        "two words": "tiem chung 2024",
        "rare code": f"hs{count // 2:07d}",
        "absent": "khong co tu nay",
        "no words (newest first)": "",
    }
    figures = {}
    for name, q in queries.items():

        def page_and_count(q=q):
            qs = registry_search(clerk, q=q)
            list(qs[:25])
            registry_count(qs, cap=1000)

        times = _time(page_and_count, repeat)
        figures[name] = (statistics.median(times), statistics.quantiles(times, n=20)[18])
    return figures


@scenario("documents_search")
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents_search", description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv if argv is not None else [])
    figures = run(args.count, args.repeat)
    line = f"{connection.vendor} {args.count} docs: " + "; ".join(
        f"{name} p50 {p50:.0f} ms p95 {p95:.0f} ms" for name, (p50, p95) in figures.items()
    )
    print(line)
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    with (results / "documents_search.txt").open("a") as fh:
        fh.write(line + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
