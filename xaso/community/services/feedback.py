"""Citizen feedback (phản ánh, kiến nghị) in the manner of FixMyStreet: anyone reports a problem
with photos and a place, gets a tracking code, and follows the public answer; officers assign,
answer publicly and resolve within the SLA; duplicates are merged. The public board never shows
who reported; an anonymous report does not even store it. Spam limits: reports per IP address
and per phone per day, photo count and size, photos checked by content. Every officer's move
(assign, answer, resolve, merge) goes through FEEDBACK_FLOW (xaso.community.workflow): the
engine locks the row and writes the timeline row and the audit entry."""

import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.accounts.identity import phone_clean
from xaso.community.models import (
    FeedbackCategory,
    FeedbackPhoto,
    FeedbackReport,
    FeedbackStatus,
    FeedbackSubscriber,
)
from xaso.community.permissions import HANDLE_FEEDBACK
from xaso.community.workflow import FEEDBACK_FLOW
from xaso.core.audit import audit_record
from xaso.core.calendar import due_date
from xaso.core.errors import Conflict, InvalidInput, NotAllowed, RateLimited
from xaso.core.permissions import require
from xaso.core.tenancy import scope_of
from xaso.core.uploads import IMAGE, file_check
from xaso.notify.services import notify_send
from xaso.places.models import Commune, Village

SLA_WORKING_DAYS = 5
MAX_PER_IP_PER_DAY = 5
MAX_PER_PHONE_PER_DAY = 3
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_TEXT = 2000
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


def _tracking_code() -> str:
    return "PA-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def _coordinate(value, limit: int, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.00001"))
    except (InvalidOperation, ValueError):
        raise InvalidInput(_("The place's coordinates are not valid."), field=field) from None
    if not number.is_finite() or abs(number) > limit:
        raise InvalidInput(_("The place's coordinates are not valid."), field=field)
    return number


def feedback_submit(
    *,
    actor,
    commune: Commune,
    category: str,
    text: str,
    village: Village | None = None,
    latitude=None,
    longitude=None,
    photos=(),
    anonymous: bool = False,
    name: str = "",
    phone: str = "",
    ip: str | None = None,
) -> FeedbackReport:
    """Receive a report. Rules: a category and a text (2,000 characters at most); at most 3
    photos of 5 MB, JPEG/PNG/WebP by content; at most 5 reports a day from one IP address and 3
    from one phone; anonymous means no name, phone or account is kept."""
    text = (text or "").strip()
    if category not in FeedbackCategory.values:
        raise InvalidInput(_("Choose a category."), field="category")
    if not text:
        raise InvalidInput(_("Describe the problem."), field="text")
    if len(text) > MAX_TEXT:
        raise InvalidInput(_("The description is too long (2,000 characters at most)."), field="text")
    if village is not None and village.commune_id != commune.code:
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    latitude = _coordinate(latitude, 90, "latitude")
    longitude = _coordinate(longitude, 180, "longitude")
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise InvalidInput(_("Attach at most 3 photos."), field="photos")
    # Re-encoded (no EXIF: a phone photo says where the reporter stood) with a light web
    # version for the public board; the original stays for the staff.
    checked = [
        file_check(p, field="photos", kinds=(IMAGE,), max_bytes=MAX_PHOTO_BYTES, web_version=True)
        for p in photos
    ]
    signed_in = actor is not None and actor.is_authenticated
    phone = phone_clean(phone) if phone and not anonymous else ""
    since = timezone.now() - timedelta(days=1)
    if (
        ip
        and FeedbackReport.objects.filter(source_ip=ip, created_at__gte=since).count() >= MAX_PER_IP_PER_DAY
    ):
        raise RateLimited(_("Too many reports from this connection today. Please try again tomorrow."))
    if (
        phone
        and FeedbackReport.objects.filter(reporter_phone=phone, created_at__gte=since).count()
        >= MAX_PER_PHONE_PER_DAY
    ):
        raise RateLimited(_("Too many reports from this phone number today. Please try again tomorrow."))
    now = timezone.now()
    with transaction.atomic():
        report = FeedbackReport.objects.create(
            commune=commune,
            village=village,
            category=category,
            text=text,
            latitude=latitude,
            longitude=longitude,
            anonymous=anonymous,
            reporter=actor if signed_in and not anonymous else None,
            reporter_name="" if anonymous else (name or (actor.full_name if signed_in else ""))[:150],
            reporter_phone=phone,
            tracking_code=_tracking_code(),
            due_on=due_date(now, SLA_WORKING_DAYS),
            source_ip=ip,
            created_at=now,
        )
        for photo in checked:
            FeedbackPhoto.objects.create(
                report=report, content_type=photo.content_type, file=photo.content(), web=photo.web_content()
            )
        audit_record(
            actor=actor if signed_in else None,
            action="feedback.submit",
            target=report,
            commune_code=commune.code,
            summary=report.tracking_code,
        )
    return report


def _followers(report: FeedbackReport) -> list:
    """The reporter (with an account) and the subscribers, once each."""
    people = {s.user_id: s.user for s in report.subscribers.select_related("user")}
    if report.reporter_id:
        people[report.reporter_id] = report.reporter
    return list(people.values())


def _tell_followers(report: FeedbackReport) -> None:
    for person in _followers(report):
        notify_send(
            recipient=person,
            subject=_("Report %(code)s: %(status)s")
            % {"code": report.tracking_code, "status": report.get_status_display()},
            body=report.answer or report.get_status_display(),
            link=f"/cong-dong/phan-anh/{report.tracking_code}/",
            channels=("inapp", "email"),
        )


