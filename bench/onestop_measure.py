"""Run inside the benchmark database's Django (bench/scenario_onestop.py starts it): writes the
lookup paths for wrk, then times a commune officer's queue and the province supervisor's monthly
report in process, through the whole middleware stack (Django's test client).

    python -m bench.onestop_measure '{"sample": …, "paths": {file: shape}, "repeat": …, …}'
"""

import json
import statistics
import sys
import time
from datetime import date

import django


def timed(client, urls: list[str], repeat: int) -> dict:
    for url in urls:  # warm: templates, URLconf, first connection
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times, cpu, worst = [], [], {}
    for _ in range(repeat):
        for url in urls:
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            ms = (time.perf_counter() - t) * 1000
            cpu.append((time.process_time() - c) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            times.append(ms)
            worst[url] = max(worst.get(url, 0), ms)
    times.sort()
    cpu.sort()
    slowest = max(worst, key=worst.get)
    return {
        "n": len(times),
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "max": times[-1],
        # This process's own CPU time (the database runs in it too, SQLite; PostgreSQL's is not
        # counted): what the code costs, apart from waiting for a loaded machine's cores.
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": cpu[int(len(cpu) * 0.95) - 1],
        "slowest": slowest,
        "slowest_ms": worst[slowest],
    }


def write_paths(sample: int, paths: dict[str, str]) -> None:
    """Every n-th dossier's code and token, in the shapes wanted, one request path a line."""
    from django.db import connection

    from xaso.onestop.models import Dossier

    step = max(1, Dossier.objects.count() // sample)
    with connection.cursor() as cur:
        cur.execute(
            "SELECT code, token FROM onestop_dossier WHERE id %% %s = 0 ORDER BY id LIMIT %s", [step, sample]
        )
        codes = cur.fetchall()
    for name, shape in paths.items():
        with open(name, "w") as out:
            out.writelines(shape.format(code=c, token=t) + "\n" for c, t in codes)


def queue_urls(commune) -> list[str]:
    from xaso.accounts.models import User
    from xaso.onestop.models import Dossier
    from xaso.places.models import Village

    village = Village.objects.filter(commune=commune).order_by("pk").first()
    specialist = User.objects.filter(memberships__commune=commune, memberships__role="specialist").first()
    mine = Dossier.objects.filter(commune=commune).order_by("pk")
    one = mine[min(1234, mine.count() - 1)]
    q = "/mot-cua/ho-so/"
    return [
        f"{q}?tab=new",
        f"{q}?tab=processing",
        f"{q}?tab=result",
        f"{q}?tab=done",
        f"{q}?tab=done&page=300",
        f"{q}?tab=processing&due=late",
        f"{q}?tab=new&due=due_soon",
        f"{q}?tab=done&procedure=dang-ky-khai-sinh",
        f"{q}?tab=done&village={village.pk}",
        f"{q}?tab=processing&assignee={specialist.pk}",
        f"{q}?tab=done&q=nguyen+van",
        f"{q}?tab=done&q={one.code}",
    ]


def main(args: dict) -> dict:
    from django.test import Client
    from django.test.utils import override_settings

    from xaso.accounts.models import User
    from xaso.onestop.models import Dossier

    write_paths(args["sample"], args["paths"])
    officer = User.objects.filter(username__startswith="bench-", memberships__role="one_stop_officer")
    officer = officer.order_by("pk")[0]
    commune = officer.memberships.get().commune
    results = {
        "dossiers_in_commune": Dossier.objects.filter(commune=commune).count(),
        "commune": commune.name,
    }
    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(officer, backend="xaso.accounts.backends.LoginBackend")
        results["queue"] = timed(client, queue_urls(commune), args["repeat"])
        client = Client()
        client.force_login(
            User.objects.get(username="bench-province"), backend="xaso.accounts.backends.LoginBackend"
        )
        # The report form takes dd/mm/yyyy.
        start, end = (date.fromisoformat(args[k]).strftime("%d/%m/%Y") for k in ("month_start", "month_end"))
        month = f"/mot-cua/bao-cao/?tu={start}&den={end}"
        results["report"] = timed(client, [month], args["repeat"])
    results["report_dossiers"] = Dossier.objects.filter(
        received_at__date__gte=args["month_start"], received_at__date__lte=args["month_end"]
    ).count()
    return results


if __name__ == "__main__":
    django.setup()
    print("RESULT " + json.dumps(main(json.loads(sys.argv[1]))))
