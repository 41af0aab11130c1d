"""Receivers poll their playlist (M3U and JSON) with their own token and report alive/played;
the commune sees the clusters that went silent."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from xaso.community.models import AudioStatus, Bulletin, PlayReport, SpeakerCluster
from xaso.community.services.radio import is_silent, speaker_cluster_create
from xaso.core.errors import InvalidInput

ONE_DAY = timedelta(days=1)


def ready_bulletin(commune, actor, title, clusters=(), **extra):
    bulletin = Bulletin.objects.create(
        commune=commune, title=title, created_by=actor, status=AudioStatus.READY, **extra
    )
    bulletin.audio.save(f"{title}.ogg", ContentFile(b"OggS fake"), save=True)
    bulletin.duration_seconds = 12.4
    bulletin.save()
    bulletin.clusters.set(clusters)
    return bulletin


@pytest.fixture
def setup(one_stop_officer, commune, village):
    north, token = speaker_cluster_create(
        actor=one_stop_officer, commune=commune, name="Cụm loa Bắc", village=village
    )
    south, other_token = speaker_cluster_create(actor=one_stop_officer, commune=commune, name="Cụm loa Nam")
    today = timezone.localdate()
    bulletins = {
        "all": ready_bulletin(commune, one_stop_officer, "Toàn xã"),
        "north": ready_bulletin(commune, one_stop_officer, "Riêng Bắc", [north]),
        "south": ready_bulletin(commune, one_stop_officer, "Riêng Nam", [south]),
        "old": ready_bulletin(
            commune, one_stop_officer, "Hết hạn", play_from=today - timedelta(9), play_until=today - ONE_DAY
        ),
        "later": ready_bulletin(commune, one_stop_officer, "Tuần sau", play_from=today + timedelta(days=7)),
    }  # fmt: skip
    Bulletin.objects.create(commune=commune, title="Đang làm", created_by=one_stop_officer)
    return {"north": north, "token": token, "south": south, "other_token": other_token, "b": bulletins}


def test_the_json_playlist_lists_todays_bulletins_for_the_cluster(client, setup):
    north = setup["north"]
    url = reverse("community:radio_playlist_json", args=[north.pk])
    body = client.get(url, HTTP_AUTHORIZATION=f"Bearer {setup['token']}").json()
    assert body["schedule"] == ["05:00", "17:00"]
    assert [i["title"] for i in body["items"]] == ["Toàn xã", "Riêng Bắc"]
    assert body["items"][0]["duration"] == 12.4
    assert body["items"][0]["url"].startswith("http://testserver/cong-dong/radio/cum/")
    audio = client.get(body["items"][1]["url"])
    assert audio.status_code == 200 and audio["Content-Type"] == "audio/ogg"


def test_the_m3u_playlist_works_with_the_token_in_the_query(client, setup):
    north = setup["north"]
    response = client.get(
        reverse("community:radio_playlist_m3u", args=[north.pk]) + f"?token={setup['token']}"
    )
    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("audio/x-mpegurl")
    assert lines[0] == "#EXTM3U"
    assert lines[1] == "#EXTINF:12,Toàn xã"
    assert lines[2].endswith(f"?token={setup['token']}")
    assert len(lines) == 5


def test_a_wrong_or_borrowed_token_gets_nothing(client, setup):
    north = setup["north"]
    url = reverse("community:radio_playlist_json", args=[north.pk])
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer guessed").status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {setup['other_token']}").status_code == 401
    south_only = setup["b"]["south"]
    audio = (
        reverse("community:radio_receiver_audio", args=[north.pk, south_only.pk]) + f"?token={setup['token']}"
    )
    assert client.get(audio).status_code == 404


def test_the_token_is_stored_only_as_a_hash(setup):
    assert setup["token"] not in SpeakerCluster.objects.get(pk=setup["north"].pk).token_hash


def test_polling_marks_the_cluster_seen_and_reports_record_plays(client, setup):
    north = setup["north"]
    assert is_silent(north)
    client.get(
        reverse("community:radio_playlist_json", args=[north.pk]),
        HTTP_AUTHORIZATION=f"Bearer {setup['token']}",
    )
    north.refresh_from_db()
    assert not is_silent(north)
    report = reverse("community:radio_report", args=[north.pk])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {setup['token']}", "content_type": "application/json"}
    played = client.post(report, {"kind": "played", "bulletin": setup["b"]["north"].pk}, **auth)
    assert played.status_code == 201
    north.refresh_from_db()
    assert north.last_played_at is not None
    assert (
        client.post(report, {"kind": "played", "bulletin": setup["b"]["south"].pk}, **auth).status_code == 422
    )
    assert client.post(report, {"kind": "sleeping"}, **auth).status_code == 422
    assert client.post(report, {"kind": "alive"}, **auth).status_code == 201
    assert client.post(report, {"kind": "alive"}, content_type="application/json").status_code == 401
    assert PlayReport.objects.filter(cluster=north).count() == 2


def test_a_cluster_not_heard_from_for_half_an_hour_is_silent(setup, login, one_stop_officer):
    north = setup["north"]
    now = timezone.now()
    SpeakerCluster.objects.filter(pk=north.pk).update(last_seen_at=now - timedelta(minutes=31))
    SpeakerCluster.objects.filter(pk=setup["south"].pk).update(last_seen_at=now - timedelta(minutes=5))
    north.refresh_from_db()
    assert is_silent(north, now)
    page = login(one_stop_officer).get(reverse("community:radio")).content.decode()
    assert "1 cụm loa đã im lặng" in page


def test_broadcast_times_are_checked(one_stop_officer, commune):
    with pytest.raises(InvalidInput):
        speaker_cluster_create(actor=one_stop_officer, commune=commune, name="X", schedule="5h sáng")


def test_the_radio_page_adds_a_cluster_and_shows_its_token_once(login, one_stop_officer, commune):
    client = login(one_stop_officer)
    response = client.post(
        reverse("community:radio"), {"cluster-name": "Cụm loa Đông", "cluster-schedule": "05:30, 17:00"}
    )
    assert response.status_code == 302
    first = client.get(reverse("community:radio")).content.decode()
    assert 'id="new-token"' in first
    assert 'id="new-token"' not in client.get(reverse("community:radio")).content.decode()
    assert SpeakerCluster.objects.get().schedule == ["05:30", "17:00"]


def test_an_officer_of_another_commune_sees_no_cluster_or_bulletin(login, other_officer, setup):
    client = login(other_officer)
    page = client.get(reverse("community:radio")).content.decode()
    assert "Cụm loa Bắc" not in page and "Toàn xã" not in page
    assert client.get(reverse("community:bulletin_audio", args=[setup["b"]["all"].pk])).status_code == 404


def test_a_citizen_has_no_radio_page(login, citizen):
    assert login(citizen).get(reverse("community:radio")).status_code == 403
