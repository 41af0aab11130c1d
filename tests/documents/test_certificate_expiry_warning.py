"""A certificate that expires within 30 days warns its holder and the administrators, once; the
dashboard counts it; once expired it is refused at signing with a Vietnamese message."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.support.signing import PASSPHRASE
from xaso.core.errors import Conflict
from xaso.documents.signing.expiry import certificates_expiry_warn, expiring_credentials
from xaso.documents.signing.services import signed_result_create
from xaso.notify.models import Notification


def _expires_in(credential, days):
    credential.not_after = timezone.now() + dt.timedelta(days=days)
    credential.save(update_fields=["not_after"])
    return credential


def test_the_holder_and_the_admin_are_warned_once(leader_credential, commune_leader, system_admin, clerk):
    _expires_in(leader_credential, 20)
    assert certificates_expiry_warn() == 1
    assert certificates_expiry_warn() == 0
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {commune_leader.pk, system_admin.pk}
    note = Notification.objects.get(recipient=commune_leader)
    assert "hết hạn" in note.subject and leader_credential.label in note.body


def test_a_seal_about_to_expire_warns_the_clerk(seal_credential, clerk, commune_leader):
    _expires_in(seal_credential, 5)
    certificates_expiry_warn()
    assert Notification.objects.filter(recipient=clerk).count() == 1


def test_a_certificate_far_from_its_end_warns_nobody(leader_credential, system_admin):
    _expires_in(leader_credential, 90)
    assert certificates_expiry_warn() == 0
    assert not Notification.objects.exists()


def test_the_dashboard_counts_it_for_the_holder_and_the_admin(
    leader_credential, commune_leader, system_admin, clerk
):
    _expires_in(leader_credential, 10)
    assert expiring_credentials(commune_leader).count() == 1
    assert expiring_credentials(system_admin).count() == 1
    assert expiring_credentials(clerk).count() == 0


def test_the_daily_command_runs_the_warning(leader_credential, commune_leader, capsys):
    _expires_in(leader_credential, 3)
    call_command("certificates_warn_expiring", "--now")
    assert "1 certificate" in capsys.readouterr().out
    assert Notification.objects.filter(recipient=commune_leader).exists()


def test_an_expired_certificate_is_refused_at_signing_in_vietnamese(
    media_root, leader_credential, commune, commune_leader
):
    _expires_in(leader_credential, -1)
    with pytest.raises(Conflict) as caught:
        signed_result_create(
            actor=commune_leader,
            commune=commune,
            title="Thử",
            html_or_pdf="<p>Thử</p>",
            credential=leader_credential,
            secret=PASSPHRASE,
        )
    assert caught.value.code == "expired"
    assert "hết hạn" in str(caught.value.message)
