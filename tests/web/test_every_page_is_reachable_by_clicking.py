"""Every page a citizen needs is reachable by clicking from `/` (DESIGN.md's house rules), and
every role reaches its work: a crawler (tests/support/crawl.py) starts at `/` and follows links
and GET forms only, never a typed URL.

The public kinds must each be reached within 3 clicks. Signed-in roles sign in through the login
page linked from `/`, land on their page and open each of its cards."""

import re
from datetime import date

import pytest
from django.conf import settings

from tests.dx.factories import small_set
from tests.support.crawl import Crawl, PageReader
from xaso.accounts.demo import DEMO_ACCOUNTS, demo_load
from xaso.accounts.models import User
from xaso.community.models import Announcement, FeedbackReport, InfoPage
from xaso.community.services.announcements import announcement_create
from xaso.community.services.feedback import feedback_submit
from xaso.community.services.infopages import info_page_create
from xaso.dx.models import IndicatorSet
from xaso.economy.models import Stamp
from xaso.economy.services import batch_create, producer_save, product_save, stamps_generate

CLICKS = 3
# kind of page -> its URL name
PUBLIC_KINDS = {
    "commune portal": "web:commune",
    "procedure catalogue": "onestop:procedures",
    "procedure": "onestop:procedure",
    "dossier lookup": "onestop:lookup",
    "document verification": "documents:verify",
    "announcements": "community:public_announcements",
    "feedback form": "community:feedback_new",
    "feedback board": "community:feedback_board",
    "information page": "community:info_page",
    "product catalogue": "economy:catalogue",
    "product": "economy:product_public",
    "trace page": "economy:trace",
    "public DX ranking": "dx:public_ranking",
}
# Kinds whose links come with other slices of issue 18 (the portal's sections). Strict: once a
# link appears the test passes, the xfail fails, and this entry must go.
AWAITED: dict[str, str] = {}
TYPED = {"q": "yen dinh"}

_crawls: dict[str, Crawl] = {}


def living_commune():
    """The demo commune with a row of every public kind (each added only if the demo has none).
    The cast's Xã Yên Định (tests/conftest.py) is the demo's commune, so the official list of
    communes is not loaded."""
    commune = demo_load()
    officer = User.objects.get(username="motcua")
    specialist = User.objects.get(username="chuyenvien")
    if not Announcement.objects.filter(commune=commune).exists():
        announcement_create(actor=officer, commune=commune, title="Lịch tiêm phòng", body="Sáng thứ Bảy.")
    if not FeedbackReport.objects.filter(commune=commune).exists():
        feedback_submit(actor=None, commune=commune, category="roads", text="Ổ gà trước nhà văn hóa")
    if not InfoPage.objects.filter(commune=commune).exists():
        info_page_create(actor=officer, commune=commune, kind="history", title="Lịch sử xã", body="…")
    if not Stamp.objects.exists():
        producer = producer_save(
            actor=specialist, commune=commune, data={"name": "HTX Yên Định", "kind": "cooperative"}
        )
        product = product_save(
            actor=specialist, producer=producer, data={"name": "Gạo Yên Định", "category": "food"}
        )
        made = {"code": "L1", "produced_on": date(2026, 11, 1), "quantity": 10}
        batch = batch_create(actor=specialist, product=product, data=made)
        stamps_generate(actor=specialist, batch=batch, count=1)
    if not IndicatorSet.objects.filter(is_public=True).exists():
        IndicatorSet.objects.filter(pk=small_set(commune.province).pk).update(is_public=True)
    return commune


@pytest.fixture
def public_crawl(client, commune):
    if "public" not in _crawls:
        living_commune()
        # A buyer types the code printed under a stamp's QR code on the product's page.
        typed = {**TYPED, "tem": Stamp.objects.order_by("pk").first().serial}
        crawl = Crawl(client, typed=typed, wanted=frozenset(PUBLIC_KINDS.values()))
        _crawls["public"] = crawl.run("/", CLICKS)
    return _crawls["public"]


KINDS = [
    pytest.param(kind, name, id=kind, marks=[pytest.mark.xfail(strict=True, reason=AWAITED[kind])])
    if kind in AWAITED
    else pytest.param(kind, name, id=kind)
    for kind, name in PUBLIC_KINDS.items()
]


@pytest.mark.parametrize(("kind", "name"), KINDS)
def test_each_public_kind_of_page_is_reached_from_home_within_three_clicks(public_crawl, kind, name):
    visit = public_crawl.reached(name)
    assert visit is not None, f"no link leads to a {kind} page ({name}) within {CLICKS} clicks of /"
    assert visit.depth <= CLICKS


def test_no_page_reached_by_clicking_answers_an_error(public_crawl):
    assert public_crawl.errors() == []
    assert len(public_crawl.visits) > 10


def sign_in_by_clicking(client, username: str) -> str:
    """From `/`, the header's sign-in link, then its form: the page the person lands on."""
    home = PageReader()
    home.feed(client.get("/").content.decode())
    login_url = next(href for href in home.links if href.startswith("/dang-nhap/"))
    page = PageReader()
    page.feed(client.get(login_url).content.decode())
    form = next(f for f in page.forms if f.method == "post")
    values = {name: value for name, value, _kind in form.fields}
    values.update(username=username, password=settings.DEMO_PASSWORD)
    response = client.post(form.action or login_url, values, follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0], response.content.decode()


CARD_LINK = re.compile(r'<section class="card"><h2><a href="([^"]+)"')


@pytest.mark.parametrize(
    ("username", "role"), [(username, role or "citizen") for username, _n, role, _v in DEMO_ACCOUNTS]
)
def test_every_role_signs_in_by_clicking_and_opens_each_card_of_its_page(client, commune, username, role):
    living_commune()
    landed, body = sign_in_by_clicking(client, username)
    assert landed == "/bang-dieu-khien/"
    cards = CARD_LINK.findall(body)
    assert cards, f"{role} lands on a page without cards"
    for href in cards:
        url = href.replace("&amp;", "&")
        response = client.get(url, follow=True)
        assert response.status_code == 200, (role, url, response.status_code)
