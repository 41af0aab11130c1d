"""The commune's DX news is written by its own staff only, each write and each move of its status
lands in the audit chain, and the rules of a title, a text and a picture hold."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xaso.accounts.roles import PERMISSIONS
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.core.models import AuditEvent
from xaso.dx.models import NewsStatus
from xaso.dx.selectors.news import news_for
from xaso.dx.services import news
from xaso.dx.workflow import NEWS_FLOW


def _draft(actor, commune, title="Tập huấn VNeID"):
    return news.news_create(actor=actor, commune=commune, title=title, body="Nội dung tin.")


def test_a_commune_officer_writes_publishes_and_withdraws_and_each_step_is_audited(commune, commune_leader):
    item = _draft(commune_leader, commune)
    assert item.status == NewsStatus.DRAFT and item.published_at is None and item.author == commune_leader
    item = news.news_publish(actor=commune_leader, item=item)
    assert item.status == NewsStatus.PUBLISHED and item.published_at is not None
    first = item.published_at
    item = news.news_withdraw(actor=commune_leader, item=item)
    assert item.status == NewsStatus.WITHDRAWN
    item = news.news_publish(actor=commune_leader, item=item)
    assert item.published_at == first  # a second publication keeps the date
    news.news_update(actor=commune_leader, item=item, title="Tập huấn VNeID mức 2", body="Sửa.")
    actions = list(
        AuditEvent.objects.filter(target_id=str(item.pk), action__startswith="news_item.")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "news_item.create",
        "news_item.publish",
        "news_item.withdraw",
        "news_item.publish",
        "news_item.update",
    ]
    assert AuditEvent.objects.filter(action="news_item.create", commune_code=commune.code).exists()


def test_an_officer_of_another_commune_can_neither_write_nor_publish_nor_see_the_news(
    commune, other_commune, commune_leader, other_officer
):
    with pytest.raises(NotAllowed):
        _draft(other_officer, commune)
    item = _draft(commune_leader, commune)
    with pytest.raises(NotAllowed):
        news.news_publish(actor=other_officer, item=item)
    with pytest.raises(NotAllowed):
        news.news_update(actor=other_officer, item=item, title="x", body="y")
    assert not news_for(other_officer).filter(pk=item.pk).exists()
    assert news_for(commune_leader).filter(pk=item.pk).exists()


def test_a_province_supervisor_and_a_village_head_do_not_write_the_communes_news(
    commune, province_supervisor, village_head
):
    for actor in (province_supervisor, village_head):
        with pytest.raises(NotAllowed):
            _draft(actor, commune)


def test_a_draft_cannot_be_withdrawn_and_a_published_item_not_published_again(commune, one_stop_officer):
    item = _draft(one_stop_officer, commune)
    with pytest.raises(Conflict):
        news.news_withdraw(actor=one_stop_officer, item=item)
    item = news.news_publish(actor=one_stop_officer, item=item)
    with pytest.raises(Conflict):
        news.news_publish(actor=one_stop_officer, item=item)


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [("   ", "Nội dung", "title"), ("Tiêu đề", "  \n ", "body"), ("x" * 201, "Nội dung", "title")],
)
def test_a_title_and_a_text_are_required_and_bounded(commune, commune_leader, title, body, field):
    with pytest.raises(InvalidInput) as refused:
        news.news_create(actor=commune_leader, commune=commune, title=title, body=body)
    assert refused.value.field == field


def test_a_picture_is_opened_re_encoded_and_given_a_web_version(commune, commune_leader):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), "green").save(buffer, "JPEG")
    photo = SimpleUploadedFile("lop-tap-huan.jpg", buffer.getvalue(), "image/jpeg")
    item = news.news_create(
        actor=commune_leader, commune=commune, title="Lớp tập huấn", body="Ảnh lớp học.", picture=photo
    )
    assert item.picture.name.endswith(".jpg") and "lop-tap-huan" not in item.picture.name
    with item.picture_web.open("rb") as handle, Image.open(handle) as web:
        assert max(web.size) <= 1280


def test_a_file_that_is_not_a_picture_is_refused_naming_the_field(commune, commune_leader):
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not a picture", "image/jpeg")
    with pytest.raises(InvalidInput) as refused:
        news.news_create(actor=commune_leader, commune=commune, title="Tin", body="Nội dung", picture=fake)
    assert refused.value.field == "picture"


def test_the_news_table_names_only_permissions_of_the_roles_table():
    roles = {role for transition in NEWS_FLOW.transitions.values() for role in transition.roles}
    assert roles == {"dx.fill_assessments"} and roles <= set(PERMISSIONS)
