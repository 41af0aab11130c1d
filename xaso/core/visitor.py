"""The commune a visitor chose, remembered in a cookie.

Opening a commune's portal (`/xa/<code>/`) remembers it; the home page then offers it first and
the header carries its services. The cookie holds only the commune's public code (no personal
data, nothing secret), so it needs no consent and no signing: a value that is not a commune code
is ignored. Pages rendered from a shell (xaso.core.page_shell) are the same for every visitor, so
a visitor who chose a commune gets the full render instead."""

import re

from django.conf import settings

COMMUNE_COOKIE = "xaso_xa"
COMMUNE_COOKIE_AGE = 365 * 24 * 3600

_CODE = re.compile(r"[0-9]{5}")


def remembered_commune_code(request) -> str:
    """The commune code the visitor's cookie names, or "" when there is none or it is not a code."""
    value = request.COOKIES.get(COMMUNE_COOKIE, "")
    return value if _CODE.fullmatch(value) else ""


def commune_shown(request, code: str) -> None:
    """Mark the request as showing commune `code`'s own page: its header carries that commune's
    services (xaso.web.context), whatever was remembered before."""
    request.commune_shown = code


def remember_commune(request, response, code: str) -> None:
    """Remember `code` on the response, only when it changes (a response that sets no cookie
    stays cacheable)."""
    if request.COOKIES.get(COMMUNE_COOKIE) != code:
        response.set_cookie(
            COMMUNE_COOKIE,
            code,
            max_age=COMMUNE_COOKIE_AGE,
            samesite="Lax",
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
        )
