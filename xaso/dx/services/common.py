"""What the dx services share: typed text as stored."""


def text_clean(raw, limit: int) -> str:
    """Typed text as stored: no NUL characters (PostgreSQL refuses them), trimmed, bounded."""
    return str(raw or "").replace("\x00", "").strip()[:limit]
