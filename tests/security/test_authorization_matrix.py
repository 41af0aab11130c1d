"""Every route × every actor of the cast, against tests/security/authz_matrix.py."""

from datetime import date
from functools import cached_property

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests import factories as f
from tests.files import PDF, image_bytes
from tests.security.authz_matrix import ACTORS, ROUTES
from xaso.api import api
from xaso.community.models import AudioStatus, Bulletin, Delivery, Household, HouseholdImport, PublicPoint
from xaso.community.services.announcements import announcement_create
from xaso.community.services.fanout import ack_token
from xaso.community.services.feedback import feedback_submit
from xaso.community.services.infopages import info_page_create
from xaso.community.services.points import point_map_upload, public_point_save
from xaso.community.services.radio import speaker_cluster_create
from xaso.core.pdf import html_to_pdf
from xaso.documents.meetings.services import meeting_create, meeting_item_add
from xaso.documents.registry.services import incoming_register, outgoing_create
from xaso.documents.signing import pki
from xaso.documents.signing.credentials import credential_create_pkcs12, trust_root_add
from xaso.documents.signing.services import signed_result_create
from xaso.economy.services import (
    batch_create,
    payment_point_save,
    producer_save,
    product_save,
    stamps_generate,
)
from xaso.notify.models import Notification
from xaso.notify.services import notify_send
from xaso.onestop.models import Dossier, Procedure
from xaso.onestop.results import dossier_result_sign
from xaso.onestop.services.catalogue import procedures_load
from xaso.onestop.services.filing import dossier_draft_save, dossier_submit
from xaso.onestop.services.lifecycle import dossier_act
from xaso.onestop.services.papers import dossier_file_add
from xaso.payments.models import BankStatement, LineOutcome, StatementLine
from xaso.payments.services import collection_account_set, payment_request_create, payment_request_pay_cash

REFUSED = {401, 403, 404}
NOT_LISTED = {"admin"}  # Django's admin guards itself (is_staff); only system admins have it.


def _page_routes(patterns, ns=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _page_routes(p.url_patterns, p.namespace or ns)
        elif isinstance(p, URLPattern) and ns not in NOT_LISTED:
            if ns == "api" and p.name not in ("openapi-json", "openapi-view", "api-root"):
                continue  # API operations are listed from the OpenAPI schema below.
            yield f"{ns}:{p.name}" if ns else (p.name or str(p.pattern))


def _api_operations():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path}"


def all_route_keys() -> set[str]:
    return set(_page_routes(get_resolver().url_patterns)) | set(_api_operations())


def test_every_route_has_an_entry_in_the_matrix():
    listed = {r.key for r in ROUTES}
    missing = sorted(all_route_keys() - listed)
    assert not missing, (
        f"routes without an authorization entry: {missing}. Add each to tests/security/authz_matrix.py"
    )
    stale = sorted(listed - all_route_keys())
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


