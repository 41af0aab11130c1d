from xaso.dx.models import AssessmentStatus
from xaso.dx.services import assessments


def test_a_commune_officer_registers_fills_attaches_and_submits_through_the_pages(
    dx_set, commune, commune_leader, login, pdf_file
):
    client = login(commune_leader)
    home = client.get("/cds/")
    assert home.status_code == 200 and "Bộ thử" in home.content.decode()
    response = client.post(f"/cds/dang-ky/{dx_set.pk}/")
    a = dx_set.assessments.get(commune=commune)
    assert response.status_code == 302 and response.url == f"/cds/danh-gia/{a.pk}/"
    a1 = a.values.get(indicator__code="A1")
    page = client.get(f"/cds/danh-gia/{a.pk}/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    r = client.post(f"/cds/danh-gia/{a.pk}/gia-tri/{a1.pk}/", {"numerator": "8", "denominator": "8"})
    assert r.status_code == 302
    r = client.post(f"/cds/danh-gia/{a.pk}/gia-tri/{a1.pk}/minh-chung/", {"file": pdf_file()})
    assert r.status_code == 302
    r = client.post(f"/cds/danh-gia/{a.pk}/gui/")
    a.refresh_from_db()
    assert a.status == AssessmentStatus.SUBMITTED


def test_a_refused_value_keeps_what_was_typed(dx_set, commune, commune_leader, login):
    client = login(commune_leader)
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    a1 = a.values.get(indicator__code="A1")
    r = client.post(f"/cds/danh-gia/{a.pk}/gia-tri/{a1.pk}/", {"numerator": "12", "denominator": "10"})
    body = r.content.decode()
    assert r.status_code == 422
    assert 'value="12"' in body and "100%" in body


def test_an_officer_of_another_commune_gets_not_found_on_page_and_api(
    dx_set, commune, commune_leader, other_officer, login
):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    client = login(other_officer)
    assert client.get(f"/cds/danh-gia/{a.pk}/").status_code == 404
    assert client.get(f"/cds/danh-gia/{a.pk}/tong-quan/").status_code == 404
    value = a.values.first()
    assert client.post(f"/cds/danh-gia/{a.pk}/gia-tri/{value.pk}/", {"amount": "1"}).status_code == 404
    assert client.get(f"/api/v1/dx/assessments/{a.pk}").status_code == 404
    r = client.put(
        f"/api/v1/dx/assessments/{a.pk}/values/{value.pk}", {"value": "1"}, content_type="application/json"
    )
    assert r.status_code == 404


def test_a_supervisor_of_another_province_gets_not_found(
    dx_set, commune, commune_leader, other_province_supervisor, login
):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    client = login(other_province_supervisor)
    assert client.get(f"/cds/danh-gia/{a.pk}/").status_code == 404
    assert client.get(f"/cds/bo-chi-tieu/{dx_set.pk}/xep-hang/").status_code == 404
    assert client.get(f"/api/v1/dx/sets/{dx_set.pk}/ranking").status_code == 404


def test_the_api_refuses_a_zero_denominator_with_a_problem_body(dx_set, commune, commune_leader, login):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    a1 = a.values.get(indicator__code="A1")
    r = login(commune_leader).put(
        f"/api/v1/dx/assessments/{a.pk}/values/{a1.pk}",
        {"numerator": "0", "denominator": "0"},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "denominator"


def test_the_province_reviews_and_decides_through_the_pages(
    filled, commune_leader, province_supervisor, login, django_capture_on_commit_callbacks
):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    client = login(province_supervisor)
    page = client.get(f"/cds/danh-gia/{a.pk}/")
    assert page.status_code == 200
    for value in a.values.all():
        r = client.post(f"/cds/danh-gia/{a.pk}/gia-tri/{value.pk}/tham-dinh/", {"decision": "accepted"})
        assert r.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/cds/danh-gia/{a.pk}/quyet-dinh/", {"decision_number": "5/QĐ"})
    a.refresh_from_db()
    assert a.status == AssessmentStatus.NOT_RECOGNISED  # 75 < 80
    pdf = client.get(f"/cds/danh-gia/{a.pk}/quyet-dinh.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_a_return_without_a_comment_is_refused_on_the_page(
    filled, commune_leader, province_supervisor, login
):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    value = a.values.first()
    r = login(province_supervisor).post(
        f"/cds/danh-gia/{a.pk}/gia-tri/{value.pk}/tham-dinh/", {"decision": "returned"}
    )
    assert r.status_code == 422
