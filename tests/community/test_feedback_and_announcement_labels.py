"""Words that one app's catalogue used to lend another: the feedback form's category is "Lĩnh
vực" (not the product catalogue's "Nhóm sản phẩm"), and a published date is "Ngày đăng" only as
a date, never as an indicator set's status."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext

pytestmark = pytest.mark.django_db


def test_the_feedback_form_asks_for_a_field_not_a_product_group(client, commune):
    page = client.get(f"/cong-dong/xa/{commune.code}/phan-anh/gui/").content.decode()
    assert "Lĩnh vực" in page
    assert "Nhóm sản phẩm" not in page


def test_the_product_catalogue_keeps_its_product_group(client, commune):
    assert "Nhóm sản phẩm" in client.get("/san-pham/").content.decode()


def test_published_is_a_status_or_a_date_by_context():
    with translation.override("vi"):
        assert gettext("Published") == "Đã ban hành"
        assert pgettext("date", "Published") == "Ngày đăng"
