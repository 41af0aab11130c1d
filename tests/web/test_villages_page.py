def test_an_officer_adds_a_village_from_the_page(login, one_stop_officer, commune):
    client = login(one_stop_officer)
    response = client.post("/thon/", {"name": "Thôn Đông Lĩnh", "kind": "thon"}, follow=True)
    assert "Đã thêm thôn" in response.content.decode()
    listing = client.get("/thon/", {"q": "dong linh"}).content.decode()
    assert "Thôn Đông Lĩnh" in listing


def test_a_duplicate_village_keeps_the_form_and_says_why(login, one_stop_officer, village):
    response = login(one_stop_officer).post(
        "/thon/", {"name": village.name, "kind": "thon", "head_name": "Ông Tư"}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Xã đã có một thôn trùng tên" in body
    assert 'value="Ông Tư"' in body


def test_a_citizen_is_refused_the_villages_page(login, citizen):
    response = login(citizen).get("/thon/")
    assert response.status_code == 403
    assert "Bạn không quản lý danh sách thôn" in response.content.decode()


def test_anonymous_users_are_sent_to_sign_in(client, db):
    response = client.get("/thon/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")
