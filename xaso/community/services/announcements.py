"""Announcements: written once, published on the commune's page and feeds, fanned out to every
household's contact through the notify app, acknowledged with one tap on a signed link or
marked "told in person" by the village head.

Fan-out happens once per announcement (`fanned_out_at`, taken under a row lock): at creation
when the publish time has come, else by the task queued for the publish time or by the
`announcements_publish_due` sweep.
"""

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import default_task_backend

from xaso.community.models import Announcement, Attachment, Delivery, ReachedHow, Urgency
from xaso.community.permissions import PUBLISH_ANNOUNCEMENTS, villages_allowed
from xaso.community.services.fanout import ACK_MAX_AGE, ACK_SIGNER, announcement_fan_out
from xaso.community.tasks import fan_out_announcement
from xaso.core.audit import audit_record
from xaso.core.errors import DomainError, InvalidInput
from xaso.core.permissions import require
from xaso.core.text import fold_all, xml_safe
from xaso.core.uploads import file_check
from xaso.places.models import Commune, Village

MAX_ATTACHMENTS = 5


class AckLinkInvalid(DomainError):
    status = 400
    code = "ack_link_invalid"
    title = _("This link is not valid")


class AckLinkExpired(DomainError):
    status = 410
    code = "ack_link_expired"
    title = _("This link has expired")


def delivery_for_token(token: str) -> Delivery:
    """The delivery a link names. Rules: a forged or altered token is invalid; a token older
    than ACK_MAX_AGE, or for an announcement past its expiry, has expired."""
    try:
        delivery_id = signing.b62_decode(ACK_SIGNER.unsign(token, max_age=ACK_MAX_AGE))
    except signing.SignatureExpired:
        raise AckLinkExpired(
            _("This confirmation link is too old. Nothing more is needed from you.")
        ) from None
    except signing.BadSignature:
        raise AckLinkInvalid(
            _("This confirmation link is not valid. Please open the link exactly as you received it.")
        ) from None
    delivery = (
        Delivery.objects.select_related("announcement", "announcement__commune", "household")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        raise AckLinkInvalid(
            _("This confirmation link is not valid. Please open the link exactly as you received it.")
        )
    expires = delivery.announcement.expires_at
    if expires is not None and expires <= timezone.now():
        raise AckLinkExpired(_("This announcement has expired. Nothing more is needed from you."))
    return delivery


def _clean(title: str, body: str, urgency: str, publish_at, expires_at) -> tuple[str, str]:
    # Control characters would reach the RSS/Atom feeds, which XML cannot carry: never kept.
    title, body = " ".join(xml_safe(title).split()), xml_safe(body).strip()
    if not title:
        raise InvalidInput(_("Enter a title."), field="title")
    if len(title) > 200:
        raise InvalidInput(_("The title is too long (200 characters at most)."), field="title")
    if not body:
        raise InvalidInput(_("Enter the text of the announcement."), field="body")
    if urgency not in Urgency.values:
        raise InvalidInput(_("Choose an urgency from the list."), field="urgency")
    if expires_at is not None and expires_at <= (publish_at or timezone.now()):
        raise InvalidInput(_("The expiry must come after the publish time."), field="expires_at")
    return title, body


def announcement_create(
    *,
    actor,
    commune: Commune,
    title: str,
    body: str,
    urgency: str = Urgency.NORMAL,
    villages: list[Village] | None = None,
    publish_at=None,
    expires_at=None,
    attachments=(),
) -> Announcement:
    """Write an announcement for the whole commune (no villages) or the chosen villages.
    Rules: officers and village heads of the commune; villages must be the commune's (a
    village head tied to a village: theirs, and no villages means theirs);
    attachments are PDF or images checked by content, 10 MB each, 5 at most; if the publish
    time has come it is fanned out to the households in the same transaction, else a task is
    queued for that time."""
    require(actor, PUBLISH_ANNOUNCEMENTS, commune=commune)
    now = timezone.now()
    publish_at = publish_at or now
    title, body = _clean(title, body, urgency, publish_at, expires_at)
    villages = list(villages or [])
    if any(v.commune_id != commune.code for v in villages):
        raise InvalidInput(_("Choose villages of this commune."), field="villages")
    allowed = villages_allowed(actor, PUBLISH_ANNOUNCEMENTS, commune)
    if allowed is not None:  # a village head speaks to their own village
        if any(v.pk not in allowed for v in villages):
            raise InvalidInput(_("Choose your own village."), field="villages")
        villages = villages or list(Village.objects.filter(pk__in=allowed))
    attachments = list(attachments)
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidInput(_("Attach at most %(n)d files.") % {"n": MAX_ATTACHMENTS}, field="attachments")
    checked = [file_check(upload, field="attachments") for upload in attachments]
    with transaction.atomic():
        announcement = Announcement.objects.create(
            commune=commune,
            title=title,
            body=body,
            urgency=urgency,
            publish_at=publish_at,
            expires_at=expires_at,
            created_by=actor,
            search_text=fold_all(title, body[:300])[:400],
        )
        announcement.villages.set(villages)
        for attachment in checked:
            Attachment.objects.create(
                announcement=announcement,
                file=attachment.content(),
                name=attachment.original_name,
                content_type=attachment.content_type,
                size=attachment.size,
            )
        audit_record(
            actor=actor,
            action="announcement.create",
            target=announcement,
            commune_code=commune.code,
            summary=title,
            changes={"urgency": urgency, "villages": [v.pk for v in villages], "publish_at": publish_at},
        )
        if publish_at <= now:
            announcement_fan_out(announcement_id=announcement.pk)
            announcement.refresh_from_db(fields=["fanned_out_at"])
        elif default_task_backend.supports_defer:
            transaction.on_commit(
                lambda: fan_out_announcement.using(run_after=publish_at).enqueue(announcement.pk)
            )
    return announcement


def delivery_acknowledge(*, token: str) -> Delivery:
    """A household confirms with one tap. Rules: the signed link is the authority (no sign-in);
    a second tap changes nothing."""
    delivery = delivery_for_token(token)
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=delivery.pk, reached_at__isnull=True).update(
            reached_at=timezone.now(), reached_how=ReachedHow.LINK
        )
        if updated:
            audit_record(
                actor=None,
                action="delivery.acknowledge",
                target=delivery,
                commune_code=delivery.announcement.commune_id,
                summary=delivery.household.code,
            )
    delivery.refresh_from_db()
    return delivery


def deliveries_mark_in_person(*, actor, announcement: Announcement, delivery_ids) -> int:
    """The village head records households told in person. Rules: staff or village heads of
    the commune; a household already reached keeps how it was reached."""
    require(actor, PUBLISH_ANNOUNCEMENTS, commune=announcement.commune)
    ids = [int(i) for i in delivery_ids if str(i).isdigit()]
    if not ids:
        raise InvalidInput(_("Tick the households you told in person."), field="deliveries")
    with transaction.atomic():
        count = Delivery.objects.filter(
            announcement=announcement, pk__in=ids, reached_at__isnull=True
        ).update(reached_at=timezone.now(), reached_how=ReachedHow.IN_PERSON, reached_by=actor)
        audit_record(
            actor=actor,
            action="delivery.mark_in_person",
            target=announcement,
            commune_code=announcement.commune_id,
            summary=f"{count}",
            changes={"deliveries": ids},
        )
    return count
