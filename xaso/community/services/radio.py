"""Smart radio (truyền thanh thông minh): loudspeaker clusters with their own tokens and
schedules, bulletins made from text (speech synthesis) or a phone recording (cleaned up), the
playlist each receiver polls, and its alive / played reports."""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community import audio
from xaso.community.models import (
    Announcement,
    AudioStatus,
    Bulletin,
    PlayReport,
    PlayReportKind,
    SpeakerCluster,
)
from xaso.community.permissions import MANAGE_RADIO
from xaso.community.tasks import render_bulletin_audio
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput, NotFound
from xaso.core.permissions import require
from xaso.places.models import Commune, Village

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# A receiver that has not polled or reported for this long is shown as silent.
SILENT_AFTER = timedelta(minutes=30)
# Polls refresh "last seen" at most this often, so the playlist stays a read.
SEEN_EVERY = timedelta(seconds=60)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def schedule_clean(value) -> list[str]:
    """Broadcast times as sorted HH:MM strings; accepts a list or "05:00, 17:00"."""
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value or [])
    times = sorted({str(t).strip() for t in items if str(t).strip()})
    bad = [t for t in times if not TIME.match(t)]
    if bad or not times:
        raise InvalidInput(
            _("Write the broadcast times as HH:MM, separated by commas (e.g. 05:00, 17:00)."),
            field="schedule",
        )
    return times


def speaker_cluster_create(
    *, actor, commune: Commune, name: str, schedule="05:00, 17:00", village: Village | None = None
) -> tuple[SpeakerCluster, str]:
    """Register a loudspeaker cluster; returns it and its token (shown once, stored hashed)."""
    require(actor, MANAGE_RADIO, commune=commune)
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Enter the cluster's name."), field="name")
    if village is not None and village.commune_id != commune.code:
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        cluster = SpeakerCluster.objects.create(
            commune=commune,
            village=village,
            name=name[:100],
            schedule=schedule_clean(schedule),
            token_hash=_hash(token),
        )
        audit_record(
            actor=actor,
            action="speaker_cluster.create",
            target=cluster,
            commune_code=commune.code,
            summary=name,
        )
    return cluster, token


def bulletin_create(
    *,
    actor,
    commune: Commune,
    title: str,
    text: str = "",
    recording=None,
    announcement: Announcement | None = None,
    clusters=(),
    play_from=None,
    play_until=None,
) -> Bulletin:
    """A bulletin from text (read by speech synthesis), a recording (cleaned up) or an
    announcement (its title and text). Rules: radio managers of the commune; the recording is
    checked by content and size; the audio is made by a task after commit."""
    require(actor, MANAGE_RADIO, commune=commune)
    if announcement is not None:
        if announcement.commune_id != commune.code:
            raise NotFound("announcement")
        title = title or announcement.title
        text = text or f"{announcement.title}. {announcement.body}"
    title, text = " ".join((title or "").split()), (text or "").strip()
    if not title:
        raise InvalidInput(_("Enter a title."), field="title")
    if not text and recording is None:
        raise InvalidInput(_("Write the text to read, or upload a recording."), field="text")
    if len(text) > 5000:
        raise InvalidInput(_("The text is too long to read out (5,000 characters at most)."), field="text")
    if recording is not None:
        audio.recording_kind(recording)
    clusters = list(clusters)
    if any(c.commune_id != commune.code for c in clusters):
        raise InvalidInput(_("Choose clusters of this commune."), field="clusters")
    play_from = play_from or timezone.localdate()
    if play_until is not None and play_until < play_from:
        raise InvalidInput(_("The last day must not come before the first."), field="play_until")
    with transaction.atomic():
        bulletin = Bulletin(
            commune=commune,
            title=title[:200],
            text="" if recording is not None else text,
            announcement=announcement,
            play_from=play_from,
            play_until=play_until,
            created_by=actor,
        )
        if recording is not None:
            bulletin.recording.save(f"{secrets.token_hex(8)}.bin", recording, save=False)
        bulletin.save()
        bulletin.clusters.set(clusters)
        audit_record(
            actor=actor,
            action="bulletin.create",
            target=bulletin,
            commune_code=commune.code,
            summary=title,
        )
        transaction.on_commit(lambda: render_bulletin_audio.enqueue(bulletin.pk))
    return bulletin


def cluster_for_token(cluster_id: int, token: str) -> SpeakerCluster:
    """The cluster a receiver speaks for, if its token matches (compared in constant time)."""
    cluster = SpeakerCluster.objects.filter(pk=cluster_id).first()
    if cluster is None or not token or not hmac.compare_digest(cluster.token_hash, _hash(token)):
        raise NotFound("cluster")
    return cluster


def cluster_seen(cluster: SpeakerCluster, now=None) -> None:
    now = now or timezone.now()
    if cluster.last_seen_at is None or now - cluster.last_seen_at >= SEEN_EVERY:
        SpeakerCluster.objects.filter(pk=cluster.pk).update(last_seen_at=now)
        cluster.last_seen_at = now


def cluster_report(*, cluster: SpeakerCluster, kind: str, bulletin_id=None) -> PlayReport:
    """A receiver reports that it is alive or that it played a bulletin of its playlist."""
    if kind not in PlayReportKind.values:
        raise InvalidInput(_("kind must be alive or played"), field="kind")
    bulletin = None
    if kind == PlayReportKind.PLAYED:
        bulletin = playlist_for(cluster).filter(pk=bulletin_id if str(bulletin_id).isdigit() else -1).first()
        if bulletin is None:
            raise InvalidInput(_("That bulletin is not on this cluster's playlist."), field="bulletin")
    now = timezone.now()
    with transaction.atomic():
        report = PlayReport.objects.create(cluster=cluster, bulletin=bulletin, kind=kind, at=now)
        changes = {"last_seen_at": now}
        if bulletin is not None:
            changes["last_played_at"] = now
        SpeakerCluster.objects.filter(pk=cluster.pk).update(**changes)
    return report


def playlist_for(cluster: SpeakerCluster, today=None) -> QuerySet[Bulletin]:
    """What a cluster plays today: ready bulletins of its commune, for it (or for all)."""
    today = today or timezone.localdate()
    return (
        Bulletin.objects.filter(commune_id=cluster.commune_id, status=AudioStatus.READY, play_from__lte=today)
        .filter(Q(play_until__isnull=True) | Q(play_until__gte=today))
        .filter(Q(clusters=None) | Q(clusters=cluster))
        .distinct()
        .order_by("created_at", "id")
    )


def is_silent(cluster: SpeakerCluster, now=None) -> bool:
    now = now or timezone.now()
    return cluster.last_seen_at is None or now - cluster.last_seen_at > SILENT_AFTER
