"""One client reloading a genuine stamp's trace page must not flag it as cloned: the clone flag
counts distinct sources (keyed hashes of the scanner's network), never hits."""

from django.urls import reverse

from xaso.economy.models import Stamp
from xaso.economy.services import CLONE_SOURCES, stamp_scan, stamps_generate


def test_it_does_not_flag_a_stamp_reloaded_many_times_by_one_client(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    serial = Stamp.objects.get().serial
    for _ in range(100):
        stamp = stamp_scan(serial=serial, ip="113.161.72.10")
    assert stamp.scan_count == 100
    assert stamp.flagged_at is None


def test_the_trace_page_does_not_call_a_reloaded_stamp_a_clone(client, batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    stamp = Stamp.objects.get()
    Stamp.objects.filter(pk=stamp.pk).update(scan_count=500, places=1)
    response = client.get(reverse("economy:trace", args=[stamp.serial]), REMOTE_ADDR="113.161.72.10")
    assert response.status_code == 200
    fresh = Stamp.objects.get(pk=stamp.pk)
    assert fresh.flagged_at is None
    assert b'class="errors" role="alert"' not in response.content


def test_it_still_flags_a_stamp_scanned_from_many_networks(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    serial = Stamp.objects.get().serial
    for i in range(CLONE_SOURCES):
        assert stamp_scan(serial=serial, ip=f"10.0.{i}.1").flagged_at is None
    assert stamp_scan(serial=serial, ip="10.0.200.1").flagged_at is not None
