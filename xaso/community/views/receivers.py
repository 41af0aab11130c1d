"""Endpoints of loudspeaker receivers (token auth, not a browser session): the playlist (the
same answer as receiver_wsgi's fast path), a bulletin's audio, and their reports."""

import json

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from xaso.community import playlists
from xaso.community.services import radio
from xaso.core.errors import USER_ERRORS, NotFound


def _token(request) -> str:
    return playlists.request_token(request)


def _cluster(request, cluster_id):
    try:
        return radio.cluster_for_token(cluster_id, _token(request))
    except NotFound:
        return None


def _unauthorised():
    return JsonResponse({"detail": "unknown cluster or wrong token"}, status=401)


def _playlist(request, cluster_id: int, fmt: str):
    token = _token(request)
    receiver = playlists.receiver_for(cluster_id, token)
    if receiver is None:
        return _unauthorised()
    playlists.receiver_seen(receiver)
    base = request.build_absolute_uri("/").rstrip("/")
    body, content_type = playlists.playlist_body(receiver, token=token, base=base, fmt=fmt)
    return HttpResponse(body, content_type=content_type)


def playlist_json(request, cluster_id: int):
    return _playlist(request, cluster_id, playlists.JSON)


def playlist_m3u(request, cluster_id: int):
    return _playlist(request, cluster_id, playlists.M3U)


def receiver_audio(request, cluster_id: int, bulletin_id: int):
    cluster = _cluster(request, cluster_id)
    if cluster is None:
        return _unauthorised()
    bulletin = radio.playlist_for(cluster).filter(pk=bulletin_id).first()
    if bulletin is None or not bulletin.audio:
        raise Http404
    return FileResponse(bulletin.audio.open("rb"), content_type="audio/ogg")


@csrf_exempt  # machines post here with their token, not a browser session
@require_POST
def receiver_report(request, cluster_id: int):
    cluster = _cluster(request, cluster_id)
    if cluster is None:
        return _unauthorised()
    try:
        body = json.loads(request.body or b"{}")
        if not isinstance(body, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"detail": "send a JSON object"}, status=400)
    try:
        report = radio.cluster_report(
            cluster=cluster, kind=str(body.get("kind", "")), bulletin_id=body.get("bulletin")
        )
    except USER_ERRORS as exc:
        return JsonResponse({"detail": str(exc.message), "field": exc.field}, status=422)
    return JsonResponse({"ok": True, "at": report.at.isoformat()}, status=201)
