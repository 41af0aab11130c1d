"""QR information pages (history, relics, cultural houses, procedure guides...).
Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


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
