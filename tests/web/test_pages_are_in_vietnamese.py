"""Every page rendered in Vietnamese is in Vietnamese: no source string of the project's
catalogues that has a Vietnamese translation shows through untranslated, and no English
stop-word appears in the text a person reads (code, addresses and `lang="en"` bits such as the
language switch left aside).

The walk: for each role (anonymous, the citizen, each staff role of the demo commune), its start
pages below and the same-site pages they link to, one click deep. Add a page kind by adding its
path to START (or by linking it from a page already walked)."""

import html
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

from xaso.accounts.demo import DEMO_ACCOUNTS, DEMO_COMMUNE_CODE, demo_load
from xaso.accounts.models import User

# Start pages by role ("anonymous", or a demo account's username); "*" is every role.
# {code} is the demo commune's code.
START = {
    "*": [
        *["/", "/xa/{code}/", "/thu-tuc/", "/tra-cuu/", "/san-pham/", "/cong-dong/xa/{code}/phan-anh/"],
        *["/cds/xa/{code}/tin/", "/cong-dong/xa/{code}/diem-wifi/", "/truy-xuat/"],
    ],
    "anonymous": ["/dang-nhap/", "/dang-ky/", "/quen-mat-khau/", "/cong-dong/xa/{code}/phan-anh/gui/"],
    "signed_in": ["/bang-dieu-khien/", "/ho-so-ca-nhan/", "/ho-so-ca-nhan/mat-khau/"],
    "0912345678": ["/ho-so/cua-toi/"],
    "motcua": ["/mot-cua/ho-so/", "/mot-cua/bao-cao/"],
    "lanhdao": [
        "/cds/tin/",
        "/cong-dong/diem-wifi/",
        "/cong-dong/ho-gia-dinh/",
        "/cong-dong/thong-bao/",
        "/cong-dong/radio/",
        "/cong-dong/phan-anh/",
    ],
    "sotinh": ["/cds/tinh/"],
}
MAX_PAGES = 60  # per role: the start pages and what they link to
PER_KIND = 2  # linked pages of one kind (the first two parts of the path): two procedures, not thirty
SKIPPED_PREFIXES = ("/quan-tri/", "/api/", "/static/", "/i18n/", "/ngon-ngu/", "/dang-xuat/")
SKIPPED_SUFFIXES = (".pdf", ".xlsx", ".csv", ".json", ".png", ".jpg", ".svg", ".m3u", ".xml", ".rss", ".atom")

# English that never belongs in a Vietnamese sentence.
STOP_WORDS = [
    " the ",
    " of ",
    " and ",
    " to ",
    " is ",
    " with ",
    " your ",
    "Please",
    "This ",
    "You ",
    "No ",
    "There ",
]

ROLES = ["anonymous"] + [username for username, *_ in DEMO_ACCOUNTS]
CATALOGUES = sorted(Path(settings.BASE_DIR, "xaso").rglob("vi/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[\w.]*\}")


def _source_strings() -> set[str]:
    """The fixed English of every translated message: whole msgids, or the literal pieces
    between their placeholders; only pieces long enough to mean something on their own."""
    pieces = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if not entry.msgstr or entry.msgstr == entry.msgid or entry.obsolete:
                continue
            for source in filter(None, [entry.msgid, entry.msgid_plural]):
                for piece in PLACEHOLDER.split(source):
                    piece = " ".join(piece.split()).strip(" .,:;()“”\"'")
                    if len(piece) >= 12 and " " in piece:
                        pieces.add(piece)
    return pieces


SOURCE = _source_strings()


def _readable_text(page: str) -> str:
    """What a person reads: text and the labels of things (alt, aria-label, placeholder,
    title), without scripts, styles, `lang="en"` elements and web addresses."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', " ", page, flags=re.S)
    labels = re.findall(r'\b(?:alt|aria-label|placeholder|title)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    text = html.unescape(" ".join([text, *labels]))
    text = re.sub(r"https?://\S+|\S+@\S+\.\w+", " ", text)
    return " " + " ".join(text.split()) + " "


def _links(page: str) -> list[str]:
    links = []
    for href in re.findall(r'<a\b[^>]*\bhref="([^"#]+)', page):
        href = html.unescape(href)
        if not href.startswith("/") or href.startswith("//"):
            continue
        path = href.split("?")[0]
        if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
            continue
        links.append(href)
    return links


def _problems(page: str) -> list[str]:
    text = _readable_text(page)
    found = [f"untranslated: {s!r}" for s in SOURCE if s in text]
    for word in STOP_WORDS:
        at = text.find(word)
        if at >= 0:
            found.append(f"English {word.strip()!r}: …{text[max(0, at - 60) : at + 60]}…")
    return found


def _start_pages(role: str) -> list[str]:
    paths = START["*"] + START.get(role, []) + (START["signed_in"] if role != "anonymous" else [])
    return [p.format(code=DEMO_COMMUNE_CODE) for p in paths]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_is_in_vietnamese(client, db, role):
    demo_load()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role), backend="xaso.accounts.backends.LoginBackend")
    queue, seen, problems, kinds = _start_pages(role), set(), {}, Counter()
    starts = len(queue)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        kind = "/".join(path.split("?")[0].split("/")[:3])
        if path in seen or (len(seen) >= starts and kinds[kind] >= PER_KIND):
            continue
        seen.add(path)
        kinds[kind] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.content.decode()
        if found := _problems(page):
            problems[path] = found
        if len(seen) <= starts:  # one click deep from the start pages
            queue.extend(link for link in _links(page) if link not in seen)
    assert not problems, problems


def test_the_check_sees_an_untranslated_message_and_english_words():
    page = (
        '<html lang="vi"><body><p>The village was added. Please choose one.</p>'
        '<a lang="en" href="/x">English</a></body></html>'
    )
    found = _problems(page)
    assert any("untranslated" in f for f in found)
    assert any("English" in f for f in found)
    assert not _problems(
        '<html lang="vi"><body><p>Đã thêm thôn.</p><a lang="en" href="/">English</a></body></html>'
    )
