"""Personal links of people invited to a meeting from outside: the meeting's QR address with a
token (Django's signing, salted for meetings) naming the invitee. Nothing is stored; a link
dies with its invitee, and a token of one meeting opens no other."""

from django.core import signing

from xaso.documents.models import Meeting, MeetingInvitee

SALT = "xaso.documents.meeting-invitee"  # noqa: S105 — a namespace, not a secret


def invitee_token(invitee: MeetingInvitee) -> str:
    return signing.dumps([invitee.meeting.code, invitee.pk], salt=SALT, compress=True)


def invitee_from_token(meeting: Meeting, token: str) -> MeetingInvitee | None:
    if not token:
        return None
    try:
        code, invitee_id = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if code != meeting.code:
        return None
    return meeting.invitees.filter(pk=invitee_id).first()
