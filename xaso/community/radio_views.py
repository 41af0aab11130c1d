"""Pages of the smart radio (for commune staff) and the receivers' endpoints (token auth)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from xaso.community import playlists, radio, selectors
from xaso.community.forms import BulletinForm, ClusterForm
from xaso.community.permissions import MANAGE_RADIO
from xaso.core.errors import DomainError, NotFound
from xaso.core.forms import attach_error


@login_required
def radio_home(request):
    commune = selectors.commune_of(request.user, MANAGE_RADIO)
    cluster_form = ClusterForm(commune=commune, prefix="cluster")
    bulletin_form = BulletinForm(commune=commune, prefix="bulletin")
    status = 200
    if request.method == "POST" and "cluster-name" in request.POST:
        cluster_form = ClusterForm(request.POST, commune=commune, prefix="cluster")
        if cluster_form.is_valid():
            try:
                cluster, token = radio.speaker_cluster_create(
                    actor=request.user, commune=commune, **cluster_form.cleaned_data
                )
            except DomainError as exc:
                attach_error(cluster_form, exc)
            else:
                request.session["radio_new_token"] = {"cluster": cluster.pk, "token": token}
                return redirect("community:radio")
        status = 422
    elif request.method == "POST":
        bulletin_form = BulletinForm(request.POST, request.FILES, commune=commune, prefix="bulletin")
        if bulletin_form.is_valid():
            try:
                radio.bulletin_create(actor=request.user, commune=commune, **bulletin_form.cleaned_data)
            except DomainError as exc:
                attach_error(bulletin_form, exc)
            else:
                messages.success(request, _("The bulletin was saved; its audio is being made."))
                return redirect("community:radio")
        status = 422
    new_token = request.session.pop("radio_new_token", None)
    now = timezone.now()
    clusters = [(c, radio.is_silent(c, now)) for c in selectors.clusters_for(request.user, commune=commune)]
    return render(
        request,
        "community/radio.html",
        {
            "commune": commune,
            "clusters": clusters,
            "silent_count": sum(1 for _c, silent in clusters if silent),
            "bulletins": selectors.bulletins_for(request.user, commune=commune)[:30],
            "cluster_form": cluster_form,
            "bulletin_form": bulletin_form,
            "new_token": new_token,
            "site_url": request.build_absolute_uri("/").rstrip("/"),
        },
        status=status,
    )


@login_required
def bulletin_audio(request, bulletin_id: int):
    bulletin = selectors.bulletin_for(request.user, bulletin_id)
    if not bulletin.audio:
        raise Http404
    return FileResponse(bulletin.audio.open("rb"), content_type="audio/ogg")


# Receivers: a cluster authenticates with its token (Authorization: Bearer …, or ?token=).


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
    except DomainError as exc:
        return JsonResponse({"detail": str(exc.message), "field": exc.field}, status=422)
    return JsonResponse({"ok": True, "at": report.at.isoformat()}, status=201)
