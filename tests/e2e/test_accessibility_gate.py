"""Quality gate: axe-core finds no serious or critical accessibility violation on the pages a
person reaches, no page requests anything outside the site, and a citizen's pages weigh at most
60 KB gzipped with everything they load (measured with the browser cache off). The pages are
found by following the links of each role's starting pages, so new pages join the gate by being
linked. Every page is opened at 360 px wide, and one that scrolls sideways fails the gate."""

import gzip
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from xaso.accounts.demo import demo_load

MAX_PAGES_PER_ROLE = 25
BLOCKING = {"serious", "critical"}
CITIZEN_PAGE_BUDGET = 60 * 1024
PHONE_WIDTH = 360  # a cheap phone: no page may scroll sideways
START = ["/", "/xa/15469/", "/dang-nhap/", "/dang-ky/", "/khong-co-trang-nay/"]


def _same_site_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    links = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.path.startswith(
            ("/quan-tri/", "/api/", "/static/")
        ):
            continue
        if parts.path.endswith((".pdf", ".xlsx", ".csv", ".json", ".png", ".svg", ".m3u", ".xml")):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def _weight(page, origin: str, static: dict[str, int] | None = None) -> int:
    """Gzipped bytes of the page and every same-site resource it loaded, fetched again with the
    page's own cookies (a response object of an earlier navigation may no longer hold its body).
    A static file (under /static/, named by its content's hash) is weighed once per crawl."""
    urls = page.evaluate(
        "() => [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]"
    )
    total = 0
    static = {} if static is None else static
    for url in dict.fromkeys(u for u in urls if u.startswith(origin)):
        if url in static:
            total += static[url]
            continue
        response = page.request.get(url)
        size = len(gzip.compress(response.body())) if response.ok else 0
        if urlsplit(url).path.startswith("/static/"):
            static[url] = size
        total += size
    return total


def _crawl_and_check(
    page, origin: str, start: list[str], *, budget: int | None = None, max_pages: int = MAX_PAGES_PER_ROLE
) -> dict[str, list[str]]:
    axe = Axe()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((origin, "data:")) else None)
    page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    seen, queue, problems, static = set(), list(start), {}, {}
    while queue and len(seen) < max_pages:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(path, wait_until="load")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems[f"{path} (width)"] = [f"{overflow} px wider than a {PHONE_WIDTH} px phone"]
        if budget is not None:
            weight = _weight(page, origin, static)
            if weight > budget:
                problems[f"{path} (weight)"] = [f"{weight} bytes gzipped, over {budget}"]
        result = axe.run(page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
            for v in result.response["violations"]
            if v["impact"] in BLOCKING
        ]
        if blocking:
            problems[path] = blocking
        queue.extend(link for link in _same_site_links(page, origin) if link not in seen)
    assert len(seen) >= min(len(start), max_pages)
    if external:
        problems["(external requests)"] = sorted(set(external))
    return problems


def test_public_pages_pass_axe_and_load_nothing_external(page, live_server, transactional_db):
    demo_load()
    problems = _crawl_and_check(page, live_server.url, START, budget=CITIZEN_PAGE_BUDGET)
    assert not problems, problems


# The citizen's crawl (with the 60 KB budget) runs in `make test`; the staff roles' crawls run
# with the slow tests in CI (.ci/run): each costs 15–30 s of CPU on the 2-core machine.
STAFF = ("motcua", "lanhdao", "truongthon", "sotinh", "chuyenvien", "vanthu", "tocds", "quantri")
ROLES = ["0912345678", *[pytest.param(u, marks=pytest.mark.slow) for u in STAFF]]


@pytest.mark.parametrize("username", ROLES)
def test_each_role_sees_pages_that_pass_axe(page, sign_in, live_server, transactional_db, settings, username):
    demo_load()
    sign_in(username, settings.DEMO_PASSWORD)
    budget = CITIZEN_PAGE_BUDGET if username == "0912345678" else None
    problems = _crawl_and_check(page, live_server.url, ["/bang-dieu-khien/"], budget=budget)
    assert not problems, problems


def test_the_gate_catches_a_nameless_button(page):
    page.set_content('<html lang="vi"><body><main><button></button></main></body></html>')
    ids = {v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING}
    assert "button-name" in ids


def test_the_gate_catches_a_page_wider_than_a_phone(page, live_server, transactional_db):
    page.route(
        "**/rong/",
        lambda route: route.fulfill(
            content_type="text/html",
            body='<html lang="vi"><title>x</title><main><div style="width:419px">x</div></main></html>',
        ),
    )
    problems = _crawl_and_check(page, live_server.url, ["/rong/"])
    assert "/rong/ (width)" in problems


def test_the_gate_weighs_what_a_page_loads(page, live_server, transactional_db):
    demo_load()
    problems = _crawl_and_check(page, live_server.url, ["/"], budget=1024, max_pages=1)
    assert "/ (weight)" in problems
