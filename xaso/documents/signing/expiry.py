"""Certificates about to expire (XASO_CERTIFICATE_WARN_DAYS, 30 by default): the figure on the
dashboard, and the daily warning to the holder (for the seal: the commune's clerks and leaders)
and to the administrators, once per certificate (`expiry_warned_at`). Run by the task
`warn_expiring_certificates` (`xaso certificates_warn_expiring`, daily from cron)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.accounts.roles import Role, roles_with
from xaso.core.audit import audit_record
from xaso.documents.models import SigningCredential
from xaso.documents.permissions import ENROL_SEAL
from xaso.notify.services import notify_send


def _window(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return now, now + dt.timedelta(days=settings.CERTIFICATE_WARN_DAYS)


def expiring_soon(credentials, *, now: dt.datetime | None = None) -> list[SigningCredential]:
    """The ones of `credentials` (in hand) still valid but expiring within the warning window."""
    start, end = _window(now or timezone.now())
    return [c for c in credentials if c.revoked_at is None and start <= c.not_after <= end]


def expiring_credentials(actor, *, now: dt.datetime | None = None):
    """The credentials the actor looks after (their own, their communes' seals; every one for
    an administrator) that expire within the warning window."""
    start, end = _window(now or timezone.now())
    qs = SigningCredential.objects.filter(revoked_at__isnull=True, not_after__gte=start, not_after__lte=end)
    if Role.SYSTEM_ADMIN in actor.roles:
        return qs
    seals = SigningCredential.objects.for_actor(actor, ENROL_SEAL).filter(holder__isnull=True)
    return qs.filter(Q(holder=actor) | Q(pk__in=seals.values("pk")))


def _people_to_warn(credential: SigningCredential) -> list[User]:
    people = User.objects.filter(is_active=True).filter(
        Q(memberships__role=Role.SYSTEM_ADMIN, memberships__is_active=True)
        | (
            Q(pk=credential.holder_id)
            if credential.holder_id
            else Q(
                memberships__commune=credential.commune_id,
                memberships__role__in=roles_with(ENROL_SEAL),
                memberships__is_active=True,
            )
        )
    )
    return list(people.distinct().order_by("pk"))


def certificates_expiry_warn(*, now: dt.datetime | None = None) -> int:
    """Warn, once per certificate, the people who look after a certificate that expires within
    the window. Returns the number of certificates warned about."""
    start, end = _window(now or timezone.now())
    due = SigningCredential.objects.filter(
        revoked_at__isnull=True, expiry_warned_at__isnull=True, not_after__gte=start, not_after__lte=end
    ).values_list("pk", flat=True)
    warned = 0
    for pk in list(due[:1000]):
        with transaction.atomic():
            credential = (
                SigningCredential.objects.select_for_update()
                .filter(pk=pk, expiry_warned_at__isnull=True)
                .select_related("commune")
                .first()
            )
            if credential is None:
                continue
            until = timezone.localtime(credential.not_after).strftime("%d/%m/%Y")
            subject = _("A signing certificate expires on %(date)s") % {"date": until}
            body = _(
                "The certificate “%(label)s” of %(commune)s expires on %(date)s. Ask the provider "
                "for a new one and enrol it before then: after that date it cannot sign."
            ) % {"label": credential.label, "commune": credential.commune.name, "date": until}
            for person in _people_to_warn(credential):
                notify_send(
                    recipient=person,
                    subject=subject,
                    body=body,
                    link=reverse("documents:certificates"),
                    ref=f"certificate-expiry:{credential.pk}",
                )
            credential.expiry_warned_at = timezone.now()
            credential.save(update_fields=["expiry_warned_at"])
            audit_record(
                actor=None,
                action="signing_credential.expiry_warned",
                target=credential,
                commune_code=credential.commune_id,
                summary=f"{credential.label} {until}",
            )
            warned += 1
    return warned
