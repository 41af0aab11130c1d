"""Writes of the commune's DX news: a draft written and edited by the commune's staff, published
on the portal's "Chuyển đổi số" section and its news pages, withdrawn if need be (the engine's
table workflow.NEWS_FLOW moves the status and audits it)."""

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.permissions import require
from xaso.core.uploads import IMAGE, file_check
from xaso.dx.models import NewsItem
from xaso.dx.permissions import NEWS_REFUSED, PUBLISH_NEWS
from xaso.dx.services.common import text_clean
from xaso.dx.workflow import NEWS_FLOW
from xaso.places.models import Commune

TITLE_MAX = 200
BODY_MAX = 20_000
PICTURE_MAX_BYTES = 10 * 1024 * 1024


def _title(raw) -> str:
    title = " ".join(text_clean(raw, 10 * TITLE_MAX).split())
    if not title:
        raise InvalidInput(_("Enter the title."), field="title")
    if len(title) > TITLE_MAX:
        raise InvalidInput(
            _("The title is too long (%(n)d characters at most).") % {"n": TITLE_MAX}, field="title"
        )
    return title


def _body(raw) -> str:
    body = text_clean(raw, BODY_MAX + 1).replace("\r\n", "\n")
    if not body:
        raise InvalidInput(_("Enter the text of the news."), field="body")
    if len(body) > BODY_MAX:
        raise InvalidInput(
            _("The text is too long (%(n)d characters at most).") % {"n": BODY_MAX}, field="body"
        )
    return body


def _picture(upload):
    """The picture opened and re-encoded (no EXIF, no GPS) with its light web version."""
    if upload is None:
        return None
    return file_check(upload, field="picture", kinds=(IMAGE,), max_bytes=PICTURE_MAX_BYTES, web_version=True)


def news_create(*, actor, commune: Commune, title: str, body: str, picture=None) -> NewsItem:
    """Write a draft news item for the commune. Rules: the commune's staff (PUBLISH_NEWS); a
    title (≤ 200 characters) and a text (≤ 20,000); a picture, if any, must open as a JPEG, PNG
    or WebP picture (it is written again, with a light version for the public page)."""
    require(actor, PUBLISH_NEWS, commune=commune, message=NEWS_REFUSED)
    title, body = _title(title), _body(body)
    checked = _picture(picture)
    with transaction.atomic():
        item = NewsItem(commune=commune, title=title, body=body, author=actor)
        if checked is not None:
            item.picture, item.picture_web = checked.content(), checked.web_content()
        item.save()
        audit_record(
            actor=actor, action="news_item.create", target=item, commune_code=commune.code, summary=title
        )
    return item


def news_update(
    *, actor, item: NewsItem, title: str, body: str, picture=None, picture_remove: bool = False
) -> NewsItem:
    """Correct a news item, whatever its status (a published one stays published). Rules as
    news_create; a new picture replaces the old one, `picture_remove` drops it."""
    require(actor, PUBLISH_NEWS, commune=item.commune, message=NEWS_REFUSED)
    title, body = _title(title), _body(body)
    checked = _picture(picture)
    with transaction.atomic():
        locked = NewsItem.objects.select_for_update().get(pk=item.pk)
        changed = [name for name, new in (("title", title), ("body", body)) if getattr(locked, name) != new]
        locked.title, locked.body = title, body
        if checked is not None:
            locked.picture, locked.picture_web = checked.content(), checked.web_content()
            changed.append("picture")
        elif picture_remove and locked.picture:
            locked.picture, locked.picture_web = "", ""
            changed.append("picture")
        locked.save()
        audit_record(
            actor=actor,
            action="news_item.update",
            target=locked,
            commune_code=locked.commune_id,
            summary=title,
            changes={"fields": changed},
        )
    return locked


def news_publish(*, actor, item: NewsItem) -> NewsItem:
    """Publish a draft (or a withdrawn item again) on the portal. Rules: the table NEWS_FLOW; the
    first publication stamps the date shown, a second keeps it."""
    item, _event = NEWS_FLOW.apply(item, "publish", actor=actor, note=item.title)
    return item


def news_withdraw(*, actor, item: NewsItem) -> NewsItem:
    """Take a published item off the portal (it stays for the staff, and can be published again)."""
    item, _event = NEWS_FLOW.apply(item, "withdraw", actor=actor, note=item.title)
    return item
