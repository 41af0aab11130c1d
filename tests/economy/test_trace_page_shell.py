"""The trace page from its per-batch shell: the same HTML as the full render, and stamp rows
remembered only while scans are batched, until a flush changes their counts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.utils import timezone

from xaso.economy import scans, trace_page, views
from xaso.economy.models import Stamp
from xaso.economy.services import stamps_generate


@pytest.fixture
def serial(batch, specialist):
    stamps_generate(actor=specialist, batch=batch, count=1)
    return Stamp.objects.get().serial


@pytest.mark.parametrize("flagged", [False, True])
def test_the_shell_gives_the_full_render(rf, batch, serial, flagged):
    request = rf.get(f'/truy-xuat/{serial}/?from=<b>&x="1"')
    request.user = AnonymousUser()
    values = {"serial": serial, "scans": 21, "places": 3, "first": "01/12/2026 08:05"}
    trace_page._shells.clear()
    shell = trace_page.shell_for(request, batch.pk, flagged, views._trace_origin)
    fast = shell.fill(**values, path=request.get_full_path())
    full = render(
        request, "economy/trace.html", trace_page.context(views._trace_origin(batch.pk), flagged, values)
    ).content.decode()
    assert fast == full
    assert "?next=/x%3Fa%3D%3Cb%3E%26c%3D%22%27" in shell.fill(**values, path="/x?a=<b>&c=\"'")
    assert ('role="alert"' in fast) is flagged


def test_a_visitor_without_a_session_gets_the_shell_with_no_session_or_token(client, serial):
    response = client.get(f"/truy-xuat/{serial}/")
    page = response.content.decode()
    assert response.status_code == 200 and serial in page
    assert "<dd>1 lần từ 1 nơi" in page
    assert "csrfmiddlewaretoken" not in page
    assert not response.cookies  # nothing to store for a scan: no session, no CSRF cookie


def test_a_stamp_row_is_remembered_until_a_flush_while_scans_are_batched(settings, serial):
    settings.XASO_STAMP_SCAN_BATCH = 1000
    settings.XASO_STAMP_SCAN_SECONDS = 60
    stamp = Stamp.objects.get()
    scans.stamp_remember(stamp)
    assert scans.stamp_recent(serial) is stamp
    scans._buffer.scans.append(scans.Scan(stamp.pk, "abc", timezone.now()))  # no timer thread
    assert scans.scans_flush() == 1
    assert scans.stamp_recent(serial) is None
    assert Stamp.objects.get().scan_count == 1


def test_nothing_is_remembered_when_scans_are_written_at_once(settings, serial):
    settings.XASO_STAMP_SCAN_BATCH = 1
    scans.stamp_remember(Stamp.objects.get())
    assert scans.stamp_recent(serial) is None


@pytest.mark.parametrize(
    "ip",
    [
        "113.161.72.10",
        "255.255.255.255",
        "01.2.3.4",
        "1.2.3",
        "256.1.1.1",
        "",
        None,
        "2001:db8::1",
        "１.2.3.4",
    ],
)
def test_the_quick_ipv4_reading_gives_the_same_place_as_ipaddress(ip):
    import ipaddress

    from xaso.economy.services import _network_of

    try:
        address = ipaddress.ip_address(ip or "")
        expected = str(ipaddress.ip_network(f"{address}/{24 if address.version == 4 else 48}", strict=False))
    except ValueError:
        expected = "unknown"
    assert _network_of(ip) == expected
