"""The public news pages of a commune's "Chuyển đổi số" section: the list and one item, with its
picture's light version. Only published items; anything else is the friendly 404."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from xaso.core.bounds import page_number
from xaso.core.uploads import file_response
from xaso.dx.selectors import news as reads
from xaso.places.selectors import commune_public

PER_PAGE = 10


def news_public_list(request, code: str):
    commune = commune_public(code)
    page = Paginator(
        reads.news_published(commune).only(
            "pk", "title", "body", "published_at", "picture_web", "commune_id"
        ),
        PER_PAGE,
    ).get_page(page_number(request.GET.get("page")))
    return render(request, "dx/news_public_list.html", {"commune": commune, "page": page})


def news_public_detail(request, code: str, item_id: int):
    commune = commune_public(code)
    item = reads.news_item_public(commune, item_id)
    return render(request, "dx/news_public_detail.html", {"commune": commune, "item": item})


def news_public_picture(request, code: str, item_id: int):
    """The light web version of a published item's picture (no EXIF, small for a phone)."""
    item = reads.news_item_public(commune_public(code), item_id)
    stored = item.picture_web or item.picture
    if not stored:
        raise Http404
    return file_response(stored)
