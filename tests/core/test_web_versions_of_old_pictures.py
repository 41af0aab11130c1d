"""`xaso uploads_web_versions` gives pictures stored before web versions existed their light,
EXIF-free version, and leaves a stored file that is not a picture as it is."""

import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from tests.files import HTML, jpeg_with_gps
from xaso.community.models import FeedbackPhoto
from xaso.community.services.feedback import feedback_submit


def test_an_old_feedback_photo_gets_a_web_version_without_gps(db, commune, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = feedback_submit(
        actor=None, commune=commune, category="lighting", text="Đèn hỏng.", ip="10.0.0.3"
    )
    old = FeedbackPhoto.objects.create(
        report=report, content_type="image/jpeg", file=ContentFile(jpeg_with_gps(), "a.jpg")
    )
    broken = FeedbackPhoto.objects.create(
        report=report, content_type="image/png", file=ContentFile(HTML, "x.html")
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("uploads_web_versions", stdout=out, stderr=err)
    old.refresh_from_db()
    broken.refresh_from_db()
    with old.web.open("rb") as stored, Image.open(stored) as web:
        assert not web.getexif()
    assert not broken.web and f"{broken.pk}" in err.getvalue()
    assert "1 web version(s) written" in out.getvalue()
