"""Public wifi and digital-support points of a commune (free wifi at a cultural house, a desk
where the community digital team helps people online), shown on the commune portal with a small
map drawn without external tiles: over the picture the commune uploads, or over a schematic of
its villages. Commune-owned: every model goes through `ScopedManager` (xaso.core.tenancy)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class PointKind(models.TextChoices):
    WIFI = "wifi", _("Free public wifi")
    DIGITAL_SUPPORT = "digital_support", _("Digital support point")


class PublicPoint(models.Model):
    """A place where people get free wifi or help with digital services. Its position on the
    commune's map is in percent of the map's width and height (x from the left, y from the top);
    without one the schematic map puts it in its village."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    village = models.ForeignKey(
        "places.Village", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PointKind.choices)
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=150, blank=True)
    x_percent = models.PositiveSmallIntegerField(
        _("position across the map (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    y_percent = models.PositiveSmallIntegerField(
        _("position down the map (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("public wifi or digital-support point")
        indexes = [models.Index(fields=["commune", "kind"], name="publicpoint_commune_idx")]
        constraints = [
            models.CheckConstraint(
                name="publicpoint_position_in_map",
                condition=(models.Q(x_percent__isnull=True) | models.Q(x_percent__lte=100))
                & (models.Q(y_percent__isnull=True) | models.Q(y_percent__lte=100)),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def placed(self) -> bool:
        return self.x_percent is not None and self.y_percent is not None


class PointMap(models.Model):
    """The picture of the commune the points are placed on (a drawn or scanned map the commune
    uploads through xaso.core.uploads); one per commune."""

    commune = models.OneToOneField("places.Commune", on_delete=models.PROTECT, related_name="+")
    image = models.FileField(upload_to="community/points/%Y/%m/")
    # The light version the portal shows; `image` is the staff's original (re-encoded).
    image_web = models.FileField(upload_to="community/points/%Y/%m/", blank=True)
    PUBLIC_PICTURES = (("image", "image_web"),)  # xaso uploads_web_versions
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("map of the public points")

    def __str__(self):
        return f"{self.commune_id} map"
