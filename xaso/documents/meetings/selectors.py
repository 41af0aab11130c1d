"""Reads of paperless meetings, scoped to the actor; the meeting pack for the invited only."""

from django.utils.translation import gettext as _

from xaso.core.errors import NotAllowed, NotFound
from xaso.documents.meetings.links import invitee_from_token
from xaso.documents.models import Meeting, MeetingInvitee
from xaso.documents.permissions import VIEW


def meetings_for(actor):
    """Meetings of the communes the actor may view (their staff and province), newest first."""
    return Meeting.objects.for_actor(actor, VIEW).select_related("commune", "chair")


def meeting_for(actor, meeting_id: int) -> Meeting:
    """One meeting the actor may view, or NotFound (also for another commune's)."""
    meeting = meetings_for(actor).filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound(_("No such meeting."))
    return meeting


def meeting_pack_for(actor, code: str, *, token: str = "", invitee_id: int | None = None):
    """The meeting behind a QR code and the invited person opening it: a signed-in invitee,
    whoever holds an invitee's personal link (`token`), or a browser that opened one before
    (`invitee_id`, kept in its session). Rules: NotFound for an unknown code; NotAllowed for
    everyone else, the commune's other staff included: the pack is for the invited."""
    meeting = Meeting.objects.select_related("commune", "chair", "minutes_document").filter(code=code).first()
    if meeting is None:
        raise NotFound(_("No meeting has this code."))
    invitee = None
    if getattr(actor, "is_authenticated", False):
        invitee = meeting.invitees.filter(user=actor).first()
    invitee = invitee or invitee_from_token(meeting, token)
    if invitee is None and invitee_id is not None:
        invitee = meeting.invitees.filter(pk=invitee_id).first()
    if invitee is None:
        raise NotAllowed(
            _(
                "This meeting's documents are for the people invited to it. If you were invited, sign in "
                "or open the personal link you were sent."
            )
        )
    return meeting, invitee


def meeting_invitees(meeting: Meeting):
    return MeetingInvitee.objects.filter(meeting=meeting).select_related("user")
