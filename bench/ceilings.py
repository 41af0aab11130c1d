"""Ceiling views for benchmarks, mounted at /_bench/ only when XASO_BENCH_CEILINGS=1: what
Django itself reaches on this machine, to put each xaso figure beside."""

from django.db import connection
from django.http import Http404, JsonResponse
from django.urls import path

# Raw SQL doing the same indexed query as a scenario's real view; scenarios add theirs here.
QUERIES = {
    "communes_of_province": (
        "SELECT code, name, type, province_id FROM places_commune WHERE province_id = %s ORDER BY code"
    ),
    # bench/scenario_community_radio.py: what a receiver's playlist needs, in one statement.
    "playlist_of_cluster": (
        "SELECT b.id, b.title, b.duration_seconds FROM community_speakercluster c"
        " JOIN community_bulletin b ON b.commune_id = c.commune_id"
        " WHERE c.id = CAST(%s AS INTEGER) AND b.status = 'ready' AND b.play_from <= CURRENT_DATE"
        " AND (b.play_until IS NULL OR b.play_until >= CURRENT_DATE)"
        " AND (NOT EXISTS (SELECT 1 FROM community_bulletin_clusters x WHERE x.bulletin_id = b.id)"
        " OR EXISTS (SELECT 1 FROM community_bulletin_clusters x WHERE x.bulletin_id = b.id"
        " AND x.speakercluster_id = c.id)) ORDER BY b.created_at, b.id"
    ),
    # The one query the public trace page runs once the batch's part is cached.
    "stamp_by_serial": (
        "SELECT id, batch_id, serial, scan_count, places, first_scanned_at, flagged_at "
        "FROM economy_stamp WHERE serial = %s"
    ),
    # The public lookup's two reads: the dossier with its procedure, then its timeline.
    "dossier_lookup": (
        "SELECT d.code, d.token, d.status, d.applicant_name, d.applicant_phone, d.received_at, d.due_date,"
        " d.finished_at, d.apology_date, p.name FROM onestop_dossier d"
        " JOIN onestop_procedure p ON p.id = d.procedure_id WHERE d.code = %s",
        "SELECT e.at, e.to_status FROM onestop_dossierevent e JOIN onestop_dossier d ON d.id = e.dossier_id"
        " WHERE d.code = %s ORDER BY e.at, e.id",
    ),
}


def constant_json(request):
    return JsonResponse({"status": "ok"})


def raw_sql(request, name: str):
    sql = QUERIES.get(name)
    if sql is None:
        raise Http404(name)
    results = []
    with connection.cursor() as cursor:
        for statement in sql if isinstance(sql, tuple) else (sql,):
            cursor.execute(statement, [request.GET.get("p", "")])
            columns = [c[0] for c in cursor.description]
            results.append([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()])
    return JsonResponse(results if isinstance(sql, tuple) else results[0], safe=False)


urlpatterns = [
    path("json", constant_json),
    path("sql/<str:name>", raw_sql),
]
