"""What the dx services share: stored text, and the permission checks they refuse with."""

from xaso.core.errors import NotAllowed
from xaso.core.tenancy import scope_of


def text_clean(raw, limit: int) -> str:
    """Typed text as stored: no NUL characters (PostgreSQL refuses them), trimmed, bounded."""
    return str(raw or "").replace("\x00", "").strip()[:limit]


def require_in_province(actor, perm: str, province_code: str, message: str) -> None:
    if not scope_of(actor, perm).reaches(commune_code="", province_code=province_code):
        raise NotAllowed(message)


def require_in_commune(actor, perm: str, commune, message: str) -> None:
    if not scope_of(actor, perm).reaches(commune_code=commune.code, province_code=commune.province_id):
        raise NotAllowed(message)
