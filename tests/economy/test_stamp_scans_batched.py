"""Scans as production writes them: queued in the process and written in batches, so the public
trace page only reads. Counts and clone flags come out the same as scan-by-scan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xaso.economy import scans
from xaso.economy.models import Stamp, StampScan
from xaso.economy.services import CLONE_SOURCES, stamp_scan, stamps_generate


@pytest.fixture
def batched(settings):
    settings.XASO_STAMP_SCAN_BATCH = 1000
    settings.XASO_STAMP_SCAN_SECONDS = 0  # no timer thread: the test flushes
    yield
    scans._buffer.take()


@pytest.fixture
def serial(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    return Stamp.objects.get().serial


def test_queued_scans_are_written_by_the_flush(batched, serial):
    for i in range(3):
        stamp = stamp_scan(serial=serial, ip=f"113.161.{i}.10")
    assert stamp.pending_scans == 3
    assert StampScan.objects.count() == 0 and Stamp.objects.get().scan_count == 0
    assert scans.scans_flush() == 3
    stamp = Stamp.objects.get()
    assert (stamp.scan_count, stamp.places, stamp.flagged_at) == (3, 3, None)
    assert stamp.first_scanned_at is not None and stamp.last_scanned_at >= stamp.first_scanned_at
    assert StampScan.objects.count() == 3 and scans.scans_pending(stamp.pk) == 0


@pytest.mark.parametrize(("count", "flagged"), [(CLONE_SOURCES, False), (CLONE_SOURCES + 1, True)])
def test_one_flush_of_many_scans_flags_exactly_past_the_limit(batched, serial, count, flagged):
    for place in range(count):
        for _ in range(10):
            stamp_scan(serial=serial, ip=f"113.161.{place}.10")
    scans.scans_flush()
    stamp = Stamp.objects.get()
    assert stamp.scan_count == count * 10 and stamp.places == count
    assert (stamp.flagged_at is not None) is flagged


def test_places_are_counted_once_across_flushes(batched, serial):
    for round_ in range(3):
        stamp_scan(serial=serial, ip="113.161.72.10")  # the same place every time
        stamp_scan(serial=serial, ip=f"10.{round_}.0.1")
        scans.scans_flush()
    assert Stamp.objects.get().places == 4
    assert StampScan.objects.values("source").distinct().count() == 4


def test_too_many_places_over_several_flushes_flags_the_stamp(batched, serial):
    for i in range(CLONE_SOURCES):
        stamp_scan(serial=serial, ip=f"10.0.{i}.1")
        scans.scans_flush()
    assert Stamp.objects.get().flagged_at is None
    stamp_scan(serial=serial, ip="10.0.200.1")
    scans.scans_flush()
    assert Stamp.objects.get().flagged_at is not None


def test_a_full_batch_is_written_by_the_scan_that_fills_it(batched, settings, serial):
    settings.XASO_STAMP_SCAN_BATCH = 4
    for _ in range(3):
        stamp_scan(serial=serial, ip="10.0.0.1")
    assert Stamp.objects.get().scan_count == 0
    stamp = stamp_scan(serial=serial, ip="10.0.0.1")
    assert stamp.scan_count == 4 and stamp.pending_scans == 0


def test_the_trace_page_only_reads_and_counts_the_waiting_scans(batched, client, serial):
    client.get(f"/truy-xuat/{serial}/")  # renders the batch's part once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/truy-xuat/{serial}/")
    assert response.status_code == 200
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SELECT"]
    assert "Chè lam Phủ Quảng" in response.content.decode() and "L2411" in response.content.decode()
    assert "<dd>2 lần từ 1 nơi" in response.content.decode()


def test_the_page_does_not_warn_when_one_client_reloads_it_before_or_after_the_flush(batched, client, serial):
    for _ in range(30):
        response = client.get(f"/truy-xuat/{serial}/")
    assert 'role="alert"' not in response.content.decode()
    scans.scans_flush()
    assert Stamp.objects.get().flagged_at is None
