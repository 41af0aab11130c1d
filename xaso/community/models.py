"""Households and their residents, imports of the household list, announcements and who they
reached. Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.models import WorkflowEvent
from xaso.core.tenancy import ScopedManager


class Household(models.Model):
    """A household (hộ gia đình) of a village, identified in its commune by its code."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey("places.Village", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("household code"), max_length=30)
    address = models.CharField(_("address"), max_length=300, blank=True)
    head_name = models.CharField(_("head of household"), max_length=150)
    # The one person who receives announcements for the family and relays them.
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=10, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_zalo_id = models.CharField(_("Zalo ID"), max_length=64, blank=True)
    contact_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Consent (Decree 13/2023): nothing about a household is public unless it agreed, field by field.
    public_name = models.BooleanField(_("the head's name may be shown publicly"), default=False)
    public_address = models.BooleanField(_("the address may be shown publicly"), default=False)
    public_phone = models.BooleanField(_("the phone may be shown publicly"), default=False)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    village_path = "village"  # a village head reaches their village's households only
    objects = ScopedManager()

    class Meta:
        ordering = ["village__name", "code"]
        verbose_name = _("household")
        constraints = [models.UniqueConstraint(fields=["commune", "code"], name="household_code_unique")]

    def __str__(self):
        return f"{self.code} — {self.head_name}"


class Resident(models.Model):
    """A member of a household; linked to the citizen's profile where one exists."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="residents")
    full_name = models.CharField(_("full name"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    is_head = models.BooleanField(default=False)
    profile = models.ForeignKey(
        "accounts.CitizenProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    commune_path = "household__commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-is_head", "id"]
        verbose_name = _("resident")

    def __str__(self):
        return self.full_name


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Checking rows")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Not imported: the file has errors")
    FAILED = "failed", _("Failed")


class HouseholdImport(models.Model):
    """One upload of the household list, run by a task; the page shows its progress."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="community/imports/")
    original_name = models.CharField(max_length=200)
    import_valid_rows = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    # Rows checked so far; the import then saves everything in one transaction (status SAVING).
    checked_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    report = models.FileField(upload_to="community/import-reports/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if not self.total_rows:
            return 0
        # Checking is the first 90%; saving the last 10%.
        return min(90, int(90 * self.checked_rows / self.total_rows)) + (5 if self.status == "saving" else 0)

    @property
    def finished(self) -> bool:
        return self.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.SAVING)


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    IMPORTANT = "important", _("Important")
    URGENT = "urgent", _("Urgent")


class Announcement(models.Model):
    """A notice of the commune, to all its villages (none chosen) or to the chosen ones.
    Published at `publish_at` (then fanned out to every household's contact), hidden after
    `expires_at`."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    villages = models.ManyToManyField("places.Village", blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Set once, when the announcement was delivered to the households (see announcements.fan_out).
    fanned_out_at = models.DateTimeField(null=True, blank=True)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("announcement")
        indexes = [models.Index(fields=["commune", "-publish_at"], name="announcement_public_idx")]

    def __str__(self):
        return self.title

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return self.publish_at <= now and (self.expires_at is None or self.expires_at > now)


class Attachment(models.Model):
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="community/attachments/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    commune_path = "announcement__commune"
    objects = ScopedManager()

    def __str__(self):
        return self.name


class ReachedHow(models.TextChoices):
    LINK = "link", _("Confirmed by the link")
    IN_PERSON = "in_person", _("Told in person")


class Delivery(models.Model):
    """An announcement for one household: whether (and how) the household was reached."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="deliveries")
    # Copied from the household at fan-out: coverage per village is read without a join.
    village = models.ForeignKey("places.Village", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reached_at = models.DateTimeField(null=True, blank=True)
    reached_how = models.CharField(max_length=10, choices=ReachedHow.choices, blank=True)
    reached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    commune_path = "announcement__commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("delivery")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "household"], name="delivery_once_per_household")
        ]
        # Coverage reads: per announcement and village, and reached over time.
        indexes = [
            models.Index(fields=["announcement", "village"], name="delivery_village_idx"),
            models.Index(fields=["village", "reached_at"], name="delivery_reached_idx"),
        ]

    def __str__(self):
        return f"{self.announcement_id} → {self.household_id}"


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


