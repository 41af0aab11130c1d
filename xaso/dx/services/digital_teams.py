"""Writes of the community digital teams: teams, members, trainings, door-to-door help logs."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.community.selectors import household_named_in
from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.core.text import fold
from xaso.dx.models import DigitalTeam, HelpAction, HelpLog, TeamMember, Training
from xaso.dx.permissions import LOG_HELP, MANAGE_TEAMS
from xaso.dx.services.common import text_clean


def team_create(*, actor, commune, name: str, village=None, founded_on: date | None = None) -> DigitalTeam:
    """Set up a digital team for the commune or one of its villages. Rules: commune staff or the
    village head; one active team per village."""
    require(
        actor, MANAGE_TEAMS, commune=commune, message=_("You cannot manage this commune's digital teams.")
    )
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Enter the team's name."), field="name")
    if village is not None and village.commune_id != commune.code:
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    try:
        with transaction.atomic():
            team = DigitalTeam.objects.create(
                commune=commune, village=village, name=name[:150], founded_on=founded_on
            )
            audit_record(
                actor=actor,
                action="digital_team.create",
                target=team,
                commune_code=commune.code,
                summary=name,
            )
    except IntegrityError:
        raise InvalidInput(_("This village already has an active digital team."), field="village") from None
    return team


def team_member_add(
    *, actor, team: DigitalTeam, full_name: str, phone: str = "", role: str = ""
) -> TeamMember:
    """Add a member to a team. Rules: as for managing teams."""
    require(
        actor,
        MANAGE_TEAMS,
        commune=team.commune,
        message=_("You cannot manage this commune's digital teams."),
    )
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput(_("Enter the member's full name."), field="full_name")
    phone = "".join(ch for ch in (phone or "") if ch.isdigit())
    if phone and not 9 <= len(phone) <= 11:
        raise InvalidInput(_("Enter a phone number of 10 digits."), field="phone")
    with transaction.atomic():
        member = TeamMember.objects.create(
            team=team, full_name=full_name[:150], phone=phone, role=role.strip()[:100]
        )
        audit_record(
            actor=actor,
            action="team_member.add",
            target=member,
            commune_code=team.commune_id,
            summary=full_name,
        )
    return member


def training_record(*, actor, commune, held_on: date, topic: str, attendees) -> Training:
    """Record a training and who attended. Rules: attendees are members of the commune's teams."""
    require(
        actor, MANAGE_TEAMS, commune=commune, message=_("You cannot manage this commune's digital teams.")
    )
    topic = " ".join((topic or "").split())
    if not topic:
        raise InvalidInput(_("Enter the training's topic."), field="topic")
    if held_on is None or held_on > timezone.localdate():
        raise InvalidInput(_("Enter the date the training was held (not in the future)."), field="held_on")
    attendees = list(attendees)
    if any(m.team.commune_id != commune.code for m in attendees):
        raise InvalidInput(_("Attendees must be members of this commune's teams."), field="attendees")
    with transaction.atomic():
        training = Training.objects.create(commune=commune, held_on=held_on, topic=topic[:200])
        training.attendees.set(attendees)
        audit_record(
            actor=actor,
            action="training.record",
            target=training,
            commune_code=commune.code,
            summary=topic,
            changes={"attendees": len(attendees)},
        )
    return training


def help_log(
    *,
    actor,
    commune,
    household: str,
    action: str,
    helped_on: date | None = None,
    village=None,
    team=None,
    household_ref: str = "",
    note: str = "",
) -> HelpLog:
    """Log one door-to-door help. Rules: team members, village heads and commune staff of the
    commune; the date is today or earlier (not over a year back); a household is named, one
    of the commune's list when it keeps one (community.selectors.household_named_in)."""
    require(actor, LOG_HELP, commune=commune, message=_("You cannot log help in this commune."))
    household = " ".join(text_clean(household, 400).split())
    if not household:
        raise InvalidInput(
            _("Name the household (head of household and village, or its code)."), field="household"
        )
    if action not in HelpAction.values:
        raise InvalidInput(_("Choose what was done from the list."), field="action")
    today = timezone.localdate()
    helped_on = helped_on or today
    if helped_on > today or (today - helped_on).days > 366:
        raise InvalidInput(_("Enter a date within the last year, not in the future."), field="helped_on")
    if village is not None and village.commune_id != commune.code:
        raise InvalidInput(_("Choose a village of this commune."), field="village")
    if team is not None and team.commune_id != commune.code:
        raise InvalidInput(_("Choose a team of this commune."), field="team")
    listed = household_named_in(commune, household, village=village)
    ref = listed.code if listed is not None else "".join((household_ref or "").split())[:40]
    with transaction.atomic():
        log = HelpLog.objects.create(
            commune=commune,
            team=team,
            village=village,
            household=household[:200],
            household_key=(f"ref:{ref}" if ref else f"{village.pk if village else ''}:{fold(household)}")[
                :200
            ],
            household_ref=ref,
            action=action,
            note=(note or "").strip()[:300],
            helped_on=helped_on,
            helper=actor,
        )
        audit_record(
            actor=actor, action="help_log.create", target=log, commune_code=commune.code, summary=f"{action}"
        )
    return log
