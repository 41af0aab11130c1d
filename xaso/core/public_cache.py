"""Anonymous public pages served from the cache framework, with conditional GET.

A public page (the commune portal, the procedure catalogue, a procedure, the feedback board, the
product catalogue) is the same for every visitor without a session, in one language. The view is
decorated with `public_page(scope, …)`: for such a visitor the body is kept in the `pages` cache
under the language, the path with its query, the cookies named in
settings.PUBLIC_PAGE_KEY_COOKIES and the current *version* of each scope the page reads; the
answer carries an ETag and a Last-Modified, and a repeat visit that sends them back gets
304 Not Modified with no body. Everything else (a signed-in user, a session or messages cookie,
a POST, a search with `q`, an answer that is not a plain 200, one that sets a cookie or a CSRF
token) goes to the view as before, uncached.

A scope is a name such as "procedures" or "commune:15469". Its version is the time it last
changed, kept in the same cache; `invalidate_on(Model, scopes)` bumps the versions of the scopes
an object belongs to when it is saved or deleted, so a changed page is rendered again on its next
visit. Writes that bypass model signals (`QuerySet.update`, raw SQL) are caught by the entry's
lifetime, settings.PUBLIC_PAGE_SECONDS. The middleware still runs on every answer (security
headers, CSP, language), so a cached answer differs from a fresh one only by being faster."""

import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

# A scope: a name, or a function (request, **view kwargs) -> name.
Scope = str | Callable[..., str]


def _cache():
    return caches[settings.PUBLIC_PAGE_CACHE]


def _version_key(name: str) -> str:
    # A scope may carry what a visitor typed (an unknown commune code of any length): a long
    # name is hashed so the key stays within what every cache backend accepts (250 characters).
    if len(name) > 100:
        name = "h:" + hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
    return f"pubver:{name}"


def scope_versions(names: Iterable[str]) -> list[int]:
    """The current version (nanoseconds since the epoch) of each scope, starting one now."""
    cache = _cache()
    keys = [_version_key(name) for name in names]
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            # add(): two processes starting the same scope agree on one version.
            if not cache.add(key, value, timeout=None):
                value = cache.get(key, value)
            found[key] = value
    return [found[key] for key in keys]


def scopes_changed(names: Iterable[str]) -> None:
    """Mark the scopes changed: every page reading them is rendered again on its next visit."""
    now = time.time_ns()
    _cache().set_many({_version_key(name): now for name in names}, timeout=None)


def invalidate_on(model, scopes: Callable[[object], Iterable[str]]) -> None:
    """Bump the scopes `scopes(obj)` names whenever a `model` row is saved or deleted."""

    def changed(sender, instance, **kwargs):
        scopes_changed(scopes(instance))

    uid = f"public_cache:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:deleted")


def _cacheable_visit(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.GET.get("q")
        and len(request.get_full_path()) <= 512
    )


def _cacheable_answer(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(response, "carries_personal_data", False)
    )


def public_page(*scopes: Scope, cookies: tuple[str, ...] | None = None):
    """Cache a view's anonymous answers per the versions of `scopes` (names, or functions of
    the request and the view's keyword arguments returning a name) and the values of `cookies`
    (default settings.PUBLIC_PAGE_KEY_COOKIES; () for a page that depends on none)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable_visit(request):
                return view(request, *args, **kwargs)
            names = [scope(request, **kwargs) if callable(scope) else scope for scope in scopes]
            versions = scope_versions(names)
            keyed = settings.PUBLIC_PAGE_KEY_COOKIES if cookies is None else cookies
            values = "|".join(request.COOKIES.get(name, "") for name in keyed)
            where = f"{view.__module__}.{view.__qualname__}|{request.get_full_path()}"
            identity = f"{where}|{get_language()}|{values}"
            digest = hashlib.blake2b(f"{identity}|{versions}".encode(), digest_size=16).hexdigest()
            etag = f'"{digest}"'
            last_modified = max(versions) // 1_000_000_000
            cache = _cache()
            entry = cache.get(f"page:{digest}")
            if entry is None:
                response = view(request, *args, **kwargs)
                if not _cacheable_answer(request, response):
                    return response
                entry = (response.content, response["Content-Type"])
                cache.set(f"page:{digest}", entry, settings.PUBLIC_PAGE_SECONDS)
            else:
                response = HttpResponse(entry[0], content_type=entry[1])
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )

        wrapped.public_page_scopes = scopes
        return wrapped

    return decorator
