"""Quality gate: axe-core finds no serious or critical accessibility violation on the pages a
person reaches, and no page requests anything outside the site. The pages are found by following
the links of each role's starting pages, so new pages join the gate by being linked."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from xaso.accounts.demo import demo_load

MAX_PAGES_PER_ROLE = 25
BLOCKING = {"serious", "critical"}
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
        if parts.path.endswith((".pdf", ".xlsx", ".csv", ".png", ".svg", ".m3u", ".xml")):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def _crawl_and_check(page, origin: str, start: list[str]) -> dict[str, list[str]]:
    axe = Axe()
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((origin, "data:")) else None)
    seen, queue, problems = set(), list(start), {}
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(path)
        result = axe.run(page)
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}"
            for v in result.response["violations"]
            if v["impact"] in BLOCKING
        ]
        if blocking:
            problems[path] = blocking
        queue.extend(link for link in _same_site_links(page, origin) if link not in seen)
    assert len(seen) >= len(start) or not start
    if external:
        problems["(external requests)"] = sorted(set(external))
    return problems


def test_public_pages_pass_axe_and_load_nothing_external(page, live_server, transactional_db):
    demo_load()
    problems = _crawl_and_check(page, live_server.url, START)
    assert not problems, problems


@pytest.mark.parametrize("username", ["0912345678", "motcua", "lanhdao", "truongthon", "sotinh"])
def test_each_role_sees_pages_that_pass_axe(page, sign_in, live_server, transactional_db, settings, username):
    demo_load()
    sign_in(username, settings.DEMO_PASSWORD)
    problems = _crawl_and_check(page, live_server.url, ["/bang-dieu-khien/"])
    assert not problems, problems


def test_the_gate_catches_a_nameless_button(page):
    page.set_content('<html lang="vi"><body><main><button></button></main></body></html>')
    ids = {v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING}
    assert "button-name" in ids
