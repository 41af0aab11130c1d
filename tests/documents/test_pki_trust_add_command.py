"""`xaso pki trust add FILE`: an administrator installs the roots and intermediate CAs of the
licensed providers, in PEM or DER, without any demo step; anything else is refused clearly."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xaso.core.models import AuditEvent
from xaso.documents.models import TrustRoot
from xaso.documents.signing import pki


@pytest.fixture
def no_debug(settings):
    settings.DEBUG = False  # a real installation: installing a root needs no demo switch


def test_a_pem_root_is_trusted_and_audited(db, no_debug, tmp_path, test_ca, capsys):
    path = tmp_path / "root.pem"
    path.write_bytes(test_ca.cert_pem)
    call_command("pki", "trust", "add", str(path))
    root = TrustRoot.objects.get()
    assert bytes(root.certificate_der) == test_ca.cert_der
    assert "trusted:" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="trust_root.add").count() == 1


def test_a_der_root_is_trusted_once_whatever_the_number_of_runs(db, no_debug, tmp_path, test_ca):
    path = tmp_path / "root.cer"
    path.write_bytes(test_ca.cert_der)
    call_command("pki", "trust", "add", str(path))
    call_command("pki", "trust", "add", str(path))
    assert TrustRoot.objects.count() == 1


def test_a_bundle_of_a_root_and_an_intermediate_trusts_both(db, no_debug, tmp_path):
    root = pki.ca_create("Bundle Root")
    intermediate = pki.ca_create("Bundle Intermediate")
    path = tmp_path / "bundle.pem"
    path.write_bytes(root.cert_pem + intermediate.cert_pem)
    call_command("pki", "trust", "add", str(path))
    assert TrustRoot.objects.count() == 2


def test_a_file_that_is_not_a_certificate_is_refused_clearly(db, no_debug, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("không phải chứng thư")
    with pytest.raises(CommandError, match="notes.txt"):
        call_command("pki", "trust", "add", str(path))
    assert not TrustRoot.objects.exists()


def test_a_personal_certificate_is_not_a_trust_root(db, no_debug, tmp_path, leader_cert):
    path = tmp_path / "leader.pem"
    path.write_bytes(leader_cert.cert_pem)
    with pytest.raises(CommandError):
        call_command("pki", "trust", "add", str(path))
    assert not TrustRoot.objects.exists()


def test_a_missing_file_is_named(db, no_debug, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("pki", "trust", "add", str(tmp_path / "nothing.pem"))
