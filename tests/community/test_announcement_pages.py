from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.files import image_bytes
from tests.support.households import household
from xaso.community.models import Announcement, Delivery


def test_a_village_head_writes_an_announcement_on_the_page(
    login, village_head, commune, village, other_village
):
    household(commune, village, "HK-1")
    household(commune, other_village, "HK-2")
    client = login(village_head)
    response = client.post(
        reverse("community:announcement_new"),
        {"title": "Họp thôn", "body": "19h", "urgency": "important", "villages": [village.pk],
         "attachments": [SimpleUploadedFile("a.png", image_bytes("PNG"))]},
    )  # fmt: skip
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:announcement", args=[announcement.pk])
    assert list(Delivery.objects.values_list("household__code", flat=True)) == ["HK-1"]
    page = client.get(response["Location"]).content.decode()
    assert "0/1 (0%)" in page
    assert "HK-1" in page


def test_a_bad_form_keeps_what_was_typed(login, one_stop_officer, commune):
    response = login(one_stop_officer).post(
        reverse("community:announcement_new"),
        {
            "title": "Giữ lại",
            "body": "B",
            "urgency": "normal",
            "attachments": [SimpleUploadedFile("a.pdf", b"nope")],
        },
    )
    assert response.status_code == 422
    assert 'value="Giữ lại"' in response.content.decode()
    assert not Announcement.objects.exists()


def test_the_village_head_marks_households_told_in_person(login, village_head, commune, village):
    household(commune, village, "HK-1")
    household(commune, village, "HK-2")
    client = login(village_head)
    client.post(reverse("community:announcement_new"), {"title": "T", "body": "B", "urgency": "normal"})
    announcement = Announcement.objects.get()
    first = Delivery.objects.get(household__code="HK-1")
    url = reverse("community:announcement", args=[announcement.pk])
    response = client.post(url, {"deliveries": [first.pk]})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "1/2 (50%)" in page
    assert "HK-1 —" not in page and "HK-2 —" in page


def test_an_officer_of_another_commune_reaches_no_announcement(
    login, one_stop_officer, other_officer, commune, village
):
    household(commune, village, "HK-1")
    login(one_stop_officer).post(
        reverse("community:announcement_new"), {"title": "Bí mật", "body": "B", "urgency": "normal"}
    )
    announcement = Announcement.objects.get()
    client = login(other_officer)
    url = reverse("community:announcement", args=[announcement.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"deliveries": list(Delivery.objects.values_list("pk", flat=True))}).status_code
        == 404
    )
    assert "Bí mật" not in client.get(reverse("community:announcements")).content.decode()
    assert not Delivery.objects.filter(reached_at__isnull=False).exists()


def test_a_citizen_cannot_write_announcements(login, citizen):
    assert login(citizen).get(reverse("community:announcement_new")).status_code == 403
