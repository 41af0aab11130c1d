import datetime as dt

from django.utils import timezone

from tests.support.exchange import parts, post
from xaso.core.audit import AuditEvent
from xaso.documents.models import Agency, DeliveryStatus, EnvelopeDelivery
from xaso.documents.signing import pki


def _page(client, user, doc) -> str:
    client.force_login(user)
    response = client.get(f"/van-ban/{doc.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_clerk_sends_an_issued_document_from_its_page(client, issued, clerk, agency_a, agency_b):
    html = _page(client, clerk, issued)
    assert "UBND Xã Định Tân" in html and f'action="/van-ban/{issued.pk}/lien-thong/"' in html
    response = client.post(f"/van-ban/{issued.pk}/lien-thong/", {"recipient": agency_b.pk})
    assert response.status_code == 302
    delivery = EnvelopeDelivery.objects.get(document=issued)
    assert delivery.recipient == agency_b and delivery.created_by == clerk


def test_the_page_shows_delivered_with_the_receipt_time_and_their_number(client, delivery, clerk):
    body = post(client, parts(delivery)).json()
    EnvelopeDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.DELIVERED,
        delivered_at=dt.datetime(2026, 12, 1, 3, 5, tzinfo=dt.UTC),
        receiver_number=body["register_number"],
    )
    html = _page(client, clerk, delivery.document)
    assert "01/12/2026 10:05" in html  # shown in Asia/Ho_Chi_Minh
    assert 'class="badge badge-ok"' in html


def test_the_page_shows_a_retrying_and_a_failed_delivery(client, delivery, clerk, system_admin, test_ca):
    EnvelopeDelivery.objects.filter(pk=delivery.pk).update(
        attempts=2,
        next_attempt_at=timezone.now() + dt.timedelta(minutes=4),
        last_error="ConnectionError: down",
    )
    html = _page(client, clerk, delivery.document)
    assert "ConnectionError: down" in html and "badge-bad" not in html
    EnvelopeDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.DEAD)
    assert "badge-bad" in _page(client, clerk, delivery.document)


def test_an_officer_of_another_commune_cannot_send_it(client, issued, other_officer, agency_a, agency_b):
    client.force_login(other_officer)
    response = client.post(f"/van-ban/{issued.pk}/lien-thong/", {"recipient": agency_b.pk})
    assert response.status_code == 404
    assert not EnvelopeDelivery.objects.exists()


def test_an_administrator_adds_an_agency_in_the_admin(client, system_admin, test_ca):
    other = pki.cert_issue(test_ca, common_name="UBND Huyện Yên Định", organisation="UBND Huyện Yên Định")
    client.force_login(system_admin)
    response = client.post(
        "/quan-tri/documents/agency/add/",
        {
            "code": "H38.20",
            "name": "UBND Huyện Yên Định",
            "base_url": "https://xaso.yendinh.example",
            "is_active": "on",
            "certificate_pem": other.cert_pem.decode(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(code="H38.20")
    assert bytes(agency.certificate_der) == other.cert_der and agency.is_test
    assert AuditEvent.objects.filter(action="agency.save").exists()
    response = client.post(
        "/quan-tri/documents/agency/add/",
        {"code": "X", "name": "Y", "base_url": "", "is_active": "on", "certificate_pem": "không phải"},
    )
    assert response.status_code == 200 and not Agency.objects.filter(code="X").exists()
