"""Every stored user file is served by core's file_response: the type xaso recorded (or the one
its server-chosen extension stands for), never sniffed; inline only for pictures and PDFs; a
sandbox CSP. A file stored before names were chosen by the server is a plain download."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.files import HTML, PDF
from xaso.core.uploads import file_response


class Stored:
    """What a FileField gives a view: a name in the storage, opened on demand."""

    def __init__(self, name):
        self.name = name

    def __bool__(self):
        return bool(self.name)

    def open(self, mode="rb"):
        return default_storage.open(self.name, mode)


def _save(name, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return Stored(default_storage.save(name, ContentFile(data)))


def test_a_legacy_html_named_image_is_a_sandboxed_download(settings, tmp_path):
    response = file_response(_save("community/info/x.html", HTML, settings, tmp_path))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_the_recorded_type_wins_over_the_name_and_an_unknown_one_is_a_download(settings, tmp_path):
    stored = _save("a.bin", PDF, settings, tmp_path)
    assert file_response(stored, content_type="application/pdf")["Content-Type"] == "application/pdf"
    refused = file_response(stored, content_type="text/html")
    assert refused["Content-Type"] == "application/octet-stream"
    assert refused["Content-Disposition"].startswith("attachment")


def test_a_pdf_is_shown_inline_under_the_name_given(settings, tmp_path):
    response = file_response(_save("a.pdf", PDF, settings, tmp_path), filename="../quyet-dinh.pdf")
    assert response["Content-Disposition"] == 'inline; filename="quyet-dinh.pdf"'


def test_a_signed_paper_behind_a_download_link_downloads_still_sandboxed(settings, tmp_path):
    stored = _save("a.pdf", PDF, settings, tmp_path)
    response = file_response(stored, content_type="application/pdf", filename="kq.pdf", download=True)
    assert response["Content-Disposition"] == 'attachment; filename="kq.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "sandbox"
