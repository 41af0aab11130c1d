"""Signed documents whose file another app serves. A signed document about a subject of another
app (a dossier's result: `subject_type="onestop.dossier"`) may carry that subject's personal
data, so anyone holding its verification code must not download it: the app that owns the
subject registers, in its AppConfig.ready(), where its file is served — behind that app's own
sign-in, scope and reading record:

    from xaso.documents.signing.subjects import register_subject_file_route
    register_subject_file_route("onestop.dossier", result_url)

`result_url(doc)` gives the address of the file for the signed document `doc`. The public record
(`documents:verify_code`: title, issuer, signer, fingerprint) and checking a file one holds
(`documents:verify`) stay open to everyone; only the file moves behind the owner's door.
"""

from collections.abc import Callable

_routes: dict[str, Callable] = {}


def register_subject_file_route(subject_type: str, route: Callable) -> None:
    existing = _routes.get(subject_type)
    if existing is not None and existing is not route:
        raise ValueError(f"a file route for {subject_type!r} is already registered")
    _routes[subject_type] = route


def subject_file_url(doc) -> str | None:
    """Where the owning app serves this signed document's file, or None when documents serves it."""
    route = _routes.get(doc.subject_type) if doc.subject_type else None
    return route(doc) if route is not None else None