class World:
    """Commune A (with the whole cast), commune B of the same province, a commune in another
    province; objects are made on first use by the routes that need them."""

    def __init__(self):
        self.province = f.province("38", "Thanh Hóa")
        self.commune = f.commune("15469", "Xã Yên Định", self.province)
        self.other_commune = f.commune("15475", "Xã Định Tân", self.province)
        far = f.commune("02269", "Xã Hàm Yên", f.province("08", "Tuyên Quang"))
        self.village = f.village(self.commune, "Thôn Phúc Lộc")
        f.village(self.other_commune, "Thôn Khác")
        citizen = f.citizen(commune_obj=self.commune, phone="0912000001")
        self.citizen_profile = citizen.profile
        self.users = {
            "anonymous": None,
            "citizen": citizen,
            "other_commune_officer": f.staff("one_stop_officer", commune_obj=self.other_commune),
            "province_supervisor": f.staff("province_supervisor", province_obj=self.province),
            "other_province_supervisor": f.staff("province_supervisor", province_obj=far.province),
            "system_admin": f.staff("system_admin"),
        }
        for role in (
            "one_stop_officer",
            "specialist",
            "commune_leader",
            "clerk",
            "village_head",
            "digital_team_member",
        ):
            self.users[role] = f.staff(role, commune_obj=self.commune)

    @cached_property
    def citizen_notification(self):
        notify_send(recipient=self.users["citizen"], subject="Hồ sơ", body="Đã tiếp nhận", channels=["inapp"])

        return Notification.objects.filter(recipient=self.users["citizen"]).latest("pk")

    @cached_property
    def payment_request(self):
        collection_account_set(
            actor=self.users["commune_leader"],
            commune=self.commune,
            bank_bin="970416",
            account_number="257678859",
            account_name="UBND XA YEN DINH",
        )
        return payment_request_create(
            actor=self.users["one_stop_officer"],
            commune=self.commune,
            amount=8000,
            kind="payments.manual",
            label="Lệ phí",
            payer=self.users["citizen"],
        )

    @cached_property
    def cash_payment(self):
        """A request of commune A the citizen paid in cash at the counter."""
        request = payment_request_create(
            actor=self.users["one_stop_officer"],
            commune=self.payment_request.commune,
            amount=15000,
            kind="payments.manual",
            label="Lệ phí trích lục",
            payer=self.users["citizen"],
        )
        return payment_request_pay_cash(
            actor=self.users["one_stop_officer"], request=request, amount=15000, receipt_number="0000123"
        )

    @cached_property
    def economy_point(self):
        return payment_point_save(
            actor=self.users["one_stop_officer"],
            commune=self.commune,
            data={
                "name": "Sạp rau",
                "kind": "market_stall",
                "bank_bin": "970405",
                "account_number": "3600205999888",
                "account_name": "NGUYEN THI LAN",
            },
        )

    @cached_property
    def economy_batch(self):
        officer = self.users["specialist"]
        producer = producer_save(
            actor=officer, commune=self.commune, data={"name": "HTX", "kind": "cooperative"}
        )
        product = product_save(
            actor=officer,
            producer=producer,
            data={"name": "Chè lam", "category": "food"},
            photo=SimpleUploadedFile("che.png", image_bytes("PNG")),
        )
        return batch_create(
            actor=officer,
            product=product,
            data={"code": "L1", "produced_on": date(2026, 11, 1), "quantity": 2},
        )

    @cached_property
    def economy_stamp(self):
        stamps_generate(actor=self.users["specialist"], batch=self.economy_batch, count=1)
        return self.economy_batch.stamps.get()

    @cached_property
    def statement_line(self):
        request = self.payment_request
        statement = BankStatement.objects.create(
            commune=self.commune,
            account=request.account,
            filename="sao-ke.csv",
            sha256="0" * 64,
        )
        return StatementLine.objects.create(
            statement=statement,
            account=request.account,
            commune=self.commune,
            bank_txn_id="FT1",
            booked_on=date(2026, 11, 23),
            amount=5000,
            description="khong ro",
            outcome=LineOutcome.UNMATCHED,
        )

    @cached_property
    def signing_credential(self):
        ca = pki.ca_create("xaso Test Root CA")
        leader = self.users["commune_leader"]
        cert = pki.cert_issue(ca, common_name="Trịnh Văn Hùng", organisation="UBND Xã Yên Định")
        trust_root_add(actor=leader, certificate_der=ca.cert_der, label="Test CA", is_test=True)
        return credential_create_pkcs12(
            actor=leader,
            commune=self.commune,
            holder=leader,
            label="Chủ tịch",
            position="Chủ tịch",
            pkcs12=pki.pkcs12_bytes(cert, ca, "mat-khau"),
            passphrase="mat-khau",
        )

    @cached_property
    def signed_document(self):
        return signed_result_create(
            actor=self.users["commune_leader"],
            commune=self.commune,
            title="Trích lục khai sinh",
            html_or_pdf="<p>Trích lục khai sinh</p>",
            credential=self.signing_credential,
            secret="mat-khau",
        )

    @cached_property
    def result_dossier(self):
        """A birth registration of commune A, approved, its result signed by the leader."""
        users = self.users
        dossier = dossier_submit(
            actor=users["citizen"], procedure=self.birth, commune=self.commune, data=dict(self.dossier.data)
        )
        for action, role, extra in (
            ("receive", "one_stop_officer", {}),
            ("assign", "one_stop_officer", {"assignee": users["specialist"]}),
            ("start", "specialist", {}),
            ("propose", "specialist", {}),
            ("approve", "commune_leader", {}),
        ):
            dossier = dossier_act(actor=users[role], dossier=dossier, action=action, **extra)
        dossier_result_sign(
            actor=users["commune_leader"],
            dossier=dossier,
            credential_id=self.signing_credential.pk,
            secret="mat-khau",
        )
        return dossier

    @cached_property
    def birth(self):
        if not Procedure.objects.exists():  # a transactional test flushed the migration's rows
            procedures_load()
        return Procedure.objects.get(national_code="1.001193")

    @cached_property
    def dossier(self):
        """A birth registration the citizen filed online (submitted), with one paper."""
        dossier = dossier_submit(
            actor=self.users["citizen"],
            procedure=self.birth,
            commune=self.commune,
            data={
                "applicant_name": "Trần Thị Bình",
                "applicant_personal_id": "038190000123",
                "applicant_phone": "0912000001",
                "applicant_address": "Thôn Phúc Lộc",
                "relationship": "me",
                "child_name": "Lê Minh An",
                "child_birth_date": "2026-03-01",
                "child_sex": "M",
                "child_birth_place": "Trạm y tế xã",
                "child_ethnicity": "Kinh",
            },
        )
        dossier_file_add(
            actor=self.users["one_stop_officer"],
            dossier=dossier,
            upload=ContentFile(PDF, name="giay.pdf"),
            label="Giấy chứng sinh",
        )
        return dossier

    @cached_property
    def fee_dossier(self):
        """A marital-status certification (15.000 đồng) filed online, its fee awaiting payment."""
        self.payment_request  # noqa: B018  (the commune's collection account)
        self.birth  # noqa: B018  (the catalogue, reloaded if a transactional test flushed it)
        return dossier_submit(
            actor=self.users["citizen"],
            procedure=Procedure.objects.get(code="xac-nhan-tinh-trang-hon-nhan"),
            commune=self.commune,
            data={
                "applicant_name": "Trần Thị Bình",
                "applicant_personal_id": "038190000123",
                "applicant_phone": "0912000001",
                "applicant_address": "Thôn Phúc Lộc",
                "purpose": "ket_hon",
            },
        )

    @cached_property
    def late_dossier(self):
        """The filed dossier, past its due date, with its apology letter written."""
        Dossier.objects.filter(pk=self.dossier.pk).update(
            due_date=date(2026, 1, 5), apology_date=date(2026, 1, 9), apology_reason="Chờ xác minh"
        )
        return Dossier.objects.get(pk=self.dossier.pk)

    @cached_property
    def draft(self):
        return dossier_draft_save(
            actor=self.users["citizen"], procedure=self.birth, commune=self.commune, data={}
        )

    @cached_property
    def registered_document(self):
        return incoming_register(
            actor=self.users["clerk"],
            commune=self.commune,
            kind="CV",
            title="Công văn về việc phòng chống bão lũ",
            sender="UBND tỉnh Thanh Hóa",
            pdf=html_to_pdf("<p>Công văn</p>"),
        )

    @cached_property
    def outgoing_document(self):
        """An outgoing draft a specialist of commune A wrote."""
        return outgoing_create(
            actor=self.users["specialist"],
            commune=self.commune,
            kind="TB",
            title="Thông báo lịch tiêm chủng",
            body="Lịch tiêm chủng tháng 12.",
            recipients=["Các thôn"],
        )

    @cached_property
    def meeting(self):
        """A meeting of commune A the clerk scheduled: the leader chairs, a specialist is
        invited, its agenda has the registered document."""
        meeting = meeting_create(
            actor=self.users["clerk"],
            commune=self.commune,
            title="Họp triển khai",
            starts_at=timezone.now(),
            place="Hội trường",
            chair=self.users["commune_leader"],
            staff=[self.users["specialist"]],
        )
        meeting_item_add(
            actor=self.users["clerk"], meeting=meeting, title="Kế hoạch", document=self.registered_document
        )
        return meeting

    @cached_property
    def household_import(self):
        job = HouseholdImport(
            commune=self.commune, created_by=self.users["one_stop_officer"], original_name="ds.xlsx"
        )
        job.file.save("ds.xlsx", ContentFile(b"PK"), save=False)
        job.report.save("loi.xlsx", ContentFile(b"PK"), save=False)
        job.save()
        return job

    @cached_property
    def announcement(self):
        Household.objects.create(commune=self.commune, village=self.village, code="HK-1", head_name="An")
        return announcement_create(
            actor=self.users["village_head"],
            commune=self.commune,
            title="Họp thôn",
            body="19h",
            attachments=[SimpleUploadedFile("a.pdf", PDF)],
        )

    @cached_property
    def radio_cluster(self):
        return speaker_cluster_create(
            actor=self.users["one_stop_officer"], commune=self.commune, name="Cụm loa 1"
        )

    @cached_property
    def radio_bulletin(self):
        bulletin = Bulletin.objects.create(
            commune=self.commune,
            title="Bản tin",
            created_by=self.users["one_stop_officer"],
            status=AudioStatus.READY,
        )
        bulletin.audio.save("b.ogg", ContentFile(b"OggS"), save=True)
        return bulletin

    @cached_property
    def info_page(self):
        return info_page_create(
            actor=self.users["one_stop_officer"],
            commune=self.commune,
            kind="lane_map",
            title="Bản đồ ngõ",
            image=SimpleUploadedFile("map.png", image_bytes("PNG")),
        )

    @cached_property
    def public_point(self):
        return public_point_save(
            actor=self.users["one_stop_officer"], commune=self.commune, data={"kind": "wifi", "name": "NVH"}
        )

    def public_point_put_back(self) -> dict:
        if not PublicPoint.objects.filter(pk=self.public_point.pk).exists():
            self.public_point.save(force_insert=True)
        return {}

    @cached_property
    def point_map(self):
        return point_map_upload(
            actor=self.users["one_stop_officer"],
            commune=self.commune,
            image=SimpleUploadedFile("map.png", image_bytes("PNG")),
        )

    @cached_property
    def feedback_report(self):
        return feedback_submit(
            actor=None,
            commune=self.commune,
            category="roads",
            text="Ổ gà",
            photos=[SimpleUploadedFile("a.jpg", image_bytes("JPEG"))],
        )

    @cached_property
    def ack_token(self):
        return ack_token(Delivery.objects.get(announcement=self.announcement).pk)


def _passed(response) -> bool:
    if response.status_code in REFUSED:
        return False
    if response.status_code in (301, 302, 303) and "/dang-nhap/" in response.get("Location", ""):
        return False
    return response.status_code < 500


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_each_actor_is_allowed_or_refused_as_the_matrix_says(route, client, db):
    world = World()
    path = route.path(world)
    wrong = []
    for actor in ACTORS:
        client.logout()
        user = world.users[actor]
        if user is not None:
            client.force_login(user, backend="xaso.accounts.backends.LoginBackend")
        send = getattr(client, route.method.lower())
        kwargs = {}
        if route.data:
            payload = route.data(world)
            kwargs = (
                {"data": payload, "content_type": "application/json"}
                if "/api/" in path
                else {"data": payload}
            )
        response = send(path, **kwargs)
        assert response.status_code < 500, f"{route.key} as {actor}: {response.status_code}"
        assert response.status_code != 405, f"{route.key}: the matrix names the wrong method"
        expected = actor in route.allow
        if _passed(response) != expected:
            wrong.append(f"{actor}: got {response.status_code}, expected {'allow' if expected else 'deny'}")
    assert not wrong, f"{route.key} ({path}): " + "; ".join(wrong)
