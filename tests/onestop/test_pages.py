import pytest
from django.core.cache import cache

from tests.onestop import files
from xaso.onestop.models import Dossier, Status
from xaso.onestop.required_papers import papers_to_upload

pytestmark = pytest.mark.django_db


def test_the_procedure_search_page_ignores_diacritics(client):
    response = client.get("/thu-tuc/", {"q": "ket hon"})
    assert response.status_code == 200
    assert "Đăng ký kết hôn" in response.content.decode()


def test_a_procedure_page_says_what_to_bring_and_the_fee(client):
    body = client.get("/thu-tuc/1.001193/").content.decode()
    assert "Giấy chứng sinh" in body
    assert "1.001193" in body


def test_a_citizen_files_step_by_step_with_a_draft_kept_between_visits(login, citizen, commune):
    client = login(citizen)
    response = client.post("/thu-tuc/dang-ky-khai-sinh/nop/", {"commune": commune.code})
    draft = Dossier.objects.get(citizen=citizen, status=Status.DRAFT)
    assert response.url == f"/ho-so/nhap/{draft.pk}/1/"
    # Step 1 is prefilled from the profile (declare once).
    assert "0912000001" in client.get(response.url).content.decode()
    step1 = {
        "applicant_name": "Trần Thị Bình",
        "applicant_personal_id": "038190000123",
        "applicant_phone": "0912000001",
        "applicant_address": "Thôn Phúc Lộc",
        "go": "save",
    }
    assert client.post(f"/ho-so/nhap/{draft.pk}/1/", step1).url == "/ho-so/cua-toi/"
    draft.refresh_from_db()
    assert draft.data["applicant_personal_id"] == "038190000123"
    step2 = {
        "relationship": "me",
        "child_name": "Lê Minh An",
        "child_birth_date": "01/03/2026",
        "child_sex": "M",
        "child_birth_place": "Trạm y tế xã",
        "child_ethnicity": "Kinh",
        "go": "next",
    }
    assert client.post(f"/ho-so/nhap/{draft.pk}/2/", step2).url == f"/ho-so/nhap/{draft.pk}/3/"
    for paper in papers_to_upload(draft.procedure):
        upload = client.post(
            f"/ho-so/nhap/{draft.pk}/3/", {"go": "upload", "label": paper, "file": files.pdf()}
        )
        assert upload.status_code == 302
    done = client.post(f"/ho-so/nhap/{draft.pk}/3/", {"go": "submit"})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert done.url == f"/ho-so/{draft.code}/"
    assert draft.files.count() == 2


