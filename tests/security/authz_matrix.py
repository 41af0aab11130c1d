"""The authorization matrix: every page route and API operation, who may reach it.

`tests/security/test_authorization_matrix.py` enumerates every URL pattern and every OpenAPI
operation, fails for any that has no entry here, and requests each entry as every member of the
cast (ACTORS), expecting `allow` ones to get through and the rest to be refused (anonymous: sent
to sign in or 401; others: 403 or 404). "Getting through" means the authorization passed: 2xx,
3xx not to the sign-in page, or a 4xx that is about the input (400/409/422), never 401/403/404.

To add a route: add `Route(key, path, allow=...)`. `key` is the URL name ("app:name") or, for the
API, "METHOD /api/v1/path/{param}" as in the OpenAPI schema. `path(world)` builds a concrete URL
from the shared world (see `World` in the test) — create what the route needs there, through
the app's own services or models. Allow sets use the names in ACTORS; EVERYONE and SIGNED_IN help.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from xaso.accounts.models import ApiToken
from xaso.accounts.services import api_token_issue

ACTORS = (
    "anonymous",
    "citizen",
    "one_stop_officer",
    "specialist",
    "commune_leader",
    "clerk",
    "village_head",
    "digital_team_member",
    "province_supervisor",
    "system_admin",
    "other_commune_officer",
    "other_province_supervisor",
)
EVERYONE = frozenset(ACTORS)
SIGNED_IN = EVERYONE - {"anonymous"}
ADMIN = frozenset({"system_admin"})
COMMUNE_STAFF = frozenset({"one_stop_officer", "specialist", "commune_leader", "clerk"})
# Village roles, commune staff and the province supervisor of the commune: "core.view_commune".
COMMUNE_VIEWERS = COMMUNE_STAFF | {
    "village_head",
    "digital_team_member",
    "province_supervisor",
    "system_admin",
}

# Who reads a commune-A dossier: its citizen, commune A's staff, the province, system admins.
DOSSIER_READERS = COMMUNE_STAFF | {"citizen", "province_supervisor", "system_admin"}
# The officer queue: every commune's staff and supervisors (each sees their own communes).
DOSSIER_QUEUE = COMMUNE_STAFF | {
    "province_supervisor",
    "other_province_supervisor",
    "other_commune_officer",
    "system_admin",
}

REPORT_READERS = frozenset(
    {
        "one_stop_officer",
        "commune_leader",
        "province_supervisor",
        "other_province_supervisor",
        "other_commune_officer",
        "system_admin",
    }
)


@dataclass(frozen=True)
class Route:
    key: str
    path: Callable[..., str]
    allow: frozenset[str]
    method: str = "GET"
    data: Callable[..., dict] | None = field(default=None)
    # Routes whose object belongs to commune A: an officer of commune B must be refused.
    note: str = ""


def _static(path: str) -> Callable[..., str]:
    return lambda world: path


def _citizen_token_id(world) -> int:
    api_token_issue(user=world.users["citizen"], name="matrix")
    return ApiToken.objects.filter(user=world.users["citizen"]).latest("pk").pk


ROUTES: list[Route] = [
    # Foundation: public pages and API.
    Route("healthz", _static("/healthz"), EVERYONE),
    Route(
        "set_language",
        _static("/i18n/setlang/"),
        EVERYONE,
        method="POST",
        data=lambda w: {"language": "vi", "next": "/"},
    ),
    Route("web:language", _static("/ngon-ngu/en/?next=/"), EVERYONE),
    Route("web:home", _static("/"), EVERYONE),
    Route("web:commune", lambda w: f"/xa/{w.commune.code}/", EVERYONE),
    Route("web:login", _static("/dang-nhap/"), EVERYONE),
    Route("web:logout", _static("/dang-xuat/"), EVERYONE, method="POST"),
    Route("web:register", _static("/dang-ky/"), EVERYONE),
    Route(
        "web:register_confirm", _static("/dang-ky/xac-nhan/"), EVERYONE, note="back to /dang-ky/ when none"
    ),
    Route(
        "web:two_factor", _static("/xac-thuc-2-buoc/"), SIGNED_IN, note="anyone may enrol; some roles must"
    ),
    Route("web:dashboard", _static("/bang-dieu-khien/"), SIGNED_IN),
    Route("web:profile", _static("/ho-so-ca-nhan/"), SIGNED_IN),
    Route("web:my_data", _static("/ho-so-ca-nhan/du-lieu.json"), SIGNED_IN),
    Route("web:tokens", _static("/ho-so-ca-nhan/ma-truy-cap/"), SIGNED_IN, note="one's own tokens only"),
    Route(
        "web:token_revoke",
        lambda w: f"/ho-so-ca-nhan/ma-truy-cap/{_citizen_token_id(w)}/thu-hoi/",
        frozenset({"citizen"}),
        method="POST",
        note="only the token's holder; anyone else gets 404",
    ),
    Route("web:password_change", _static("/ho-so-ca-nhan/mat-khau/"), SIGNED_IN),
    Route("web:password_reset", _static("/quen-mat-khau/"), EVERYONE),
    Route("web:password_reset_confirm", _static("/quen-mat-khau/nhap-ma/"), EVERYONE),
    Route(
        "web:villages",
        _static("/thon/"),
        frozenset({"one_stop_officer", "commune_leader", "clerk", "system_admin", "other_commune_officer"}),
        note="each officer sees their own commune's list",
    ),
    Route(
        "web:village_edit",
        lambda w: f"/thon/{w.village.pk}/",
        frozenset({"one_stop_officer", "commune_leader", "clerk", "system_admin"}),
    ),
    Route("api:openapi-json", _static("/api/v1/openapi.json"), EVERYONE),
    Route("api:openapi-view", _static("/api/v1/docs"), EVERYONE),
    Route("api:api-root", _static("/api/v1/"), frozenset(), note="django-ninja answers 404 here"),
    Route(
        "POST /api/v1/auth/token",
        _static("/api/v1/auth/token"),
        EVERYONE,
        method="POST",
        data=lambda w: {"username": "nobody"},
        note="a 422 about the input: anyone may ask for a token",
    ),
    Route("GET /api/v1/places/provinces", _static("/api/v1/places/provinces"), EVERYONE),
    Route("GET /api/v1/places/communes", _static("/api/v1/places/communes?province=38"), EVERYONE),
    Route(
        "GET /api/v1/places/communes/{code}/villages",
        lambda w: f"/api/v1/places/communes/{w.commune.code}/villages",
        EVERYONE,
    ),
    Route(
        "GET /api/v1/places/villages/{village_id}",
        lambda w: f"/api/v1/places/villages/{w.village.pk}",
        COMMUNE_VIEWERS,
    ),
    Route(
        "GET /api/v1/citizens/{profile_id}",
        lambda w: f"/api/v1/citizens/{w.citizen_profile.pk}",
        COMMUNE_STAFF | {"village_head", "system_admin", "citizen"},
    ),
    Route(
        "GET /api/v1/calendar/due-date",
        _static("/api/v1/calendar/due-date?start=2026-11-23T09:00&days=3"),
        EVERYONE,
    ),
    # notify: each signed-in person's own inbox.
    Route("notify:inbox", _static("/thong-bao/"), SIGNED_IN),
    Route(
        "notify:open",
        lambda w: f"/thong-bao/{w.citizen_notification.pk}/mo/",
        frozenset({"citizen"}),
        method="POST",
    ),
    Route("notify:mark_all_read", _static("/thong-bao/da-doc-het/"), SIGNED_IN, method="POST"),
    # community: households of the actor's commune.
    Route(
        "community:households",
        _static("/cong-dong/ho-gia-dinh/"),
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin", "other_commune_officer"},
        note="each sees their own commune's households",
    ),
    Route(
        "community:households_template",
        _static("/cong-dong/ho-gia-dinh/mau.xlsx"),
        frozenset(
            {"one_stop_officer", "commune_leader", "village_head", "system_admin", "other_commune_officer"}
        ),
    ),
    Route(
        "community:households_export",
        _static("/cong-dong/ho-gia-dinh/xuat.xlsx"),
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin", "other_commune_officer"},
    ),
    Route(
        "community:households_import",
        _static("/cong-dong/ho-gia-dinh/nhap/"),
        frozenset(
            {"one_stop_officer", "commune_leader", "village_head", "system_admin", "other_commune_officer"}
        ),
    ),
    Route(
        "community:import_status",
        lambda w: f"/cong-dong/ho-gia-dinh/nhap/{w.household_import.uid}/",
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin"},
    ),
    Route(
        "community:import_report",
        lambda w: f"/cong-dong/ho-gia-dinh/nhap/{w.household_import.uid}/bao-loi.xlsx",
        # the uploaded sheet with full contacts: only the list's managers
        frozenset({"one_stop_officer", "commune_leader", "village_head", "system_admin"}),
    ),
    # onestop: the catalogue is public; a dossier is its citizen's and its commune's (and the
    # province's to read); acting needs the role the workflow table names.
    Route("onestop:procedures", _static("/thu-tuc/?q=khai+sinh"), EVERYONE),
    Route("onestop:procedure", _static("/thu-tuc/dang-ky-khai-sinh/"), EVERYONE),
    Route(
        "onestop:start",
        _static("/thu-tuc/dang-ky-khai-sinh/nop/"),
        SIGNED_IN,
        method="POST",
        data=lambda w: {"commune": w.commune.code},
    ),
    Route("onestop:draft_step", lambda w: f"/ho-so/nhap/{w.draft.pk}/1/", frozenset({"citizen"})),
    Route("onestop:mine", _static("/ho-so/cua-toi/"), SIGNED_IN),
    Route("onestop:dossier", lambda w: f"/ho-so/{w.dossier.code}/", DOSSIER_READERS),
    Route(
        "onestop:action",
        lambda w: f"/ho-so/{w.dossier.code}/thao-tac/",
        frozenset({"one_stop_officer", "commune_leader"}),
        method="POST",
        data=lambda w: {"action": "cancel"},
        note="cancel without a note: the role passes, the input does not, nothing changes",
    ),
    Route(
        "onestop:withdraw",
        lambda w: f"/ho-so/{w.dossier.code}/rut/",
        # only the citizen withdraws; the others readers could never take the step
        frozenset({"citizen"}),
    ),
    Route(
        "onestop:supplement",
        lambda w: f"/ho-so/{w.dossier.code}/bo-sung/",
        # the citizen online, the one-stop officer at the counter
        frozenset({"citizen", "one_stop_officer"}),
    ),
    Route(
        "onestop:upload",
        lambda w: f"/ho-so/{w.dossier.code}/giay-to/",
        frozenset({"citizen", "one_stop_officer", "specialist", "commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"label": "x"},
        note="the citizen passes authorization but the state refuses (not awaiting a supplement)",
    ),
    Route(
        "onestop:file",
        lambda w: f"/ho-so/{w.dossier.code}/giay-to/{w.dossier.files.get().pk}/",
        # scans of ID cards cannot be masked: only those who process the dossier (and its citizen)
        DOSSIER_READERS - {"province_supervisor", "clerk"},
    ),
    Route(
        "onestop:result",
        lambda w: f"/ho-so/{w.result_dossier.code}/ket-qua.pdf",
        # the signed result cannot be masked: as the papers
        DOSSIER_READERS - {"province_supervisor", "clerk"},
    ),
    Route("onestop:receipt", lambda w: f"/ho-so/{w.dossier.code}/bien-nhan.pdf", DOSSIER_READERS),
    Route("onestop:fee_qr", lambda w: f"/ho-so/{w.fee_dossier.code}/le-phi/qr.png", DOSSIER_READERS),
    Route("onestop:apology", lambda w: f"/ho-so/{w.late_dossier.code}/xin-loi.pdf", DOSSIER_READERS),
    Route(
        "onestop:rate",
        lambda w: f"/ho-so/{w.dossier.code}/danh-gia/",
        frozenset({"citizen"}),
        method="POST",
        data=lambda w: {"level": "4"},
    ),
    Route(
        "onestop:sign_result",
        lambda w: f"/ho-so/{w.dossier.code}/ky-ket-qua/",
        frozenset({"commune_leader"}),
        method="POST",
        data=lambda w: {"credential": "0", "secret": "x"},
        note="the dossier is not approved: the leader passes, the state refuses, nothing is signed",
    ),
    Route(
        "onestop:issue_result",
        lambda w: f"/ho-so/{w.dossier.code}/ban-hanh-ket-qua/",
        frozenset({"clerk"}),
        method="POST",
        data=lambda w: {"secret": "x"},
        note="the result is not signed: the clerk passes, the state refuses, nothing is sealed",
    ),
    Route(
        "onestop:results_to_issue",
        _static("/mot-cua/ket-qua-cho-ban-hanh/"),
        # the clerk's list; an administrator reaches every commune's
        frozenset({"clerk", "system_admin"}),
    ),
    Route("onestop:queue", _static("/mot-cua/ho-so/"), DOSSIER_QUEUE),
    Route(
        "onestop:intake",
        _static("/mot-cua/tiep-nhan/"),
        frozenset({"one_stop_officer", "system_admin", "other_commune_officer"}),
    ),
    Route(
        "onestop:intake_file",
        lambda w: f"/mot-cua/tiep-nhan/nop/?ho_so_cd={w.citizen_profile.pk}",
        frozenset({"one_stop_officer", "system_admin"}),
    ),
    Route(
        "onestop:switches",
        _static("/mot-cua/thu-tuc/"),
        frozenset({"one_stop_officer", "commune_leader", "system_admin", "other_commune_officer"}),
    ),
    Route("onestop:reports", _static("/mot-cua/bao-cao/"), REPORT_READERS),
    Route("onestop:reports_xlsx", _static("/mot-cua/bao-cao.xlsx"), REPORT_READERS),
    Route("onestop:lookup", _static("/tra-cuu/"), EVERYONE),
    Route("GET /api/v1/procedures", _static("/api/v1/procedures?q=khai+sinh"), EVERYONE),
    Route("GET /api/v1/procedures/{code}", _static("/api/v1/procedures/1.001193"), EVERYONE),
    Route(
        "POST /api/v1/dossiers",
        _static("/api/v1/dossiers"),
        SIGNED_IN,
        method="POST",
        data=lambda w: {"procedure": "1.001193", "commune": w.commune.code, "data": {}},
        note="signed in: the empty form is refused (422), not the person",
    ),
    Route("GET /api/v1/dossiers/{code}", lambda w: f"/api/v1/dossiers/{w.dossier.code}", DOSSIER_READERS),
    Route(
        "POST /api/v1/dossiers/{code}/actions",
        lambda w: f"/api/v1/dossiers/{w.dossier.code}/actions",
        frozenset({"one_stop_officer", "commune_leader"}),
        method="POST",
        data=lambda w: {"action": "cancel"},
    ),
    Route(
        "GET /api/v1/lookup/{code}",
        lambda w: f"/api/v1/lookup/{w.dossier.code}?phone_last4=0001",
        EVERYONE,
        note="public by design: code + last 4 phone digits; masked answer",
    ),
]

PAYMENT_VIEWERS = COMMUNE_STAFF | {"province_supervisor", "system_admin"}
CASHIERS = frozenset({"one_stop_officer", "commune_leader", "system_admin"})
VIETQR_EXAMPLE = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN"
    "62150811Chuyen tien6304BBB8"
)

ROUTES += [
    # payments: the cashier's pages for their own commune; a request is also seen by its payer.
    Route("payments:cashier", _static("/thanh-toan/"), CASHIERS | {"other_commune_officer"}),
    Route(
        "payments:account", _static("/thanh-toan/tai-khoan/"), frozenset({"commune_leader", "system_admin"})
    ),
    Route("payments:request_new", _static("/thanh-toan/yeu-cau/moi/"), CASHIERS | {"other_commune_officer"}),
    Route(
        "payments:request",
        lambda w: f"/thanh-toan/yeu-cau/{w.payment_request.pk}/",
        PAYMENT_VIEWERS | {"citizen"},
    ),
    Route(
        "payments:request_qr",
        lambda w: f"/thanh-toan/yeu-cau/{w.payment_request.pk}/qr.png",
        PAYMENT_VIEWERS | {"citizen"},
    ),
    Route(
        "payments:request_cancel",
        lambda w: f"/thanh-toan/yeu-cau/{w.payment_request.pk}/huy/",
        CASHIERS,
        method="POST",
        data=lambda w: {"reason": "nhầm"},
    ),
    # Cash at the counter: the cashiers of the request's commune (a wrong amount: 422, nothing
    # changes, so the shared request stays open for the other routes); the receipt is read by
    # whoever sees the request.
    Route(
        "payments:request_pay_cash",
        lambda w: f"/thanh-toan/yeu-cau/{w.payment_request.pk}/tien-mat/",
        CASHIERS,
        method="POST",
        data=lambda w: {"amount": "1"},
    ),
    Route(
        "payments:request_receipt",
        lambda w: f"/thanh-toan/yeu-cau/{w.cash_payment.pk}/bien-lai.pdf",
        PAYMENT_VIEWERS | {"citizen"},
    ),
    Route(
        "POST /api/v1/payments/requests/{request_id}/cash",
        lambda w: f"/api/v1/payments/requests/{w.payment_request.pk}/cash",
        CASHIERS,
        method="POST",
        data=lambda w: {"amount": 1},
    ),
    Route(
        "payments:statement",
        lambda w: f"/thanh-toan/sao-ke/{w.statement_line.statement_id}/",
        PAYMENT_VIEWERS,
    ),
    # The resolve form is for those who reconcile, not every viewer of the statement.
    Route("payments:line_resolve", lambda w: f"/thanh-toan/dong/{w.statement_line.pk}/", CASHIERS),
    Route("GET /api/v1/payments/banks", _static("/api/v1/payments/banks"), EVERYONE),
    Route("GET /api/v1/payments/requests", _static("/api/v1/payments/requests"), SIGNED_IN),
    Route(
        "GET /api/v1/payments/requests/{request_id}",
        lambda w: f"/api/v1/payments/requests/{w.payment_request.pk}",
        PAYMENT_VIEWERS | {"citizen"},
    ),
    Route(
        "POST /api/v1/payments/vietqr/decode",
        _static("/api/v1/payments/vietqr/decode"),
        SIGNED_IN,
        method="POST",
        data=lambda w: {"payload": VIETQR_EXAMPLE},
    ),
    # documents: verification is public, by code or by uploading the PDF.
    Route("documents:verify", _static("/xac-thuc/"), EVERYONE),
    Route("documents:verify_code", lambda w: f"/xac-thuc/{w.signed_document.code}/", EVERYONE),
    Route("documents:download", lambda w: f"/xac-thuc/{w.signed_document.code}/tai-ve/", EVERYONE),
    Route(
        "POST /api/v1/verify",
        _static("/api/v1/verify"),
        EVERYONE,
        method="POST",
        data=lambda w: {},
        note="a 422 without a file: anyone may verify",
    ),
    Route(
        "POST /api/v1/exchange/envelopes",
        _static("/api/v1/exchange/envelopes"),
        EVERYONE,
        method="POST",
        data=lambda w: {},
        note="a 422 without the parts: other agencies are authenticated by the envelope's signature",
    ),
]

ROUTES += [
    # community: announcements (staff pages of the actor's commune; public pages and feeds).
    Route(
        "community:announcements",
        _static("/cong-dong/thong-bao/"),
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin", "other_commune_officer"},
        note="each sees their own commune's announcements",
    ),
    Route(
        "community:announcement_new",
        _static("/cong-dong/thong-bao/moi/"),
        COMMUNE_STAFF | {"village_head", "system_admin", "other_commune_officer"},
    ),
    Route(
        "community:announcement",
        lambda w: f"/cong-dong/thong-bao/{w.announcement.pk}/",
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin"},
    ),
    Route(
        "community:attachment", lambda w: f"/cong-dong/tep/{w.announcement.attachments.get().pk}/", EVERYONE
    ),
    Route("community:ack", lambda w: f"/cong-dong/xac-nhan/{w.ack_token}/", EVERYONE),
    Route("community:public_announcements", lambda w: f"/cong-dong/xa/{w.commune.code}/thong-bao/", EVERYONE),
    Route(
        "community:public_announcement",
        lambda w: f"/cong-dong/xa/{w.commune.code}/thong-bao/{w.announcement.pk}/",
        EVERYONE,
    ),
    Route("community:feed_rss", lambda w: f"/cong-dong/xa/{w.commune.code}/thong-bao/rss.xml", EVERYONE),
    Route("community:feed_atom", lambda w: f"/cong-dong/xa/{w.commune.code}/thong-bao/atom.xml", EVERYONE),
    Route(
        "community:village_feed_rss",
        lambda w: f"/cong-dong/xa/{w.commune.code}/thon/{w.village.pk}/rss.xml",
        EVERYONE,
    ),
    Route(
        "community:village_feed_atom",
        lambda w: f"/cong-dong/xa/{w.commune.code}/thon/{w.village.pk}/atom.xml",
        EVERYONE,
    ),
    # community: smart radio (staff page; receivers authenticate with their cluster's token).
    Route(
        "community:radio",
        _static("/cong-dong/radio/"),
        frozenset(
            {
                "one_stop_officer",
                "commune_leader",
                "clerk",
                "village_head",
                "system_admin",
                "other_commune_officer",
            }
        ),
    ),
    Route(
        "community:bulletin_audio",
        lambda w: f"/cong-dong/radio/ban-tin/{w.radio_bulletin.pk}/am-thanh.ogg",
        frozenset({"one_stop_officer", "commune_leader", "clerk", "village_head", "system_admin"}),
    ),
    Route(
        "community:radio_playlist_json",
        lambda w: f"/cong-dong/radio/cum/{w.radio_cluster[0].pk}/playlist.json?token={w.radio_cluster[1]}",
        EVERYONE,
        note="the token is the authority, whoever holds it",
    ),
    Route(
        "community:radio_playlist_m3u",
        lambda w: f"/cong-dong/radio/cum/{w.radio_cluster[0].pk}/playlist.m3u?token={w.radio_cluster[1]}",
        EVERYONE,
    ),
    Route(
        "community:radio_receiver_audio",
        lambda w: (
            f"/cong-dong/radio/cum/{w.radio_cluster[0].pk}/am-thanh/{w.radio_bulletin.pk}.ogg"
            f"?token={w.radio_cluster[1]}"
        ),
        EVERYONE,
    ),
    Route(
        "community:radio_report",
        lambda w: f"/cong-dong/radio/cum/{w.radio_cluster[0].pk}/bao-cao/?token={w.radio_cluster[1]}",
        EVERYONE,
        method="POST",
        data=lambda w: {"kind": "alive"},
    ),
    # community: QR information pages (staff list and posters; the pages themselves are public).
    Route(
        "community:info_pages",
        _static("/cong-dong/trang-thong-tin/"),
        COMMUNE_STAFF | {"village_head", "system_admin", "other_commune_officer"},
    ),
    Route(
        "community:info_poster",
        lambda w: f"/cong-dong/trang-thong-tin/{w.info_page.pk}/ap-phich.pdf",
        COMMUNE_STAFF | {"village_head", "system_admin"},
    ),
    Route(
        "community:info_page", lambda w: f"/cong-dong/xa/{w.commune.code}/trang/{w.info_page.pk}/", EVERYONE
    ),
    Route(
        "community:info_image",
        lambda w: f"/cong-dong/xa/{w.commune.code}/trang/{w.info_page.pk}/anh",
        EVERYONE,
    ),
    # community: public wifi and digital-support points (kept by those who keep the info pages).
    Route(
        "community:points",
        _static("/cong-dong/diem-wifi/"),
        COMMUNE_STAFF | {"village_head", "system_admin", "other_commune_officer"},
    ),
    Route(
        "community:point",
        lambda w: f"/cong-dong/diem-wifi/{w.public_point.pk}/",
        COMMUNE_STAFF | {"village_head", "system_admin"},
    ),
    Route(
        "community:point_delete",
        lambda w: f"/cong-dong/diem-wifi/{w.public_point.pk}/xoa/",
        COMMUNE_STAFF | {"village_head", "system_admin"},
        method="POST",
        # Each allowed actor removes the point: it is put back before the next one tries.
        data=lambda w: w.public_point_put_back(),
    ),
    Route("community:public_points", lambda w: f"/cong-dong/xa/{w.commune.code}/diem-wifi/", EVERYONE),
    Route(
        "community:point_map_image",
        lambda w: f"/cong-dong/xa/{w.point_map.commune_id}/diem-wifi/ban-do",
        EVERYONE,
    ),
    # community: citizen feedback (public form, board and tracking; the commune's officers handle).
    Route(
        "community:feedback_queue",
        _static("/cong-dong/phan-anh/"),
        COMMUNE_STAFF | {"village_head", "system_admin", "other_commune_officer"},
    ),
    Route(
        "community:feedback_handle",
        lambda w: f"/cong-dong/phan-anh/xu-ly/{w.feedback_report.pk}/",
        COMMUNE_STAFF | {"village_head", "system_admin"},
    ),
    Route(
        "community:feedback_photo",
        lambda w: f"/cong-dong/phan-anh/anh/{w.feedback_report.photos.get().pk}/",
        EVERYONE,
    ),
    Route(
        "community:feedback_track",
        lambda w: f"/cong-dong/phan-anh/{w.feedback_report.tracking_code}/",
        EVERYONE,
    ),
    Route("community:feedback_board", lambda w: f"/cong-dong/xa/{w.commune.code}/phan-anh/", EVERYONE),
    Route("community:feedback_new", lambda w: f"/cong-dong/xa/{w.commune.code}/phan-anh/gui/", EVERYONE),
]

DOCUMENT_VIEWERS = COMMUNE_STAFF | {"province_supervisor", "system_admin"}
ROUTES += [
    # documents registry: staff of the document's commune and its province supervisor.
    Route(
        "documents:registry",
        _static("/van-ban/"),
        DOCUMENT_VIEWERS | {"other_commune_officer", "other_province_supervisor"},
    ),
    Route("documents:incoming_new", _static("/van-ban/den/moi/"), frozenset({"clerk", "commune_leader"})),
    Route("documents:registry_detail", lambda w: f"/van-ban/{w.registered_document.pk}/", DOCUMENT_VIEWERS),
    Route("documents:registry_file", lambda w: f"/van-ban/{w.registered_document.pk}/tep/", DOCUMENT_VIEWERS),
    Route(
        "documents:registry_action",
        lambda w: f"/van-ban/{w.registered_document.pk}/thao-tac/",
        DOCUMENT_VIEWERS,
        method="POST",
        data=lambda w: {"action": "comment", "note": "Đã xem"},
    ),
    # Sending by exchange: the registrars of the document's commune (a 422 here: no agency chosen).
    Route(
        "documents:registry_send",
        lambda w: f"/van-ban/{w.registered_document.pk}/lien-thong/",
        frozenset({"clerk", "commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"recipient": ""},
    ),
    # outgoing: staff draft for their own commune; the author, the clerk and leaders change a
    # draft; leaders sign, the clerk (or a leader) issues with the seal. On the world's draft,
    # sign and issue get through the role check and stop at the state (409).
    # Signing certificates: a leader enrols their own, the clerk (or an administrator) the seal.
    Route(
        "documents:certificates",
        _static("/van-ban/chung-thu/"),
        frozenset({"commune_leader", "clerk", "system_admin"}),
    ),
    Route("documents:outgoing_new", _static("/van-ban/di/moi/"), COMMUNE_STAFF | {"other_commune_officer"}),
    Route(
        "documents:outgoing_edit",
        lambda w: f"/van-ban/{w.outgoing_document.pk}/sua/",
        frozenset({"specialist", "clerk", "commune_leader", "system_admin"}),
    ),
    Route(
        "documents:outgoing_sign",
        lambda w: f"/van-ban/{w.outgoing_document.pk}/ky/",
        frozenset({"commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"credential": "", "secret": "x"},
    ),
    Route(
        "documents:outgoing_issue",
        lambda w: f"/van-ban/{w.outgoing_document.pk}/ban-hanh/",
        frozenset({"clerk", "commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"credential": "", "secret": "x"},
    ),
]

MEETING_INVITEES = frozenset({"commune_leader", "specialist"})  # the world's meeting: chair, invitee
ROUTES += [
    # meetings: the commune's staff and province see them; the clerk and leaders schedule; the
    # chair or a leader signs the minutes; the QR pack is for the invited only (polite 403).
    Route(
        "documents:meetings",
        _static("/hop/"),
        DOCUMENT_VIEWERS | {"other_commune_officer", "other_province_supervisor"},
    ),
    Route("documents:meeting_new", _static("/hop/moi/"), frozenset({"clerk", "commune_leader"})),
    Route("documents:meeting_detail", lambda w: f"/hop/{w.meeting.pk}/", DOCUMENT_VIEWERS),
    Route("documents:meeting_poster", lambda w: f"/hop/{w.meeting.pk}/giay-moi.pdf", DOCUMENT_VIEWERS),
    Route(
        "documents:meeting_item_add",
        lambda w: f"/hop/{w.meeting.pk}/muc/",
        frozenset({"clerk", "commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"title": ""},
    ),
    Route(
        "documents:meeting_minutes",
        lambda w: f"/hop/{w.meeting.pk}/bien-ban/",
        frozenset({"clerk", "commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"minutes": ""},
    ),
    Route(
        "documents:meeting_sign",
        lambda w: f"/hop/{w.meeting.pk}/ky/",
        frozenset({"commune_leader", "system_admin"}),
        method="POST",
        data=lambda w: {"credential": "", "secret": "x"},
    ),
    Route("documents:meeting_pack", lambda w: f"/hop/q/{w.meeting.code}/", MEETING_INVITEES),
    Route(
        "documents:meeting_pack_file",
        lambda w: f"/hop/q/{w.meeting.code}/tai-lieu/{w.meeting.agenda_items.get().pk}/",
        MEETING_INVITEES,
    ),
    Route(
        "documents:meeting_check_in",
        lambda w: f"/hop/q/{w.meeting.code}/diem-danh/",
        MEETING_INVITEES,
        method="POST",
    ),
]

ECONOMY_MANAGERS = frozenset({"one_stop_officer", "specialist", "commune_leader", "system_admin"})
ECONOMY_VIEWERS = COMMUNE_STAFF | {"province_supervisor", "digital_team_member", "system_admin"}

ROUTES += [
    # economy: staff screens of the actor's commune; the catalogue, feed and trace pages are public.
    Route("economy:home", _static("/kinh-te/"), ECONOMY_MANAGERS | {"other_commune_officer"}),
    Route(
        "economy:point_new",
        _static("/kinh-te/diem-thanh-toan/moi/"),
        ECONOMY_MANAGERS | {"other_commune_officer"},
    ),
    Route("economy:point", lambda w: f"/kinh-te/diem-thanh-toan/{w.economy_point.pk}/", ECONOMY_MANAGERS),
    Route(
        "economy:point_sign",
        lambda w: f"/kinh-te/diem-thanh-toan/{w.economy_point.pk}/bien.pdf",
        ECONOMY_VIEWERS,
    ),
    Route(
        "economy:producer_new", _static("/kinh-te/co-so/moi/"), ECONOMY_MANAGERS | {"other_commune_officer"}
    ),
    Route(
        "economy:producer",
        lambda w: f"/kinh-te/co-so/{w.economy_batch.product.producer_id}/",
        ECONOMY_VIEWERS,
    ),
    Route(
        "economy:product_new",
        lambda w: f"/kinh-te/co-so/{w.economy_batch.product.producer_id}/san-pham/moi/",
        ECONOMY_MANAGERS,
    ),
    Route("economy:product", lambda w: f"/kinh-te/san-pham/{w.economy_batch.product_id}/", ECONOMY_VIEWERS),
    Route(
        "economy:batch_new",
        lambda w: f"/kinh-te/san-pham/{w.economy_batch.product_id}/lo/",
        ECONOMY_MANAGERS,
        method="POST",
        data=lambda w: {},
        note="managers get a 422 for the empty form",
    ),
    Route("economy:batch", lambda w: f"/kinh-te/lo/{w.economy_batch.pk}/", ECONOMY_VIEWERS),
    Route("economy:stamp_sheet", lambda w: f"/kinh-te/lo/{w.economy_batch.pk}/tem.pdf", ECONOMY_VIEWERS),
    Route("economy:catalogue", _static("/san-pham/?q=che"), EVERYONE),
    Route("economy:feed_csv", _static("/san-pham/san-pham.csv"), EVERYONE),
    Route("economy:feed_xlsx", _static("/san-pham/san-pham.xlsx"), EVERYONE),
    Route("economy:product_public", lambda w: f"/san-pham/{w.economy_batch.product_id}/", EVERYONE),
    Route("economy:product_photo", lambda w: f"/san-pham/{w.economy_batch.product_id}/anh/", EVERYONE),
    Route(
        "economy:product_photo_staff",
        lambda w: f"/kinh-te/san-pham/{w.economy_batch.product_id}/anh/",
        ECONOMY_VIEWERS,
    ),
    Route("economy:trace", lambda w: f"/truy-xuat/{w.economy_stamp.serial}/", EVERYONE),
    Route("economy:trace_search", lambda w: f"/truy-xuat/?tem={w.economy_stamp.serial}", EVERYONE),
]
# dx keeps its routes (and the objects they need) in its own module.
from tests.security.authz_dx import DX_ROUTES  # noqa: E402

ROUTES += DX_ROUTES
# The community API keeps its routes in its own module too.
from tests.security.authz_community_api import COMMUNITY_API_ROUTES  # noqa: E402

ROUTES += COMMUNITY_API_ROUTES
# The civil-status register keeps its routes in its own module.
from tests.security.authz_civil import CIVIL_ROUTES  # noqa: E402

ROUTES += CIVIL_ROUTES
