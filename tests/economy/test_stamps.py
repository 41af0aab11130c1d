"""Stamps: one per unit, random unguessable serials, never more than the batch holds; a serial
scanned from more places than one unit allows is flagged as a possible clone."""

import pytest

from xaso.core.errors import InvalidInput, NotFound
from xaso.economy.models import Stamp, StampScan
from xaso.economy.services import CLONE_SOURCES, SERIAL_ALPHABET, stamp_scan, stamps_generate


def test_a_batch_gets_one_unique_stamp_per_unit(batch, specialist):
    assert stamps_generate(actor=specialist, batch=batch) == 50
    serials = list(Stamp.objects.values_list("serial", flat=True))
    assert len(serials) == len(set(serials)) == 50
    assert all(len(s) == 16 and set(s) <= set(SERIAL_ALPHABET) for s in serials)


def test_a_batch_never_gets_more_stamps_than_units(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=40)
    with pytest.raises(InvalidInput):
        stamps_generate(actor=specialist, batch=batch, count=11)
    assert stamps_generate(actor=specialist, batch=batch) == 10
    with pytest.raises(InvalidInput):
        stamps_generate(actor=specialist, batch=batch)


def test_serials_do_not_collide_over_many_batches(product, specialist):
    from datetime import date

    from xaso.economy.services import batch_create

    big = batch_create(
        actor=specialist,
        product=product,
        data={"code": "BIG", "produced_on": date(2026, 1, 1), "quantity": 20_000},
    )
    stamps_generate(actor=specialist, batch=big)
    assert Stamp.objects.values("serial").distinct().count() == 20_000


def test_scans_are_counted_and_an_unknown_serial_is_not_found(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    serial = Stamp.objects.get().serial
    stamp = stamp_scan(serial=serial.lower(), ip="113.161.72.10")
    stamp = stamp_scan(serial=serial, ip="113.161.72.99")
    assert stamp.scan_count == 2 and stamp.flagged_at is None
    assert StampScan.objects.values("source").distinct().count() == 1  # one /24 network
    with pytest.raises(NotFound):
        stamp_scan(serial="AAAAAAAAAAAAAAAA", ip="1.2.3.4")


def test_a_serial_scanned_from_many_places_is_flagged(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    serial = Stamp.objects.get().serial
    for i in range(CLONE_SOURCES):
        assert stamp_scan(serial=serial, ip=f"10.0.{i}.1").flagged_at is None
    assert stamp_scan(serial=serial, ip="10.0.200.1").flagged_at is not None