def test_a_step_that_fails_keeps_what_was_typed_and_says_what_to_fix(login, citizen, commune):
    client = login(citizen)
    client.post("/thu-tuc/dang-ky-khai-sinh/nop/", {"commune": commune.code})
    draft = Dossier.objects.get(citizen=citizen)
    response = client.post(
        f"/ho-so/nhap/{draft.pk}/2/",
        {"child_name": "Lê Minh An", "child_birth_date": "31/02/2026", "go": "next"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'value="Lê Minh An"' in body
    assert "Ngày, tháng, năm sinh" in body


def test_my_dossiers_lists_the_citizens_own(login, citizen, file_birth):
    dossier = file_birth()
    assert dossier.code in login(citizen).get("/ho-so/cua-toi/").content.decode()


def test_the_dossier_page_shows_only_the_actions_the_viewer_may_take(
    login, one_stop_officer, citizen, file_birth
):
    dossier = file_birth()
    officer_page = login(one_stop_officer).get(f"/ho-so/{dossier.code}/").content.decode()
    assert 'value="receive"' in officer_page
    assert 'value="approve"' not in officer_page
    citizen_page = login(citizen).get(f"/ho-so/{dossier.code}/").content.decode()
    assert f'href="/ho-so/{dossier.code}/rut/"' in citizen_page
    assert 'value="receive"' not in citizen_page


def test_an_action_through_the_page_moves_the_dossier(login, one_stop_officer, file_birth):
    dossier = file_birth()
    response = login(one_stop_officer).post(
        f"/ho-so/{dossier.code}/thao-tac/", {"action": "receive", "expected_status": "submitted"}
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RECEIVED


def test_an_officer_of_another_commune_gets_404_on_the_dossier_page(login, other_officer, file_birth):
    dossier = file_birth()
    client = login(other_officer)
    assert client.get(f"/ho-so/{dossier.code}/").status_code == 404
    assert client.post(f"/ho-so/{dossier.code}/thao-tac/", {"action": "receive"}).status_code == 404
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_the_queue_has_tabs_with_counts_filters_and_search(login, one_stop_officer, file_birth, walk):
    first = file_birth()
    second = walk(file_birth(), "receive")
    client = login(one_stop_officer)
    body = client.get("/mot-cua/ho-so/").content.decode()
    assert first.code in body and second.code in body
    assert client.get("/mot-cua/ho-so/", {"tab": "processing"}).content.decode().count("/ho-so/15469-") == 0
    only = client.get("/mot-cua/ho-so/", {"status": "received"}).content.decode()
    assert second.code in only and first.code not in only
    searched = client.get("/mot-cua/ho-so/", {"q": "tran thi binh"}).content.decode()
    assert first.code in searched


def test_the_queue_does_not_show_another_communes_dossiers(login, other_officer, file_birth):
    dossier = file_birth()
    assert dossier.code not in login(other_officer).get("/mot-cua/ho-so/").content.decode()


def test_the_queue_is_for_officers_only(login, citizen):
    assert login(citizen).get("/mot-cua/ho-so/").status_code == 403


def test_counter_intake_creates_the_profile_then_receives_with_papers(login, one_stop_officer):
    client = login(one_stop_officer)
    response = client.post("/mot-cua/tiep-nhan/", {"full_name": "Phạm Văn Dũng", "phone": "0987654321"})
    assert response.status_code == 302
    data = {
        "procedure": "chung-thuc-chu-ky",
        "applicant_name": "Phạm Văn Dũng",
        "applicant_personal_id": "038090000123",
        "applicant_phone": "0987654321",
        "document_name": "Giấy ủy quyền",
        "files": [files.pdf()],
        "papers_seen": ["Giấy tờ tùy thân", "Giấy tờ, văn bản cần chứng thực chữ ký"],
    }
    received = client.post(response.url + "&thu_tuc=chung-thuc-chu-ky", data)
    dossier = Dossier.objects.get(applicant_name="Phạm Văn Dũng")
    assert received.url == f"/ho-so/{dossier.code}/"
    assert dossier.status == Status.RECEIVED and dossier.files.count() == 1


def test_counter_intake_refuses_a_fake_paper_and_keeps_the_form(login, one_stop_officer):
    client = login(one_stop_officer)
    url = client.post("/mot-cua/tiep-nhan/", {"full_name": "Phạm Văn Dũng"}).url
    response = client.post(
        url + "&thu_tuc=chung-thuc-chu-ky",
        {
            "procedure": "chung-thuc-chu-ky",
            "applicant_name": "Phạm Văn Dũng",
            "applicant_personal_id": "038090000123",
            "applicant_phone": "0987654321",
            "document_name": "Giấy ủy quyền",
            "files": [files.fake()],
            "papers_seen": ["Giấy tờ tùy thân", "Giấy tờ, văn bản cần chứng thực chữ ký"],
        },
    )
    assert response.status_code == 422
    assert 'value="Giấy ủy quyền"' in response.content.decode()
    assert not Dossier.objects.exists()


def test_the_public_lookup_page_shows_a_masked_name_and_a_friendly_miss(client, file_birth):
    cache.clear()
    dossier = file_birth()
    body = client.get("/tra-cuu/", {"ma": dossier.code, "so": "0001"}).content.decode()
    assert "T*** T** B***" in body and "Trần Thị Bình" not in body
    miss = client.get("/tra-cuu/", {"ma": "99999-260101-0001", "so": "0001"})
    assert miss.status_code == 404
    assert "biên nhận" in miss.content.decode() or "receipt" in miss.content.decode()


def test_the_citizen_rates_through_the_page(login, citizen, file_birth, walk):
    dossier = walk(file_birth(), "deliver")
    client = login(citizen)
    assert "Rất hài lòng" in client.get(f"/ho-so/{dossier.code}/").content.decode()
    client.post(f"/ho-so/{dossier.code}/danh-gia/", {"level": "4", "comment": "Tốt"})
    assert Dossier.objects.get(pk=dossier.pk).rating.level == 4


def test_an_officer_switches_a_procedure_off_on_the_page(login, one_stop_officer, commune):
    client = login(one_stop_officer)
    client.post("/mot-cua/thu-tuc/", {"procedure": "dang-ky-khai-sinh", "enabled": "0"})
    body = client.get("/thu-tuc/", {"xa": commune.code, "q": "khai sinh"}).content.decode()
    assert ">Đăng ký khai sinh<" not in body