class InfoKind(models.TextChoices):
    HISTORY = "history", _("Local history")
    RELIC = "relic", _("Relic")
    SCHOOL = "school", _("School")
    CLINIC = "clinic", _("Clinic")
    CULTURAL_HOUSE = "cultural_house", _("Cultural house")
    LANE_MAP = "lane_map", _("Lane map")
    PROCEDURE_GUIDE = "procedure_guide", _("How to do a procedure")
    HOUSEHOLD_LIST = "household_list", _("Household list of a village")


class InfoPage(models.Model):
    """A page the commune publishes behind a QR information poster."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=InfoKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    image = models.FileField(upload_to="community/info/%Y/%m/", blank=True)
    # The light version the public page shows (xaso.core.uploads); `image` is the staff's original.
    image_web = models.FileField(upload_to="community/info/%Y/%m/", blank=True)
    PUBLIC_PICTURES = (("image", "image_web"),)  # xaso uploads_web_versions
    # Cultural houses: the free wifi.
    wifi_name = models.CharField(_("wifi name"), max_length=64, blank=True)
    wifi_password = models.CharField(_("wifi password"), max_length=64, blank=True)
    # Procedure guides: the national procedure code, linked to the one-stop catalogue.
    procedure_code = models.CharField(_("procedure code"), max_length=20, blank=True)
    # Household lists: the village whose (consenting) households are listed.
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    view_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("information page")

    def __str__(self):
        return self.title


class FeedbackCategory(models.TextChoices):
    ROADS = "roads", _("Roads and bridges")
    LIGHTING = "lighting", _("Street lighting")
    ENVIRONMENT = "environment", _("Rubbish and environment")
    WATER = "water", _("Water and drainage")
    ORDER = "order", _("Security and order")
    SERVICES = "services", _("Public services")
    OTHER = "other", _("Other")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Being handled")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")
    MERGED = "merged", _("Merged into another report")


class FeedbackReport(models.Model):
    """A citizen's report of a problem (phản ánh, kiến nghị), FixMyStreet-style: public with its
    answer, the reporter's identity never shown; anonymous reports keep no identity at all."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=FeedbackCategory.choices)
    text = models.TextField(_("what is wrong"))
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField(max_length=150, blank=True)
    reporter_phone = models.CharField(max_length=10, blank=True)
    tracking_code = models.CharField(max_length=12, unique=True)
    status = models.CharField(max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField()
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    commune_path = "commune"
    citizen_path = "reporter"
    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("feedback report")
        indexes = [models.Index(fields=["commune", "status", "-created_at"], name="feedback_board_idx")]

    def __str__(self):
        return self.tracking_code


class FeedbackEvent(WorkflowEvent):
    """One step of a report's timeline, written by the engine (xaso.community.workflow); for the
    staff only: it names the officer who acted."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("feedback event")

    @property
    def status_label(self) -> str:
        return FeedbackStatus(self.to_status).label


class FeedbackPhoto(models.Model):
    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="community/feedback/%Y/%m/")
    # The light version the public board shows (xaso.core.uploads); `file` is the staff's original.
    web = models.FileField(upload_to="community/feedback/%Y/%m/", blank=True)
    PUBLIC_PICTURES = (("file", "web"),)  # xaso uploads_web_versions
    content_type = models.CharField(max_length=50)

    commune_path = "report__commune"
    objects = ScopedManager()

    def __str__(self):
        return self.file.name


class FeedbackSubscriber(models.Model):
    """Someone other than the reporter who follows a report (a neighbour with the same problem):
    told of every update, as the reporter is."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="subscribers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    commune_path = "report__commune"
    citizen_path = "user"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("feedback subscriber")
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="feedback_subscriber_unique")]

    def __str__(self):
        return f"{self.report} — {self.user}"
