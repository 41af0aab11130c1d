from typing import Literal

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_otp import match_token
from ninja import Field, Router, Schema
from ninja.utils import check_csrf

from xaso.accounts.identity import mask_personal_id, mask_phone
from xaso.accounts.models import User
from xaso.accounts.selectors import citizen_profile_for
from xaso.accounts.services import api_token_issue, api_token_user
from xaso.accounts.two_factor import has_confirmed_device, needs_two_factor
from xaso.core.bounds import Id
from xaso.core.errors import DomainError
from xaso.core.ratelimit import TOKEN_ISSUE, limit_hit

router = Router(tags=["auth"])


def api_caller(request) -> User | None:
    """Who an open operation (`auth=None`) acts for: the user of a valid bearer token, or the
    session's user only when the request passes Django's CSRF check; None (anonymous) for
    anyone else. An open operation skips ninja's CSRF check, so trusting the session alone
    would let another site act in a signed-in visitor's name."""
    scheme, _sep, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and key.strip():
        return api_token_user(key.strip())
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and check_csrf(request) is None:
        return user
    return None


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None
    # Least privilege by default: an integration that writes asks for "write".
    scope: Literal["read", "write"] = "read"
    name: str = Field("api", max_length=100)


class TokenOut(Schema):
    token: str
    scope: str
    two_factor: bool


class WrongCredentials(DomainError):
    status = 401
    code = "unauthorized"


def token_credentials_user(request, payload: TokenIn):
    """The account the username and password name, or WrongCredentials."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        # Axes counts this failure; after the limit even the right password is refused.
        raise WrongCredentials(_("Wrong username or password, or too many attempts."), field="password")
    return user


@router.post("/token", response={200: TokenOut}, auth=None)
def token(request, payload: TokenIn):
    """Issue a bearer token. Rules: a user with an authenticator app may give its code (the
    token then counts as two-step verified); one whose roles need it must; a read token cannot
    write; a token lives API_TOKEN_DAYS days."""
    user = token_credentials_user(request, payload)
    two_factor = False
    if payload.otp or needs_two_factor(user):
        if not (payload.otp and has_confirmed_device(user) and match_token(user, payload.otp)):
            raise WrongCredentials(
                _("This account needs the 6-digit code of its authenticator app."), field="otp"
            )
        two_factor = True
    # Each token is a row and an audit event: a password holder cannot issue them without end.
    limit_hit(TOKEN_ISSUE, str(user.pk))
    key = api_token_issue(user=user, name=payload.name, scope=payload.scope, two_factor=two_factor)
    return {"token": key, "scope": payload.scope, "two_factor": two_factor}


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
