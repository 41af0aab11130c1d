"""The community API's routes in the authorization matrix (kept apart, as dx keeps its own, so
that the community adds no lines where other apps add theirs). Objects come from the shared
world (`announcement`, `feedback_report`) or are made here on first use (`household`)."""

from tests.security.authz_matrix import COMMUNE_STAFF, EVERYONE, SIGNED_IN, Route, _static
from xaso.community.models import Household

API = "/api/v1/community"
VIEWERS = COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin"}
MANAGERS = frozenset({"one_stop_officer", "commune_leader", "village_head", "system_admin"})
PUBLISHERS = COMMUNE_STAFF | {"village_head", "system_admin"}
HANDLERS = COMMUNE_STAFF | {"village_head", "system_admin"}


def household(world) -> Household:
    found = Household.objects.filter(commune=world.commune, code="HK-API").first()
    return found or Household.objects.create(
        commune=world.commune, village=world.village, code="HK-API", head_name="Nguyễn Văn An"
    )


def household_body(world) -> dict:
    return {
        "commune": world.commune.code,
        "code": "HK-API-2",
        "village_id": world.village.pk,
        "head_name": "Lê Thị Hoa",
    }


COMMUNITY_API_ROUTES = [
    Route(
        "GET /api/v1/community/households",
        _static(f"{API}/households?q=nguyen"),
        VIEWERS | {"other_commune_officer"},
        note="each sees their own commune's; no household role anywhere: 403",
    ),
    Route(
        "GET /api/v1/community/households/{household_id}",
        lambda w: f"{API}/households/{household(w).pk}",
        VIEWERS,
    ),
    Route(
        "POST /api/v1/community/households",
        _static(f"{API}/households"),
        MANAGERS,
        method="POST",
        data=household_body,
        note="the second allowed actor gets 409 (the code is taken)",
    ),
    Route(
        "PUT /api/v1/community/households/{household_id}",
        lambda w: f"{API}/households/{household(w).pk}",
        MANAGERS,
        method="PUT",
        data=lambda w: {**household_body(w), "code": "HK-API"},
    ),
    Route(
        "GET /api/v1/community/announcements",
        _static(f"{API}/announcements"),
        VIEWERS | {"other_commune_officer"},
    ),
    Route(
        "POST /api/v1/community/announcements",
        _static(f"{API}/announcements"),
        PUBLISHERS,
        method="POST",
        data=lambda w: {"commune": w.commune.code, "title": "Họp thôn", "body": "19 giờ tối nay"},
    ),
    Route(
        "GET /api/v1/community/announcements/{announcement_id}/coverage",
        lambda w: f"{API}/announcements/{w.announcement.pk}/coverage",
        VIEWERS,
    ),
    Route(
        "POST /api/v1/community/feedback",
        _static(f"{API}/feedback"),
        EVERYONE,
        method="POST",
        data=lambda w: {"commune": w.commune.code, "category": "roads", "text": "Ổ gà trước nhà văn hóa"},
        note="public; past 5 a day from one address: 429 (not a refusal)",
    ),
    Route("GET /api/v1/community/feedback", _static(f"{API}/feedback"), HANDLERS | {"other_commune_officer"}),
    Route(
        "GET /api/v1/community/feedback/{report_id}",
        lambda w: f"{API}/feedback/{w.feedback_report.pk}",
        HANDLERS,
    ),
    Route(
        "POST /api/v1/community/feedback/{report_id}/answer",
        lambda w: f"{API}/feedback/{w.feedback_report.pk}/answer",
        HANDLERS,
        method="POST",
        data=lambda w: {"answer": "Đã vá ổ gà", "resolve": False},
    ),
    Route(
        "POST /api/v1/community/feedback/{report_id}/assign",
        lambda w: f"{API}/feedback/{w.feedback_report.pk}/assign",
        HANDLERS,
        method="POST",
        data=lambda w: {"officer": w.users["one_stop_officer"].username},
    ),
    Route(
        "POST /api/v1/community/feedback/follow/{tracking_code}",
        lambda w: f"{API}/feedback/follow/{w.feedback_report.tracking_code}",
        SIGNED_IN,
        method="POST",
        note="reports are public by their code: anyone signed in may follow one",
    ),
    Route(
        "DELETE /api/v1/community/feedback/follow/{tracking_code}",
        lambda w: f"{API}/feedback/follow/{w.feedback_report.tracking_code}",
        SIGNED_IN,
        method="DELETE",
    ),
]
