import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaso.accounts.models import User
from xaso.documents.demo import DEMO_PASSPHRASE
from xaso.documents.models import SignedDocument, SigningCredential, TrustRoot
from xaso.documents.signing.selectors import verification_report
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def demo_var(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEBUG = True
    return tmp_path


def test_pki_demo_makes_signing_work_out_of_the_box(demo_var, capsys):
    call_command("pki", "demo")
    out = capsys.readouterr().out
    assert "TEST" in out and DEMO_PASSPHRASE in out
    seal = SigningCredential.objects.get(holder__isnull=True)
    personal = SigningCredential.objects.get(holder__username="lanhdao")
    assert seal.is_test and personal.is_test
    assert TrustRoot.objects.get().is_test
    leader = User.objects.get(username="lanhdao")
    doc = signed_result_create(
        actor=leader,
        commune=seal.commune,
        title="Thử ký",
        html_or_pdf="<p>Thử</p>",
        credential=personal,
        secret=DEMO_PASSPHRASE,
    )
    report = verification_report(None, doc.file.read())
    assert report.ok
    assert report.signatures[0].is_test
    assert SignedDocument.objects.count() == 1


def test_running_it_again_changes_nothing(demo_var):
    call_command("pki", "demo")
    call_command("pki", "demo")
    assert SigningCredential.objects.count() == 2
    assert TrustRoot.objects.count() == 1
    assert (demo_var / "pki" / "demo" / "ca-key.pem").stat().st_mode & 0o077 == 0


def test_it_refuses_to_run_with_debug_off(demo_var, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("pki", "demo")
