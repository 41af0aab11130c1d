"""A citizen pays the dossier fee in cash at the desk: the cashier records it from the dossier
page, the dossier is paid as after a transfer (timeline, audit, notice) and its result can be
delivered; only the commune's cashiers see the form."""

import pytest

from tests.support.dossiers import BIRTH_DATA
from xaso.core.errors import InvalidInput
from xaso.core.models import AuditEvent
from xaso.notify.models import Notification
from xaso.onestop.fees import fee_summary
from xaso.onestop.models import Dossier, Procedure, Status
from xaso.onestop.services.lifecycle import dossier_act
from xaso.payments.models import PaymentMethod, RequestStatus
from xaso.payments.services import payment_request_pay_cash

pytestmark = pytest.mark.django_db


def test_cash_recorded_on_the_dossier_page_pays_the_fee_and_frees_the_result(
    account, file_marital, walk, login, one_stop_officer, citizen
):
    dossier = walk(file_marital(), "result_ready")
    request = dossier.fee_request
    client = login(one_stop_officer)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/" in page
    response = client.post(
        f"/thanh-toan/yeu-cau/{request.pk}/tien-mat/",
        {"amount": "15000", "receipt_number": "0000456", "next": f"/ho-so/{dossier.code}/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/ho-so/{dossier.code}/"
    dossier.refresh_from_db()
    assert dossier.fee_paid_at is not None and fee_summary(dossier)["cash"]
    event = dossier.events.get(action="fee_paid")
    assert "0000456" in event.note and event.data["method"] == PaymentMethod.CASH
    assert AuditEvent.objects.filter(action="dossier.fee_paid", target_id=str(dossier.pk)).count() == 1
    assert Notification.objects.filter(recipient=citizen, ref=f"dossier-fee:{dossier.code}").count() == 1
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "tien-mat/" not in page and f"/thanh-toan/yeu-cau/{request.pk}/bien-lai.pdf" in page
    dossier = dossier_act(actor=one_stop_officer, dossier=dossier, action="deliver")
    assert dossier.status == Status.DELIVERED


@pytest.mark.parametrize("who", ["citizen", "specialist", "province_supervisor"])
def test_those_who_do_not_take_money_see_no_cash_form(who, account, file_marital, login, request):
    dossier = file_marital()
    page = login(request.getfixturevalue(who)).get(f"/ho-so/{dossier.code}/").content.decode()
    assert "tien-mat/" not in page and "le-phi/qr.png" in page


def test_an_officer_of_another_commune_cannot_take_the_fee(account, file_marital, login, other_officer):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    response = login(other_officer).post(
        f"/thanh-toan/yeu-cau/{dossier.fee_request_id}/tien-mat/", {"amount": "15000"}
    )
    assert response.status_code == 404
    assert dossier.fee_request.status == RequestStatus.OPEN
    assert Dossier.objects.get(pk=dossier.pk).fee_paid_at is None


def test_cash_for_a_linked_group_pays_every_dossier_of_it(
    account, file_birth, one_stop_officer, specialist, commune_leader
):
    Procedure.objects.filter(code="dang-ky-thuong-tru-tre-em").update(fee=15_000)
    birth = Dossier.objects.get(pk=file_birth(data=dict(BIRTH_DATA)).pk)
    birth = dossier_act(actor=one_stop_officer, dossier=birth, action="receive")
    birth = dossier_act(actor=one_stop_officer, dossier=birth, action="assign", assignee=specialist)
    birth = dossier_act(actor=specialist, dossier=birth, action="start")
    birth = dossier_act(actor=specialist, dossier=birth, action="propose")
    birth = dossier_act(actor=commune_leader, dossier=birth, action="approve")
    with pytest.raises(InvalidInput, match="15.000"):
        payment_request_pay_cash(actor=one_stop_officer, request=birth.fee_request, amount=5_000)
    payment_request_pay_cash(actor=one_stop_officer, request=birth.fee_request, amount=15_000)
    group = Dossier.objects.filter(group=birth.group)
    assert group.count() == 2 and not group.filter(fee_paid_at__isnull=True).exists()


def test_the_api_says_the_fee_was_paid_in_cash(account, file_marital, login, citizen, one_stop_officer):
    dossier = Dossier.objects.get(pk=file_marital().pk)
    payment_request_pay_cash(actor=one_stop_officer, request=dossier.fee_request, amount=15_000)
    fee = login(citizen).get(f"/api/v1/dossiers/{dossier.code}").json()["fee"]
    assert (fee["state"], fee["paid_by"], fee["copies"]) == ("paid", "cash", None)
