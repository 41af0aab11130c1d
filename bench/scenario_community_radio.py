"""Benchmark of the smart radio's playlist endpoint, polled by every loudspeaker cluster's IP
receiver with its own token (issue: reaching every household; target ≥ 1,000 requests/s).

    make bench BENCH_ARGS=community_playlist

granian (2 workers) serves a commune with 8 clusters and 12 ready bulletins; wrk polls one
cluster's JSON and M3U playlists beside the ceilings of the same run: a static file, a
constant-JSON Django view and a Django view doing the playlist's query in raw SQL.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.harness import ROOT, TABLE_HEAD, bench_env, commit, databases, machine, record, serve, wrk, xaso
from bench.registry import scenario

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))

SETUP = """
from datetime import timedelta
from django.utils import timezone
from tests import factories as f
from xaso.community.models import AudioStatus, Bulletin
from xaso.community.services.radio import speaker_cluster_create
province = f.province("38", "Thanh Hóa")
commune = f.commune("15469", "Xã Yên Định", province)
villages = [f.village(commune, f"Thôn {i:02d}") for i in range(8)]
officer = f.staff("one_stop_officer", commune_obj=commune, username="bench")
clusters = []
for i, village in enumerate(villages):
    clusters.append(speaker_cluster_create(actor=officer, commune=commune, name=f"Cụm {i}", village=village))
today = timezone.localdate()
for i in range(12):
    b = Bulletin.objects.create(
        commune=commune, title=f"Bản tin số {i}: lịch tiêm phòng, thu hoạch lúa", created_by=officer,
        status=AudioStatus.READY, duration_seconds=60.0 + i, audio=f"community/radio/audio/b{i}.ogg",
        play_from=today - timedelta(days=i % 3), play_until=today + timedelta(days=3),
    )
    if i % 3 == 0:
        b.clusters.set([clusters[i % len(clusters)][0]])
cluster, token = clusters[0]
print("RESULT", cluster.pk, token)
"""


def _shell(env: dict, code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "xaso", "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return next(line for line in out.splitlines() if line.startswith("RESULT "))


@scenario("community_playlist")
def community_playlist() -> None:
    for label, url in databases():
        var_dir = Path(ROOT / "var" / "bench" / f"community-radio-{label.lower()}")
        shutil.rmtree(var_dir, ignore_errors=True)
        var_dir.mkdir(parents=True)
        env = bench_env(url, var_dir)
        env["XASO_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
        xaso(env, "migrate", "--noinput", "-v", "0")
        _, cluster, token = _shell(env, SETUP).split()
        xaso(env, "collectstatic", "--noinput", "-v", "0")
        playlist = f"/cong-dong/radio/cum/{cluster}/playlist"
        with serve(env) as base:
            static = wrk(f"{base}/static/xaso/favicon.svg", seconds=SECONDS)
            constant = wrk(f"{base}/_bench/json", seconds=SECONDS)
            raw = wrk(f"{base}/_bench/sql/playlist_of_cluster?p={cluster}", seconds=SECONDS)
            as_json = wrk(f"{base}{playlist}.json?token={token}", seconds=SECONDS)
            as_m3u = wrk(f"{base}{playlist}.m3u?token={token}", seconds=SECONDS)
        load = os.getloadavg()[0]
        met = "met" if min(as_json.rps, as_m3u.rps) >= 1000 else "not met"
        body = "\n".join(
            [
                f"## Community: smart radio playlist — {label}",
                f"Machine: {machine()}. Commit {commit()}. 32 connections, {SECONDS} s each,"
                " granian 2 workers; measured while other suites ran on the same 2 cores"
                f" (load average {load:.1f} at the end), so the figures are pessimistic; the ratio"
                " to the ceilings of the same run is the fairer one."
                " Command: `make bench BENCH_ARGS=community_playlist`.",
                "8 clusters, 12 ready bulletins (7 on the polled cluster's list); the token in the query.",
                "",
                TABLE_HEAD,
                static.row("ceiling: static file"),
                constant.row("ceiling: constant JSON view"),
                raw.row("ceiling: raw SQL, the cluster's playlist query"),
                as_json.row(f"GET {playlist}.json (target ≥ 1,000/s, {met})", constant),
                as_m3u.row(f"GET {playlist}.m3u", constant),
            ]
        )
        record(f"community-playlist-{label.lower()}", body)
        print(body)