def feedback_subscribe(*, actor, report: FeedbackReport) -> FeedbackReport:
    """Follow a report (signed-in people only): told of its updates as the reporter is. A merged
    report is followed on the report it was merged into; following twice changes nothing."""
    if actor is None or not actor.is_authenticated:
        raise NotAllowed(_("Sign in to follow a report."))
    while report.status == FeedbackStatus.MERGED and report.duplicate_of_id:
        report = report.duplicate_of
    if report.reporter_id != actor.pk:
        FeedbackSubscriber.objects.get_or_create(report=report, user=actor)
    return report


def feedback_unsubscribe(*, actor, report: FeedbackReport) -> None:
    """Stop following a report."""
    if actor is not None and actor.is_authenticated:
        FeedbackSubscriber.objects.filter(report=report, user=actor).delete()


def _not_merged(report: FeedbackReport) -> None:
    # The table refuses it too (under the lock); this says which report to answer instead.
    if report.status == FeedbackStatus.MERGED:
        raise Conflict(_("This report was merged into another one; answer that one."))


def feedback_assign(
    *, actor, report: FeedbackReport, officer, expected_status: str | None = None
) -> FeedbackReport:
    """Give a report to a named officer. Rules: handlers of the commune; the officer must handle
    feedback in that commune too; a received report becomes "being handled"; a merged one
    cannot be assigned; the status the actor saw (`expected_status`, else the report's as
    passed) must still hold; the officer is told (in-app, e-mail)."""
    require(actor, HANDLE_FEEDBACK, commune=report.commune)
    if officer is None or not scope_of(officer, HANDLE_FEEDBACK).reaches(
        commune_code=report.commune_id, province_code=report.commune.province_id
    ):
        raise InvalidInput(_("This person does not handle this commune's feedback."), field="officer")
    _not_merged(report)
    with transaction.atomic():
        report, _event = FEEDBACK_FLOW.apply(
            report,
            "assign",
            actor=actor,
            note=str(officer),
            expected_status=expected_status or report.status,
            update=lambda locked, _old: setattr(locked, "assigned_to", officer),
            data={"officer": officer.pk},
        )
        if officer.pk != actor.pk:
            notify_send(
                recipient=officer,
                subject=_("Report %(code)s was given to you") % {"code": report.tracking_code},
                body=report.text[:300],
                link=f"/cong-dong/phan-anh/xu-ly/{report.pk}/",
                channels=("inapp", "email"),
            )
        _tell_followers(report)
    return report


def feedback_answer(
    *,
    actor,
    report: FeedbackReport,
    answer: str,
    resolve: bool = False,
    expected_status: str | None = None,
) -> FeedbackReport:
    """Answer a report publicly (and resolve it). Rules: staff of the commune; a merged report
    is answered on the report it was merged into; the status the actor saw
    (`expected_status`, else the report's as passed) must still hold, so two officers
    answering at once cannot both win; the reporter is told."""
    require(actor, HANDLE_FEEDBACK, commune=report.commune)
    answer = (answer or "").strip()
    if not answer:
        raise InvalidInput(_("Write the answer."), field="answer")
    _not_merged(report)
    now = timezone.now()

    def answered(locked: FeedbackReport, _old: str) -> None:
        locked.answer, locked.answered_at = answer, now
        locked.assigned_to_id = locked.assigned_to_id or actor.pk
        locked.resolved_at = now if resolve else None

    with transaction.atomic():
        report, _event = FEEDBACK_FLOW.apply(
            report,
            "resolve" if resolve else "answer",
            actor=actor,
            note=answer,
            expected_status=expected_status or report.status,
            update=answered,
        )
        _tell_followers(report)
    return report


def feedback_merge(
    *, actor, report: FeedbackReport, into: FeedbackReport, expected_status: str | None = None
) -> FeedbackReport:
    """Merge a duplicate into another open report of the same commune; its reporter and
    followers are told, and follow that one from then on. Both rows are locked (in one order,
    so two merges crossing each other cannot deadlock) and `into` re-read: two reports merged
    into each other at once cannot both go."""
    require(actor, HANDLE_FEEDBACK, commune=report.commune)
    if into.pk == report.pk or into.commune_id != report.commune_id:
        raise InvalidInput(_("Choose another open report of this commune."), field="into")
    with transaction.atomic():
        locked = FeedbackReport.objects.select_for_update().filter(pk__in=[report.pk, into.pk]).order_by("pk")
        into = {r.pk: r for r in locked}[into.pk]
        if into.status == FeedbackStatus.MERGED:
            raise InvalidInput(_("Choose another open report of this commune."), field="into")
        report, _event = FEEDBACK_FLOW.apply(
            report,
            "merge",
            actor=actor,
            note=into.tracking_code,
            expected_status=expected_status or report.status,
            update=lambda merged, _old: setattr(merged, "duplicate_of", into),
            data={"into": into.pk},
        )
        _tell_followers(report)
        # Its followers follow the report it was merged into from now on.
        for person in _followers(report):
            if person.pk != into.reporter_id:
                FeedbackSubscriber.objects.get_or_create(report=into, user=person)
        report.subscribers.all().delete()
    return report


def is_late(report: FeedbackReport, today=None) -> bool:
    today = today or timezone.localdate()
    return report.status not in (FeedbackStatus.RESOLVED, FeedbackStatus.MERGED) and today > report.due_on
