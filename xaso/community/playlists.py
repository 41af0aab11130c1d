"""The playlist each loudspeaker cluster's receiver polls (JSON or M3U), made cheap: a poll is
one primary-key query in raw SQL (the cluster's token hash and playlist version) and, most of
the time, a body taken from this process's cache. The body is computed once per (cluster,
token, playlist version, day, site address, format) and kept until a bulletin of the commune
changes (which bumps the version, see models.playlists_changed) or the day turns. The polls
are also answered ahead of Django's middleware, by the URLconf's own views (radio_views.py) run
by xaso.core.front (hot routes in xaso/wsgi.py): with 1,000s of receivers polling, sessions,
CSRF and the rest were most of a poll's cost and do nothing for a token."""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from xaso.community.models import SpeakerCluster
from xaso.community.services.radio import SEEN_EVERY, playlist_for

CACHE_LIMIT = 4096  # bodies kept per process; a commune has tens of clusters, a province thousands
_bodies: dict[tuple, tuple[bytes, str]] = {}

JSON, M3U = "json", "m3u"
CONTENT_TYPES = {JSON: "application/json", M3U: "audio/x-mpegurl; charset=utf-8"}


@dataclass(frozen=True)
class Receiver:
    """What a poll needs of its cluster, read in one query."""

    id: int
    commune_id: str
    name: str
    schedule: list
    token_hash: str
    version: int
    last_seen_at: datetime | None


def request_token(request) -> str:
    """The receiver's token: `Authorization: Bearer …`, or `?token=` for players that cannot
    send headers."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.GET.get("token", "")


def _receiver_sql() -> str:
    quote, meta = connection.ops.quote_name, SpeakerCluster._meta
    columns = ("id", "commune", "name", "schedule", "token_hash", "playlist_version", "last_seen_at")
    names = ", ".join(quote(meta.get_field(c).column) for c in columns)
    return f"SELECT {names} FROM {quote(meta.db_table)} WHERE {quote('id')} = %s"  # noqa: S608


def _aware(value) -> datetime | None:
    if isinstance(value, str):  # SQLite hands raw rows back as text, in UTC
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def receiver_for(cluster_id: int, token: str) -> Receiver | None:
    """The cluster a receiver speaks for, if its token matches (compared in constant time).
    Raw SQL: compiling the ORM query cost more than running it."""
    if not token:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_receiver_sql(), [cluster_id])
        row = cursor.fetchone()
    if row is None or not hmac.compare_digest(row[4], hashlib.sha256(token.encode()).hexdigest()):
        return None
    schedule = json.loads(row[3]) if isinstance(row[3], str | bytes) else row[3]
    return Receiver(row[0], row[1], row[2], schedule, row[4], row[5], _aware(row[6]))


def receiver_seen(receiver: Receiver, now: datetime | None = None) -> None:
    """Refresh "last seen" at most once a minute, so that polling stays a read."""
    now = now or timezone.now()
    if receiver.last_seen_at is None or now - receiver.last_seen_at >= SEEN_EVERY:
        SpeakerCluster.objects.filter(pk=receiver.id).update(last_seen_at=now)


def playlist_body(receiver: Receiver, *, token: str, base: str, fmt: str, today: date | None = None):
    """The playlist's body and content type; item URLs carry the token (receivers fetch them
    as they are)."""
    today = today or timezone.localdate()
    key = (
        receiver.id,
        receiver.token_hash,
        receiver.version,
        today,
        base,
        fmt,
        receiver.name,
        str(receiver.schedule),
    )
    cached = _bodies.get(key)
    if cached is None:
        if len(_bodies) >= CACHE_LIMIT:
            _bodies.clear()
        cached = _bodies[key] = (_render(receiver, token, base, fmt, today), CONTENT_TYPES[fmt])
    return cached


def _render(receiver: Receiver, token: str, base: str, fmt: str, today: date) -> bytes:
    cluster = SpeakerCluster(pk=receiver.id, commune_id=receiver.commune_id)
    items = [
        (
            b,
            f"{base}{reverse('community:radio_receiver_audio', args=[receiver.id, b.pk])}?token={token}",
        )
        for b in playlist_for(cluster, today).only("pk", "title", "duration_seconds", "created_at")
    ]
    if fmt == M3U:
        lines = ["#EXTM3U"]
        for bulletin, url in items:
            lines += [f"#EXTINF:{round(bulletin.duration_seconds or -1)},{bulletin.title}", url]
        return ("\n".join(lines) + "\n").encode()
    body = {
        "cluster": {"id": receiver.id, "name": receiver.name},
        "date": today.isoformat(),
        "schedule": receiver.schedule,
        "items": [
            {"id": b.pk, "title": b.title, "duration": round(b.duration_seconds or 0, 1), "url": url}
            for b, url in items
        ],
    }
    return json.dumps(body, ensure_ascii=False).encode()
