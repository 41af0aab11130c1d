"""The benchmark harness reads wrk's report and rewrites only its own section of the results."""

from bench import harness

WRK_REPORT = """Running 10s test @ http://127.0.0.1:8000/healthz
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.12ms    2.01ms  40.00ms   90.00%
  Latency Distribution
     50%    4.80ms
     75%    5.90ms
     90%    7.10ms
     99%    1.20s
  61234 requests in 10.00s, 12.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   6123.40
Transfer/sec:      1.20MB
"""


def test_it_reads_throughput_latency_and_errors_from_wrk():
    load = harness.parse_wrk("http://x/", WRK_REPORT)
    assert load.rps == 6123.40
    assert load.p50_ms == 4.80
    assert load.p99_ms == 1200.0
    assert load.errors == 12


def test_a_row_shows_the_ratio_to_its_ceiling():
    ceiling = harness.parse_wrk("c", WRK_REPORT)
    figure = harness.Load(url="f", rps=3061.7, p50_ms=1, p99_ms=2, errors=0)
    assert figure.row("lookup", ceiling).endswith("| 50% |")


def test_recording_replaces_only_its_own_section(tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    harness.record("a", "first A")
    harness.record("b", "only B")
    harness.record("a", "second A")
    text = (tmp_path / "docs" / "benchmarks.md").read_text()
    assert "second A" in text and "first A" not in text
    assert "only B" in text
    assert text.index("second A") < text.index("only B")
