from django import forms
from django.db.models import Subquery
from django.utils.translation import gettext_lazy as _

from xaso.community.models import Announcement, FeedbackCategory, InfoKind, PointKind, SpeakerCluster, Urgency
from xaso.core.bounds import BoundedDateField, BoundedDateTimeField
from xaso.places.models import Village


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), required=False)
    import_valid_rows = forms.BooleanField(
        label=_("Import the valid rows even if some rows have errors"),
        required=False,
        help_text=_("Otherwise nothing is imported until every row is correct."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


# How many of the commune's latest announcements a bulletin may be made from.
ANNOUNCEMENT_CHOICES = 50

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    villages = forms.ModelMultipleChoiceField(
        label=_("Villages"),
        queryset=Village.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to announce to the whole commune."),
    )
    publish_at = BoundedDateTimeField(
        label=_("Publish at"),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text=_("Leave empty to publish now."),
    )
    expires_at = BoundedDateTimeField(
        label=_("Expires at"),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
    )
    attachments = MultipleFileField(
        label=_("Attachments (PDF or images)"), required=False, help_text=_("Up to 5 files, 10 MB each.")
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = Village.objects.filter(commune=commune).order_by("name")


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Cluster name"), max_length=100)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none(), required=False)
    schedule = forms.CharField(label=_("Broadcast times"), initial="05:00, 17:00", max_length=200)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune=commune).order_by("name")


class BulletinForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    announcement = forms.ModelChoiceField(
        label=_("From an announcement"),
        queryset=Announcement.objects.none(),
        required=False,
        help_text=_("Its title and text are read out."),
    )
    text = forms.CharField(label=_("Text to read"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    recording = forms.FileField(
        label=_("Or a recording from a phone"),
        required=False,
        help_text=_("WAV, Ogg, FLAC or AMR, 25 MB at most. Noise is reduced and the volume evened out."),
    )
    clusters = forms.ModelMultipleChoiceField(
        label=_("Clusters"),
        queryset=SpeakerCluster.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to play it on every cluster."),
    )
    play_from = BoundedDateField(
        label=_("Play from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    play_until = BoundedDateField(
        label=_("Play until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        # The latest announcements only, as a filter (a sliced query cannot be filtered, so
        # every choice would fail validation): the ids of the newest, checked in one query.
        latest = Announcement.objects.filter(commune=commune).order_by("-publish_at", "-id")
        self.fields["announcement"].queryset = Announcement.objects.filter(
            pk__in=Subquery(latest.values("pk")[:ANNOUNCEMENT_CHOICES])
        ).order_by("-publish_at", "-id")
        self.fields["clusters"].queryset = SpeakerCluster.objects.filter(commune=commune)


class InfoPageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InfoKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    image = forms.FileField(
        label=_("Image (PNG, JPEG or WebP)"), required=False, help_text=_("Needed for a lane map.")
    )
    wifi_name = forms.CharField(label=_("Free wifi name"), max_length=64, required=False)
    wifi_password = forms.CharField(label=_("Wifi password"), max_length=64, required=False)
    procedure_code = forms.CharField(
        label=_("Procedure code"),
        max_length=20,
        required=False,
        help_text=_("For a procedure guide, e.g. 1.001193."),
    )
    village = forms.ModelChoiceField(
        label=_("Village"),
        queryset=Village.objects.none(),
        required=False,
        help_text=_("For a household list: published only if every household of the village agreed."),
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune=commune).order_by("name")


class FeedbackForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=FeedbackCategory.choices)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none(), required=False)
    text = forms.CharField(label=_("What is wrong, and where?"), widget=forms.Textarea(attrs={"rows": 6}))
    photos = MultipleFileField(label=_("Photos"), required=False, help_text=_("Up to 3 photos, 5 MB each."))
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=5
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=5
    )
    anonymous = forms.BooleanField(
        label=_("Send anonymously (you will only follow it by its code)"), required=False
    )
    name = forms.CharField(label=_("Your name (never published)"), max_length=150, required=False)
    phone = forms.CharField(label=_("Your phone (never published)"), max_length=20, required=False)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune=commune).order_by("name")


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Public answer"), widget=forms.Textarea(attrs={"rows": 5}))
    resolve = forms.BooleanField(label=_("The problem is resolved"), required=False)


class PublicPointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PointKind.choices)
    name = forms.CharField(
        label=_("Name"), max_length=150, help_text=_("e.g. Nhà văn hóa thôn Phúc Lộc — wifi miễn phí")
    )
    village = forms.ModelChoiceField(label=_("Village"), queryset=Village.objects.none(), required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    opening_hours = forms.CharField(
        label=_("Opening hours"), max_length=150, required=False, help_text=_("e.g. 7:30–11:30, 13:30–17:00")
    )
    x_percent = forms.IntegerField(
        label=_("Position across the map (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_(
            "0 is the left edge, 100 the right. Leave both positions empty to place it in its village."
        ),
    )
    y_percent = forms.IntegerField(
        label=_("Position down the map (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("0 is the top edge, 100 the bottom."),
    )

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(commune=commune).order_by("name")


class PointMapForm(forms.Form):
    image = forms.FileField(
        label=_("Picture of the commune's map (PNG, JPEG or WebP)"),
        required=False,
        help_text=_("A drawn or scanned map; the points are placed on it by their positions."),
    )
