"""Provinces and communes come from the official list (the vietnam-provinces package) and are
never edited by hand; villages are each commune's own data, kept by its officers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from xaso.core.tenancy import ScopedManager


class Province(models.Model):
    code = models.CharField(max_length=2, primary_key=True)
    name = models.CharField(max_length=100)
    type = models.CharField(max_length=40)
    codename = models.CharField(max_length=100)
    search_text = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")

    def __str__(self):
        return self.name


class CommuneType(models.TextChoices):
    XA = "xã", _("commune")
    PHUONG = "phường", _("ward")
    DAC_KHU = "đặc khu", _("special zone")


class Commune(models.Model):
    code = models.CharField(max_length=5, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes")
    name = models.CharField(max_length=100)
    type = models.CharField(max_length=20, choices=CommuneType.choices)
    codename = models.CharField(max_length=100)
    search_text = models.CharField(max_length=200, db_index=True)
    # Records from before July 2025 name a district; kept as text, the hierarchy has none now.
    former_district = models.CharField(max_length=100, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    introduction = models.TextField(blank=True)

    commune_path = "code"
    province_path = "province"
    objects = ScopedManager()

    class Meta:
        ordering = ["province_id", "code"]
        verbose_name = _("commune")

    def __str__(self):
        return self.name


class VillageKind(models.TextChoices):
    THON = "thon", _("hamlet (thôn)")
    BAN = "ban", _("village (bản)")
    TO_DAN_PHO = "to_dan_pho", _("residential group (tổ dân phố)")
    AP = "ap", _("hamlet (ấp)")
    KHU_PHO = "khu_pho", _("quarter (khu phố)")


class Village(models.Model):
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="villages")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=VillageKind.choices, default=VillageKind.THON)
    head_name = models.CharField(max_length=100, blank=True)
    head_phone = models.CharField(max_length=20, blank=True)
    search_text = models.CharField(max_length=200, db_index=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["commune_id", "name"]
        verbose_name = _("village")
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="village_name_unique_in_commune")
        ]

    def __str__(self):
        return self.name
