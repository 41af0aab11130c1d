"""Liên thông: approving a birth registration opens the child's permanent-residence
registration, whose approval opens the health-insurance card; a death registration opens the
removal from permanent residence, whose approval opens the funeral allowance."""

import pytest

from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.services.filing import dossier_submit
from xaso.onestop.services.lifecycle import dossier_act

pytestmark = pytest.mark.django_db


def approve(dossier, *, officer, specialist, leader):
    if dossier.status == Status.SUBMITTED:
        dossier = dossier_act(actor=officer, dossier=dossier, action="receive")
    dossier = dossier_act(actor=officer, dossier=dossier, action="assign", assignee=specialist)
    dossier = dossier_act(actor=specialist, dossier=dossier, action="start")
    dossier = dossier_act(actor=specialist, dossier=dossier, action="propose")
    return dossier_act(actor=leader, dossier=dossier, action="approve")


def test_birth_registration_opens_residence_then_health_insurance(
    file_birth, one_stop_officer, specialist, commune_leader, citizen
):
    staff = {"officer": one_stop_officer, "specialist": specialist, "leader": commune_leader}
    birth = approve(file_birth(), **staff)
    residence = Dossier.objects.get(parent=birth)
    assert residence.procedure.code == "dang-ky-thuong-tru-tre-em"
    assert residence.status == Status.RECEIVED
    assert residence.code and residence.due_date
    assert residence.citizen == citizen
    assert residence.data["child_name"] == "Lê Minh An"  # carried over, not retyped
    assert residence.group_id == Dossier.objects.get(pk=birth.pk).group_id is not None

    residence = approve(residence, **staff)
    card = Dossier.objects.get(parent=residence)
    assert card.procedure.code == "cap-the-bhyt-tre-em"
    assert card.group_id == birth.group_id
    assert Dossier.objects.filter(group_id=card.group_id).count() == 3


def test_death_registration_opens_removal_then_funeral_allowance(
    citizen, commune, one_stop_officer, specialist, commune_leader
):
    staff = {"officer": one_stop_officer, "specialist": specialist, "leader": commune_leader}
    death = dossier_submit(
        actor=citizen,
        procedure=Procedure.objects.get(national_code="1.000656"),
        commune=commune,
        data={
            "applicant_name": "Trần Thị Bình",
            "applicant_personal_id": "038190000123",
            "applicant_phone": "0912000001",
            "applicant_address": "Thôn Phúc Lộc",
            "relationship": "nguoi_than",
            "deceased_name": "Lê Văn Tư",
            "death_date": "2026-03-08",
            "death_place": "Tại nhà",
        },
    )
    death = approve(death, **staff)
    removal = Dossier.objects.get(parent=death)
    assert removal.procedure.code == "xoa-dang-ky-thuong-tru"
    assert removal.data["deceased_name"] == "Lê Văn Tư"
    removal = approve(removal, **staff)
    allowance = Dossier.objects.get(parent=removal)
    assert allowance.procedure.code == "ho-tro-mai-tang"
    assert allowance.data["death_date"] == "2026-03-08"
    assert {d.procedure.code for d in Dossier.objects.filter(group_id=allowance.group_id)} == {
        "dang-ky-khai-tu",
        "xoa-dang-ky-thuong-tru",
        "ho-tro-mai-tang",
    }


def test_a_rejected_dossier_opens_nothing(file_birth, walk, commune_leader):
    dossier = walk(file_birth(), "propose")
    dossier_act(actor=commune_leader, dossier=dossier, action="reject", note="Thiếu giấy tờ")
    assert not Dossier.objects.filter(parent=dossier).exists()
