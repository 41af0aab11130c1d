"""Personal data: masking for lists, logs and exports, and the registry behind a citizen's
"download my data".

Masking keeps enough to recognise a person one already knows (the last digits), not enough to
identify or contact a stranger. Full numbers are shown only where the role needs them (the
dossier being processed, the household list of the commune's managers).

Each app that keeps data about a person registers an exporter in its AppConfig.ready():
`register_personal_data("dossiers", fn)` where `fn(user) -> JSON-ready value` returns only that
user's own rows. `personal_data_for(user)` assembles every section (the web profile page offers it)."""

from collections.abc import Callable


def mask_digits(value: str, *, keep_start: int, keep_end: int) -> str:
    value = (value or "").strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_phone(phone: str) -> str:
    """'0912345678' → '091****678': the network prefix and the last three digits."""
    return mask_digits(phone, keep_start=3, keep_end=3)


def mask_personal_id(number: str) -> str:
    """'038190000123' → '*********123': the last three digits only (the first six say the
    province, the sex and the birth year)."""
    return mask_digits(number, keep_start=0, keep_end=3)


_exporters: dict[str, Callable] = {}


def register_personal_data(section: str, exporter: Callable) -> None:
    _exporters[section] = exporter


def personal_data_for(user) -> dict:
    """Every registered section of what xaso keeps about `user`, their own rows only."""
    return {section: exporter(user) for section, exporter in sorted(_exporters.items())}
