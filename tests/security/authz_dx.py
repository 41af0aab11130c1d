"""The dx routes of the authorization matrix, and the objects they need.

Kept apart from authz_matrix.py and the test's World so that dx adds no lines where other apps
add theirs: `dx(world)` builds the dx objects on first use and caches them on the world."""

from functools import cached_property

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.dx.factories import small_set
from tests.security.authz_matrix import (
    COMMUNE_STAFF,
    COMMUNE_VIEWERS,
    EVERYONE,
    SIGNED_IN,
    Route,
    _static,
)
from tests.support.images import png_bytes
from xaso.dx.models import Assessment, AssessmentStatus, DigitalTeam, Evidence, IndicatorSet
from xaso.dx.services import assessments as dx_assessments
from xaso.dx.services import digital_teams as dx_digital_teams
from xaso.dx.services import news as dx_news
from xaso.dx.services import plans as dx_plans


class DxWorld:
    def __init__(self, world):
        self.w = world

    @cached_property
    def set(self) -> IndicatorSet:
        s = small_set(self.w.province, 2025)
        s.is_public = True
        s.save()
        return s

    @cached_property
    def assessment(self) -> Assessment:
        return dx_assessments.assessment_register(
            actor=self.w.users["commune_leader"], indicator_set=self.set, commune=self.w.commune
        )

    @cached_property
    def value(self):
        return self.assessment.values.get(indicator__code="B1")

    @cached_property
    def decided(self) -> Assessment:
        a = Assessment.objects.create(
            indicator_set=small_set(self.w.province, 2024),
            commune=self.w.commune,
            status=AssessmentStatus.NOT_RECOGNISED,
        )
        a.decision_pdf.save("qd.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        return a

    @cached_property
    def evidence(self) -> Evidence:
        value = self.decided.values.create(indicator=self.decided.indicator_set.indicators.get(code="A1"))
        evidence = Evidence(
            value=value,
            original_name="bb.pdf",
            content_type="application/pdf",
            size=9,
            sha256="0" * 64,
            uploaded_by=self.w.users["commune_leader"],
        )
        evidence.file.save("bb.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        return evidence

    @cached_property
    def plan(self):
        return dx_plans.plan_create(
            actor=self.w.users["commune_leader"],
            commune=self.w.commune,
            title="Kế hoạch",
            year_from=2025,
            year_to=2025,
        )

    @cached_property
    def team(self) -> DigitalTeam:
        return dx_digital_teams.team_create(
            actor=self.w.users["commune_leader"],
            commune=self.w.commune,
            name="Tổ CĐS",
            village=self.w.village,
        )

    @cached_property
    def news_item(self):
        """A published news item with a picture (the public pages and the picture routes)."""
        leader = self.w.users["commune_leader"]
        item = dx_news.news_create(
            actor=leader,
            commune=self.w.commune,
            title="Tin chuyển đổi số",
            body="Nội dung.",
            picture=SimpleUploadedFile("anh.png", png_bytes((64, 48)), content_type="image/png"),
        )
        return dx_news.news_publish(actor=leader, item=item)


def dx(world) -> DxWorld:
    if not hasattr(world, "_dx"):
        world._dx = DxWorld(world)
    return world._dx


DX_ROUTES: list[Route] = [
    # dx: the commune fills (commune staff), the province reviews (its supervisors), everyone of the
    # commune and its province sees; the world's set is published and public.
    Route(
        "dx:home",
        _static("/cds/"),
        COMMUNE_STAFF | {"system_admin", "other_commune_officer"},
        note="each officer sees their own commune's assessments",
    ),
    Route(
        "dx:register",
        lambda w: f"/cds/dang-ky/{dx(w).set.pk}/",
        COMMUNE_STAFF | {"system_admin", "other_commune_officer"},
        method="POST",
        note="registers the officer's own commune",
    ),
    Route("dx:assessment", lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/", COMMUNE_VIEWERS),
    Route("dx:dashboard", lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/tong-quan/", COMMUNE_VIEWERS),
    Route(
        "dx:value_save",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/gia-tri/{dx(w).value.pk}/",
        COMMUNE_STAFF | {"system_admin"},
        method="POST",
        data=lambda w: {"amount": "1"},
    ),
    Route(
        "dx:evidence_add",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/gia-tri/{dx(w).value.pk}/minh-chung/",
        COMMUNE_STAFF | {"system_admin"},
        method="POST",
    ),
    Route(
        "dx:review",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/gia-tri/{dx(w).value.pk}/tham-dinh/",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
        data=lambda w: {"decision": "accepted"},
    ),
    Route(
        "dx:submit",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/gui/",
        COMMUNE_STAFF | {"system_admin"},
        method="POST",
    ),
    Route(
        "dx:return",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/tra-lai/",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
    ),
    Route(
        "dx:accept_pending",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/chap-nhan-tat-ca/",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
    ),
    Route(
        "dx:decide",
        lambda w: f"/cds/danh-gia/{dx(w).assessment.pk}/quyet-dinh/",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
    ),
    Route(
        "dx:decision_sign",
        lambda w: f"/cds/danh-gia/{dx(w).decided.pk}/ky-quyet-dinh/",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
        note="no certificate is chosen: allowed actors get the form back with its error (422)",
    ),
    Route("dx:decision_pdf", lambda w: f"/cds/danh-gia/{dx(w).decided.pk}/quyet-dinh.pdf", COMMUNE_VIEWERS),
    Route("dx:evidence", lambda w: f"/cds/minh-chung/{dx(w).evidence.pk}/", COMMUNE_VIEWERS),
    Route(
        "dx:evidence_remove",
        lambda w: f"/cds/minh-chung/{dx(w).evidence.pk}/xoa/",
        COMMUNE_STAFF | {"system_admin"},
        method="POST",
        note="the evidence belongs to a decided assessment: allowed actors are told it is too late",
    ),
    Route(
        "dx:province",
        _static("/cds/tinh/"),
        frozenset({"province_supervisor", "other_province_supervisor", "system_admin"}),
        note="each supervisor sees their own province's sets",
    ),
    Route(
        "dx:decision_certificates",
        _static("/cds/tinh/chung-thu/"),
        frozenset({"province_supervisor", "other_province_supervisor", "system_admin"}),
        note="each supervisor enrols for their own province",
    ),
    Route(
        "dx:set", lambda w: f"/cds/bo-chi-tieu/{dx(w).set.pk}/", COMMUNE_VIEWERS | {"other_commune_officer"}
    ),
    Route(
        "dx:set_action",
        lambda w: f"/cds/bo-chi-tieu/{dx(w).set.pk}/publish/",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
    ),
    Route(
        "dx:ranking",
        lambda w: f"/cds/bo-chi-tieu/{dx(w).set.pk}/xep-hang/",
        COMMUNE_VIEWERS | {"other_commune_officer"},
    ),
    Route(
        "dx:ranking_export",
        lambda w: f"/cds/bo-chi-tieu/{dx(w).set.pk}/xep-hang.xlsx",
        COMMUNE_VIEWERS | {"other_commune_officer"},
    ),
    Route("dx:public_index", _static("/cds/cong-khai/"), EVERYONE),
    Route("dx:public_ranking", lambda w: f"/cds/cong-khai/{w.province.code}/{dx(w).set.year}/", EVERYONE),
    Route(
        "dx:teams",
        _static("/cds/to-cds/"),
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin", "other_commune_officer"},
    ),
    Route(
        "dx:member_add",
        lambda w: f"/cds/to-cds/{dx(w).team.pk}/thanh-vien/",
        COMMUNE_STAFF | {"village_head", "system_admin"},
        method="POST",
        data=lambda w: {"full_name": "Lê Văn Tư"},
    ),
    Route(
        "dx:training_add",
        _static("/cds/to-cds/tap-huan/"),
        COMMUNE_STAFF | {"village_head", "system_admin", "other_commune_officer"},
        method="POST",
    ),
    Route(
        "dx:help",
        _static("/cds/ho-tro/"),
        COMMUNE_STAFF | {"village_head", "digital_team_member", "system_admin", "other_commune_officer"},
    ),
    Route("GET /api/v1/dx/calculators", _static("/api/v1/dx/calculators"), SIGNED_IN),
    Route(
        "GET /api/v1/dx/assessments/{assessment_id}",
        lambda w: f"/api/v1/dx/assessments/{dx(w).assessment.pk}",
        COMMUNE_VIEWERS,
    ),
    Route(
        "PUT /api/v1/dx/assessments/{assessment_id}/values/{value_id}",
        lambda w: f"/api/v1/dx/assessments/{dx(w).assessment.pk}/values/{dx(w).value.pk}",
        COMMUNE_STAFF | {"system_admin"},
        method="PUT",
        data=lambda w: {"value": "1"},
    ),
    Route(
        "POST /api/v1/dx/assessments/{assessment_id}/submit",
        lambda w: f"/api/v1/dx/assessments/{dx(w).assessment.pk}/submit",
        COMMUNE_STAFF | {"system_admin"},
        method="POST",
        note="a 422: the mandatory indicator is empty",
    ),
    Route(
        "POST /api/v1/dx/assessments/{assessment_id}/values/{value_id}/review",
        lambda w: f"/api/v1/dx/assessments/{dx(w).assessment.pk}/values/{dx(w).value.pk}/review",
        frozenset({"province_supervisor", "system_admin"}),
        method="POST",
        data=lambda w: {"decision": "accepted"},
        note="a 409: not submitted yet",
    ),
    Route(
        "GET /api/v1/dx/sets/{set_id}/ranking",
        lambda w: f"/api/v1/dx/sets/{dx(w).set.pk}/ranking",
        COMMUNE_VIEWERS | {"other_commune_officer"},
    ),
    # dx: the commune's DX news (its staff write them; the published ones are public).
    Route("dx:news", _static("/cds/tin/"), COMMUNE_STAFF | {"system_admin", "other_commune_officer"}),
    Route("dx:news_new", _static("/cds/tin/moi/"), COMMUNE_STAFF | {"system_admin", "other_commune_officer"}),
    Route("dx:news_edit", lambda w: f"/cds/tin/{dx(w).news_item.pk}/", COMMUNE_STAFF | {"system_admin"}),
    Route(
        "dx:news_picture", lambda w: f"/cds/tin/{dx(w).news_item.pk}/anh", COMMUNE_STAFF | {"system_admin"}
    ),
    Route(
        "dx:news_action",
        lambda w: f"/cds/tin/{dx(w).news_item.pk}/publish/",
        COMMUNE_STAFF | {"system_admin"},
        method="POST",
    ),
    Route("dx:news_public", lambda w: f"/cds/xa/{w.commune.code}/tin/", EVERYONE),
    Route("dx:news_public_detail", lambda w: f"/cds/xa/{w.commune.code}/tin/{dx(w).news_item.pk}/", EVERYONE),
    Route(
        "dx:news_public_picture",
        lambda w: f"/cds/xa/{w.commune.code}/tin/{dx(w).news_item.pk}/anh",
        EVERYONE,
    ),
    Route("dx:plans", _static("/cds/ke-hoach/"), SIGNED_IN - {"citizen"}),
    Route("dx:plan", lambda w: f"/cds/ke-hoach/{dx(w).plan.pk}/", COMMUNE_VIEWERS),
    Route(
        "dx:plan_action",
        lambda w: f"/cds/ke-hoach/{dx(w).plan.pk}/objective/",
        COMMUNE_STAFF | {"province_supervisor", "system_admin"},
        method="POST",
        data=lambda w: {"title": "Mục tiêu"},
    ),
]
