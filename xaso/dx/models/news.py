"""Short news items a commune posts in the "Chuyển đổi số" section of its portal."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xaso.core.tenancy import ScopedManager


class NewsStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("news", "Draft")
    PUBLISHED = "published", pgettext_lazy("news", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("news", "Withdrawn")


class NewsItem(models.Model):
    """A news item of the commune's digital transformation (a training held, a village's smart
    radio switched on). Written as a draft, published on the portal, withdrawn if need be; the
    engine moves its status (workflow.NEWS_FLOW)."""

    commune = models.ForeignKey("places.Commune", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    # The picture as checked and re-encoded (staff), and its light version for the public page.
    picture = models.FileField(upload_to="dx/news/%Y/", blank=True)
    picture_web = models.FileField(upload_to="dx/news/%Y/", blank=True)
    PUBLIC_PICTURES = (("picture", "picture_web"),)  # xaso uploads_web_versions
    status = models.CharField(
        _("status"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    # Stamped by the first publication; a withdrawn item published again keeps its date.
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    commune_path = "commune"
    objects = ScopedManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        # The public list, the portal's latest three and the calculator read by commune and status.
        indexes = [
            models.Index(fields=["commune", "status", "-published_at"], name="dx_news_public"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == NewsStatus.PUBLISHED
