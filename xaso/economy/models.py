"""The commune's digital economy: cashless payment points ("chợ 4.0"), producers and their
products (OCOP), production batches and traceability stamps."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class PointKind(models.TextChoices):
    MARKET_STALL = "market_stall", _("Market stall")
    SHOP = "shop", _("Shop")
    SCHOOL = "school", _("School fees")
    UTILITY = "utility", _("Utility counter")
    CLINIC = "clinic", _("Health station")
    OTHER = "other", _("Other")


class PaymentPoint(models.Model):
    """A place that takes payment by a static VietQR code: a market stall, a shop, a school's
    fee desk, a utility counter. The count of active points feeds the DX indicator
    "cashless payment points" (xaso.economy.selectors.payment_points_count)."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=PointKind.choices)
    place = models.CharField(_("where"), max_length=200, blank=True)
    owner_name = models.CharField(_("owner"), max_length=150, blank=True)
    bank_bin = models.CharField(_("bank"), max_length=6)
    account_number = models.CharField(_("account number"), max_length=19)
    account_name = models.CharField(_("account holder"), max_length=100)
    note = models.CharField(_("transfer note"), max_length=25, blank=True)
    payload = models.CharField(max_length=400)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("cashless payment point")
        ordering = ["commune_id", "name"]
        indexes = [models.Index(fields=["commune", "is_active"], name="paypoint_commune_active")]

    def __str__(self):
        return self.name


class ProducerKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    HOUSEHOLD = "household", _("Household business")
    ENTERPRISE = "enterprise", _("Enterprise")


class Producer(models.Model):
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ProducerKind.choices)
    representative = models.CharField(_("representative"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=400, blank=True, db_index=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("producer")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="producer_name_unique")]

    def __str__(self):
        return self.name


class ProductCategory(models.TextChoices):
    # The six OCOP product groups (Decision 148/QĐ-TTg, 2023).
    FOOD = "food", _("Food")
    DRINK = "drink", _("Drinks")
    HERBAL = "herbal", _("Herbal products")
    CRAFT = "craft", _("Handicrafts and textiles")
    PLANTS = "plants", _("Ornamental plants and animals")
    TOURISM = "tourism", _("Rural tourism services")


class Certification(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    GLOBALGAP = "globalgap", "GlobalGAP"
    ORGANIC = "organic", _("Organic")
    HACCP = "haccp", "HACCP"
    ISO22000 = "iso22000", "ISO 22000"


class Product(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="products")
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices)
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True)
    ocop_certificate = models.CharField(_("OCOP certificate number"), max_length=100, blank=True)
    ocop_year = models.PositiveSmallIntegerField(_("OCOP year"), null=True, blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    price_min = models.BigIntegerField(_("price from (đồng)"), null=True, blank=True)
    price_max = models.BigIntegerField(_("price to (đồng)"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    marketplace_links = models.JSONField(_("marketplace listings"), default=list, blank=True)
    photo = models.ImageField(_("photo"), upload_to="economy/products/", blank=True)
    # The light version the public catalogue shows (xaso.core.uploads); `photo` is the original.
    photo_web = models.FileField(upload_to="economy/products/", blank=True)
    PUBLIC_PICTURES = (("photo", "photo_web"),)  # xaso uploads_web_versions
    is_published = models.BooleanField(_("shown in the public catalogue"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.CharField(max_length=600, blank=True, db_index=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("product")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="product_ocop_stars_3_to_5",
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=3, ocop_stars__lte=5),
            ),
        ]
        indexes = [models.Index(fields=["commune", "is_published"], name="product_commune_published")]

    def __str__(self):
        return self.name

    def certification_labels(self) -> list[str]:
        labels = dict(Certification.choices)
        return [str(labels.get(c, c)) for c in self.certifications]


class Batch(models.Model):
    """A production batch: what its stamps vouch for."""

    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="batches")
    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("batch code"), max_length=40)
    produced_on = models.DateField(_("harvest or production date"))
    area = models.CharField(_("area or farm"), max_length=200, blank=True)
    inputs = models.TextField(_("inputs (seed, feed, fertiliser…)"), blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    quantity = models.PositiveIntegerField(_("quantity (units, one stamp each)"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("batch")
        ordering = ["-produced_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["product", "code"], name="batch_code_unique")]

    def __str__(self):
        return f"{self.product} · {self.code}"


class Stamp(models.Model):
    """One traceability stamp, stuck on one unit. The serial is random (80 bits): it cannot be
    guessed from another, so a forger must copy a real one, and copies show up as scans."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="stamps")
    serial = models.CharField(max_length=20, unique=True)
    scan_count = models.PositiveIntegerField(default=0)
    # Distinct places (StampScan.source) it was scanned from, kept up to date by each flush of
    # scans (xaso.economy.scans) so that the public page never counts over all scans.
    places = models.PositiveIntegerField(default=0)
    first_scanned_at = models.DateTimeField(null=True, blank=True)
    last_scanned_at = models.DateTimeField(null=True, blank=True)
    flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.serial


class StampScan(models.Model):
    """One look-up of a stamp. `source` is a keyed hash of the scanner's network (/24), enough to
    count distinct places without keeping anyone's address. Written in batches (xaso.economy.scans),
    `at` being when the page was asked for."""

    stamp = models.ForeignKey(Stamp, on_delete=models.CASCADE, related_name="scans")
    at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=16)

    class Meta:
        indexes = [models.Index(fields=["stamp", "source"], name="stampscan_stamp_source")]

    def __str__(self):
        return f"{self.stamp_id} @ {self.at}"
