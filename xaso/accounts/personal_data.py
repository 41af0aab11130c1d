"""What the accounts app keeps about a person, for their "download my data" (xaso.core.privacy)."""

from xaso.accounts.models import CitizenProfile
from xaso.core.privacy import register_personal_data


def account_of(user) -> dict:
    """The sign-in account and the citizen profile of `user`."""
    profile = CitizenProfile.objects.filter(user=user).first()
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone or "",
        "date_joined": user.date_joined.isoformat(),
        "profile": None
        if profile is None
        else {
            "full_name": profile.full_name,
            "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
            "sex": profile.sex,
            "personal_id": profile.personal_id or "",
            "phone": profile.phone,
            "email": profile.email,
            "commune": profile.commune_id,
            "village": profile.village.name if profile.village_id else None,
            "address": profile.address,
        },
    }


register_personal_data("account", account_of)
