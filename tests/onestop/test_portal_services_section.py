"""The commune portal opens with the commune's services: its procedure catalogue (a procedure
the commune switched off is not offered), filing online, looking a dossier up, and, once signed
in, the citizen's own dossiers."""

import pytest
from django.urls import reverse

from xaso.onestop.models import Procedure
from xaso.onestop.services.catalogue import procedure_switch

pytestmark = pytest.mark.django_db


def test_services_come_first_with_the_communes_catalogue(client, commune):
    body = client.get(f"/xa/{commune.code}/").content.decode()
    services = body.index('id="p-services"')
    assert services < body.index('id="p-announcements"') < body.index('id="contact"')
    assert f"{reverse('onestop:procedures')}?xa={commune.code}" in body
    assert reverse("onestop:lookup") in body
    assert "Nộp hồ sơ trực tuyến" in body and "Tra cứu hồ sơ" in body
    birth = Procedure.objects.get(national_code="1.001193")
    assert reverse("onestop:procedure", args=[birth.code]) in body
    offered = Procedure.objects.filter(is_active=True).count()
    assert f"Xem tất cả {offered} thủ tục của xã" in body


def test_a_procedure_the_commune_switched_off_is_not_offered(client, commune, commune_leader):
    birth = Procedure.objects.get(national_code="1.001193")
    procedure_switch(actor=commune_leader, commune=commune, procedure=birth, enabled=False)
    body = client.get(f"/xa/{commune.code}/").content.decode()
    assert reverse("onestop:procedure", args=[birth.code]) + '"' not in body
    offered = Procedure.objects.filter(is_active=True).count() - 1
    assert f"Xem tất cả {offered} thủ tục của xã" in body


def test_my_dossiers_appear_once_signed_in(client, login, citizen, commune):
    assert reverse("onestop:mine") not in client.get(f"/xa/{commune.code}/").content.decode()
    body = login(citizen).get(f"/xa/{commune.code}/").content.decode()
    assert reverse("onestop:mine") in body and "Hồ sơ của tôi" in body
