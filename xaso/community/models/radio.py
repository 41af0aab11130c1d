"""The smart radio: loudspeaker clusters, bulletins and what the receivers report.
Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.community.models.announcements import Announcement
from xaso.core.tenancy import ScopedManager


class SpeakerCluster(models.Model):
    """A cluster of loudspeakers on one IP receiver (cụm loa): it polls its playlist with its
    own token and reports that it is alive and what it played."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    # SHA-256 of the receiver's token; the token itself is shown once, when the cluster is made.
    token_hash = models.CharField(max_length=64, unique=True)
    schedule = models.JSONField(_("broadcast times"), default=list)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    last_played_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Bumped whenever a bulletin of the commune changes: receivers' playlists are cached per
    # (cluster, version, day) in xaso.community.playlists, which reads it with the token.
    playlist_version = models.PositiveIntegerField(default=0, editable=False)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("loudspeaker cluster")

    def __str__(self):
        return self.name


class AudioStatus(models.TextChoices):
    PENDING = "pending", _("Making the audio")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Audio failed")


class Bulletin(models.Model):
    """A radio bulletin: text read by speech synthesis, or a recording cleaned up; played at
    the schedule of its clusters (all of the commune's when none is chosen) between two dates."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text to read"), blank=True)
    announcement = models.ForeignKey(
        Announcement, null=True, blank=True, on_delete=models.SET_NULL, related_name="bulletins"
    )
    recording = models.FileField(upload_to="community/radio/recordings/%Y/%m/", blank=True)
    audio = models.FileField(upload_to="community/radio/audio/%Y/%m/", blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=AudioStatus.choices, default=AudioStatus.PENDING)
    error = models.TextField(blank=True)
    clusters = models.ManyToManyField(SpeakerCluster, blank=True, related_name="bulletins")
    play_from = models.DateField(_("play from"), default=timezone.localdate)
    play_until = models.DateField(_("play until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("radio bulletin")

    def __str__(self):
        return self.title

    # Any write of a bulletin may change what its commune's clusters play: their cached
    # playlists go stale here, whoever writes (services, the audio task, the admin, tests).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        playlists_changed(self.commune_id)

    def delete(self, *args, **kwargs):
        commune_id = self.commune_id
        result = super().delete(*args, **kwargs)
        playlists_changed(commune_id)
        return result


def playlists_changed(commune_id) -> None:
    """Mark the playlists of a commune's clusters stale (see SpeakerCluster.playlist_version)."""
    SpeakerCluster.objects.filter(commune_id=commune_id).update(
        playlist_version=models.F("playlist_version") + 1
    )


def _bulletin_clusters_changed(sender, instance, action, **kwargs):
    # instance is the bulletin, or the cluster when the set is changed from its side: both
    # carry the commune.
    if action in ("post_add", "post_remove", "post_clear"):
        playlists_changed(instance.commune_id)


m2m_changed.connect(_bulletin_clusters_changed, sender=Bulletin.clusters.through)


class PlayReportKind(models.TextChoices):
    ALIVE = "alive", _("Alive")
    PLAYED = "played", _("Played")


class PlayReport(models.Model):
    cluster = models.ForeignKey(SpeakerCluster, on_delete=models.CASCADE, related_name="reports")
    bulletin = models.ForeignKey(Bulletin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=PlayReportKind.choices)
    at = models.DateTimeField(default=timezone.now)

    commune_path = "cluster__commune"
    objects = ScopedManager()

    class Meta:
        indexes = [models.Index(fields=["cluster", "-at"], name="playreport_cluster_idx")]

    def __str__(self):
        return f"{self.cluster_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
