"""The community digital teams (tổ công nghệ số cộng đồng): teams, members, trainings, help logs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class DigitalTeam(models.Model):
    """A commune's team, or a village's (village set). About three people: the village head and
    two members, often from the Youth Union."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["commune_id", "village__name", "name"]
        verbose_name = _("digital team")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "village"],
                condition=models.Q(is_active=True, village__isnull=False),
                name="dx_one_active_team_per_village",
            )
        ]

    def __str__(self):
        return self.name


class TeamMember(models.Model):
    team = models.ForeignKey(DigitalTeam, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    role = models.CharField(_("role in the team"), max_length=100, blank=True)
    # The resident behind the member, when they have a profile or account on xaso.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    commune_path = "team__commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["team_id", "full_name"]

    def __str__(self):
        return self.full_name


class Training(models.Model):
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    attendees = models.ManyToManyField(TeamMember, related_name="trainings", blank=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return self.topic


class HelpAction(models.TextChoices):
    EID = "eid", _("Installed and activated the e-ID app (VNeID)")
    PAYMENT_ACCOUNT = "payment_account", _("Opened an e-payment account")
    ONLINE_DOSSIER = "online_dossier", _("Filed a first online dossier")
    DIGITAL_SIGNATURE = "digital_signature", _("Got a digital signature")
    ONLINE_SHOP = "online_shop", _("Opened an online shop")
    OTHER = "other", _("Other help")


# Actions that make someone a "digital citizen" for the indicator of that name.
DIGITAL_CITIZEN_ACTIONS = frozenset({HelpAction.EID, HelpAction.PAYMENT_ACCOUNT, HelpAction.ONLINE_DOSSIER})


class HelpLog(models.Model):
    """One door-to-door help, logged on a phone by a team member right after it happened."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        DigitalTeam, null=True, blank=True, on_delete=models.SET_NULL, related_name="help_logs"
    )
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A household named as the village knows it; `household_ref` keeps its code once households exist.
    household = models.CharField(_("household"), max_length=200)
    household_key = models.CharField(max_length=200, db_index=True)
    household_ref = models.CharField(_("household code"), max_length=40, blank=True)
    action = models.CharField(_("what was done"), max_length=20, choices=HelpAction.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    helped_on = models.DateField(_("date"))
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-helped_on", "-pk"]
        indexes = [models.Index(fields=["commune", "helped_on"], name="dx_helplog_commune_date")]

    def __str__(self):
        return f"{self.household} — {self.get_action_display()}"
