"""Declare once: a new form starts from what the citizen's profile says and from their latest
answers in earlier dossiers, so nobody types the same thing twice."""

from xaso.accounts.models import CitizenProfile
from xaso.onestop.selectors import last_answers

PROFILE_FIELDS = {"full_name", "personal_id", "phone", "email", "address", "date_of_birth"}


def _profile_value(profile: CitizenProfile, name: str):
    value = getattr(profile, name, None)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value or None


def prefill_for(user, procedure, *, profile: CitizenProfile | None = None) -> dict:
    """Starting answers for `procedure`: earlier answers first, the profile over them for the
    fields it declares (the profile is the citizen's own latest word)."""
    if profile is None and user is not None:
        profile = CitizenProfile.objects.filter(user=user).first()
    names = [f["name"] for f in procedure.form]
    data = last_answers(user, names) if user is not None else {}
    if profile is not None:
        for item in procedure.form:
            source = item.get("prefill")
            if source in PROFILE_FIELDS:
                value = _profile_value(profile, source)
                if value:
                    data[item["name"]] = value
    return data
