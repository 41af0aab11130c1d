import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso.core.pdf import html_to_pdf
from xaso.documents.registry.selectors import registry_search
from xaso.documents.registry.services import incoming_register


@pytest.fixture
def docs(media_root, clerk, commune):
    a = incoming_register(
        actor=clerk,
        commune=commune,
        kind="CV",
        title="Công văn về việc phòng chống bão lũ",
        sender="Ban Chỉ huy PCTT tỉnh",
        pdf=html_to_pdf("<p>Yêu cầu các xã di dời dân khỏi vùng sạt lở đất trước ngày 30.</p>"),
    )
    b = incoming_register(
        actor=clerk, commune=commune, kind="QĐ", title="Quyết định khen thưởng", sender="UBND tỉnh Thanh Hóa"
    )
    return a, b


def test_search_ignores_diacritics_and_case(docs, clerk):
    a, b = docs
    assert list(registry_search(clerk, q="BAO LU")) == [a]
    assert list(registry_search(clerk, q="khen thưởng")) == [b]


def test_search_reads_the_text_extracted_from_the_pdf(docs, clerk):
    a, _b = docs
    assert list(registry_search(clerk, q="sat lo dat")) == [a]
    assert list(registry_search(clerk, q="sạt lở thiên thạch")) == []


def test_search_filters_by_direction_and_status(docs, clerk):
    assert len(registry_search(clerk, direction="in", status="registered")) == 2
    assert len(registry_search(clerk, direction="out")) == 0


def test_another_communes_officer_finds_nothing(docs, other_officer):
    assert list(registry_search(other_officer, q="")) == []


def test_the_registry_page_lists_and_paginates(login, clerk, docs):
    client = login(clerk)
    response = client.get(reverse("documents:registry"), {"q": "bao lu"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "phòng chống bão lũ" in page and "khen thưởng" not in page


def test_a_clerk_registers_an_incoming_pdf_from_the_page(login, clerk, media_root):
    client = login(clerk)
    response = client.post(
        reverse("documents:incoming_new"),
        {
            "kind": "CV",
            "title": "Công văn đôn đốc",
            "sender": "Sở Nội vụ",
            "file": SimpleUploadedFile("cv.pdf", html_to_pdf("<p>Đôn đốc</p>"), "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert response.url.startswith("/van-ban/")


def test_a_damaged_upload_keeps_what_was_typed(login, clerk, media_root):
    client = login(clerk)
    response = client.post(
        reverse("documents:incoming_new"),
        {
            "kind": "CV",
            "title": "Công văn giữ lại",
            "sender": "Sở",
            "file": SimpleUploadedFile("x.pdf", b"%PDF-1.7 junk"),
        },
    )
    assert response.status_code == 422
    assert "Công văn giữ lại" in response.content.decode()


def test_another_communes_officer_gets_404_on_the_page(login, other_officer, docs):
    a, _b = docs
    client = login(other_officer)
    assert client.get(reverse("documents:registry_detail", args=[a.pk])).status_code == 404
    assert client.get(reverse("documents:registry_file", args=[a.pk])).status_code == 404


def test_the_detail_page_offers_assignment_to_the_clerk(login, clerk, specialist, docs):
    a, _b = docs
    client = login(clerk)
    page = client.get(reverse("documents:registry_detail", args=[a.pk])).content.decode()
    assert 'value="assign"' in page
    response = client.post(
        reverse("documents:registry_action", args=[a.pk]), {"action": "assign", "handler": specialist.pk}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.handler == specialist
