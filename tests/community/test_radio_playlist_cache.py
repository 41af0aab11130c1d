"""A receiver's playlist is cached per cluster, and the cache follows every change of the
commune's bulletins at once (and the day), so a receiver never plays yesterday's list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.community.test_radio_receivers import ready_bulletin
from xaso.community import playlists
from xaso.community.models import AudioStatus, Bulletin
from xaso.community.services.radio import speaker_cluster_create


@pytest.fixture
def north(one_stop_officer, commune, village):
    cluster, token = speaker_cluster_create(actor=one_stop_officer, commune=commune, name="Cụm Bắc")
    ready_bulletin(commune, one_stop_officer, "Toàn xã")
    return cluster, token


def titles(client, cluster, token):
    url = reverse("community:radio_playlist_json", args=[cluster.pk])
    return [i["title"] for i in client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()["items"]]


def test_a_repeated_poll_is_one_query(client, north):
    cluster, token = north
    titles(client, cluster, token)  # computes and caches; marks the cluster seen
    with CaptureQueriesContext(connection) as queries:
        assert titles(client, cluster, token) == ["Toàn xã"]
    assert len(queries) == 1


def test_a_new_bulletin_shows_on_the_next_poll(client, north, one_stop_officer, commune):
    cluster, token = north
    assert titles(client, cluster, token) == ["Toàn xã"]
    ready_bulletin(commune, one_stop_officer, "Mới", [cluster])
    assert titles(client, cluster, token) == ["Toàn xã", "Mới"]


def test_a_bulletin_moved_to_another_cluster_leaves_the_playlist(client, north, one_stop_officer, commune):
    cluster, token = north
    other, _token = speaker_cluster_create(actor=one_stop_officer, commune=commune, name="Cụm Nam")
    bulletin = Bulletin.objects.get(title="Toàn xã")
    assert titles(client, cluster, token) == ["Toàn xã"]
    bulletin.clusters.add(other)
    assert titles(client, cluster, token) == []
    other.bulletins.clear()
    assert titles(client, cluster, token) == ["Toàn xã"]


def test_a_bulletin_whose_audio_failed_or_was_deleted_leaves_the_playlist(client, north):
    cluster, token = north
    assert titles(client, cluster, token) == ["Toàn xã"]
    bulletin = Bulletin.objects.get(title="Toàn xã")
    bulletin.status = AudioStatus.FAILED
    bulletin.save()
    assert titles(client, cluster, token) == []
    bulletin.status = AudioStatus.READY
    bulletin.save()
    assert titles(client, cluster, token) == ["Toàn xã"]
    bulletin.delete()
    assert titles(client, cluster, token) == []


def test_the_next_day_gets_the_next_days_playlist(north):
    cluster, token = north
    today = timezone.localdate()
    Bulletin.objects.filter(title="Toàn xã").update(play_until=today)  # no save(): the day must do it
    receiver = playlists.receiver_for(cluster.pk, token)
    body_today, _ = playlists.playlist_body(receiver, token=token, base="", fmt=playlists.M3U, today=today)
    tomorrow = today + timedelta(days=1)
    body_tomorrow, _ = playlists.playlist_body(
        receiver, token=token, base="", fmt=playlists.M3U, today=tomorrow
    )
    assert "Toàn xã" in body_today.decode() and "Toàn xã" not in body_tomorrow.decode()


def test_a_wrong_token_never_reaches_a_cached_playlist(client, north):
    cluster, token = north
    titles(client, cluster, token)
    url = reverse("community:radio_playlist_m3u", args=[cluster.pk])
    assert client.get(url + "?token=" + token[:-1]).status_code == 401
    assert client.get(url).status_code == 401


@pytest.fixture
def wsgi_app():
    from xaso.wsgi import application

    return application


def call(app, request):
    """One request through xaso.wsgi's application, keeping the test database connection open
    across it as Django's test client does (its handler closes old connections when a request
    ends, and the test client reconnects that handler after each of its own requests)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        seen = []
        body = b"".join(app(request.environ, lambda status, headers: seen.append((status, dict(headers)))))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return seen[0][0], seen[0][1], body


def test_the_servers_fast_path_answers_a_poll_as_the_view_does(client, north, wsgi_app):
    cluster, token = north
    for name in ("community:radio_playlist_json", "community:radio_playlist_m3u"):
        url = reverse(name, args=[cluster.pk])
        status, headers, body = call(
            wsgi_app, RequestFactory().get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
        )
        view = client.get(url + f"?token={token}")
        assert (status, headers["Content-Type"], body) == ("200 OK", view["Content-Type"], view.content)
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_fast_path_refuses_a_wrong_token_and_leaves_other_requests_to_django(north, wsgi_app):
    cluster, token = north
    url = reverse("community:radio_playlist_json", args=[cluster.pk])
    status, _headers, body = call(wsgi_app, RequestFactory().get(url, {"token": "guessed"}))
    assert status.startswith("401") and b"wrong token" in body
    status, _headers, _body = call(
        wsgi_app, RequestFactory().get(url.replace("playlist.json", "playlist.txt"))
    )
    assert status.startswith("404")
    status, _headers, _body = call(
        wsgi_app, RequestFactory().get(url, {"token": token}, HTTP_HOST="evil.example")
    )
    assert status.startswith("400")
