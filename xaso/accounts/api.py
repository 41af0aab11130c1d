from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_otp import match_token
from ninja import Router, Schema

from xaso.accounts.identity import mask_personal_id, mask_phone
from xaso.accounts.selectors import citizen_profile_for
from xaso.accounts.services import api_token_issue
from xaso.accounts.two_factor import needs_two_factor
from xaso.core.bounds import Id
from xaso.core.errors import DomainError

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None


class TokenOut(Schema):
    token: str


class WrongCredentials(DomainError):
    status = 401
    code = "unauthorized"


@router.post("/token", response={200: TokenOut}, auth=None)
def token(request, payload: TokenIn):
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        # Axes counts this failure; after the limit even the right password is refused.
        raise WrongCredentials(_("Wrong username or password, or too many attempts."), field="password")
    if needs_two_factor(user) and not (payload.otp and match_token(user, payload.otp)):
        raise WrongCredentials(
            _("This account needs the 6-digit code of its authenticator app."), field="otp"
        )
    return {"token": api_token_issue(user=user, name="api")}


citizens_router = Router(tags=["citizens"])


class CitizenOut(Schema):
    id: int
    full_name: str
    personal_id_masked: str
    phone_masked: str
    commune: str | None
    village: str | None


@citizens_router.get("/{profile_id}", response=CitizenOut)
def citizen_detail(request, profile_id: Id):
    """One citizen profile the caller may see; ID number and phone masked."""
    profile = citizen_profile_for(request.user, profile_id)
    return {
        "id": profile.pk,
        "full_name": profile.full_name,
        "personal_id_masked": mask_personal_id(profile.personal_id or ""),
        "phone_masked": mask_phone(profile.phone),
        "commune": profile.commune_id,
        "village": profile.village.name if profile.village else None,
    }
