"""Receivers' playlist polls answered ahead of Django's middleware (see playlists.py for why).
`xaso.wsgi` wraps the application with `with_receiver_fast_path`; every other request, and any
poll that is not a GET or HEAD, goes to Django as usual. The Django views in radio_views.py
answer the same polls the same way (the test client and other servers use them)."""

import json
import logging
import re

from django.core import signals
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.urls import reverse

from xaso.community import playlists

log = logging.getLogger(__name__)
_pattern: re.Pattern | None = None
UNAUTHORISED = json.dumps({"detail": "unknown cluster or wrong token"}).encode()


def _playlist_path() -> re.Pattern:
    global _pattern  # noqa: PLW0603  (built once from the URLconf, so the paths cannot drift apart)
    if _pattern is None:
        json_path = reverse("community:radio_playlist_json", args=[0])
        prefix = re.escape(json_path[: json_path.index("/0/playlist.json")])
        _pattern = re.compile(rf"^{prefix}/(\d{{1,12}})/playlist\.(json|m3u)$")
    return _pattern


def with_receiver_fast_path(application):
    def app(environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            match = _playlist_path().match(environ.get("PATH_INFO", ""))
            if match is not None:
                return _serve(environ, start_response, int(match[1]), match[2])
        return application(environ, start_response)

    return app


def _serve(environ, start_response, cluster_id: int, fmt: str):
    signals.request_started.send(sender=__name__, environ=environ)  # database connection upkeep
    try:
        request = WSGIRequest(environ)
        try:
            base = request.build_absolute_uri("/").rstrip("/")
        except DisallowedHost:
            return _respond(start_response, "400 Bad Request", b"", "text/plain", environ)
        token = playlists.request_token(request)
        receiver = playlists.receiver_for(cluster_id, token)
        if receiver is None:
            return _respond(start_response, "401 Unauthorized", UNAUTHORISED, "application/json", environ)
        playlists.receiver_seen(receiver)
        body, content_type = playlists.playlist_body(receiver, token=token, base=base, fmt=fmt)
        return _respond(start_response, "200 OK", body, content_type, environ)
    except Exception:
        log.exception("playlist poll failed")
        return _respond(start_response, "500 Internal Server Error", b"", "text/plain", environ)
    finally:
        signals.request_finished.send(sender=__name__)


def _respond(start_response, status: str, body: bytes, content_type: str, environ) -> list[bytes]:
    start_response(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", "no-store"),
        ],
    )
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
