"""A small crawler for the test client: it reads a page's links and GET forms as a person's
browser would show them and follows them, breadth first, never typing a URL.

`Crawl.run(start, depth)` visits what can be reached in `depth` clicks: a link is a click, and
so is submitting a GET form (its text boxes filled from `typed`, by field name, else left as
they are; a select keeps its selected option). Each visited page is recorded with its depth and
the path of clicks that reached it, by URL name (`django.urls.resolve`), so a test can ask
whether a kind of page was reached and how."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Links a crawl does not follow: they change how the site is shown, not what it shows
# (the language), or are files rather than pages.
SKIPPED_PREFIXES = ("/ngon-ngu/", "/static/", "/media/", "/quan-tri/", "/api/", "/i18n/")
FILE_ENDINGS = (".pdf", ".png", ".jpg", ".svg", ".xlsx", ".csv", ".xml", ".json", ".ogg", ".m3u")
FILE_ENDINGS += ("/anh", "/anh/")


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, type)


class PageReader(HTMLParser):
    """The links (`<a href>`) and forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, list[tuple[str, bool]]] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action") or "", (a.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "button") and a.get("name"):
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "file", "image", "reset"):
                self._form.fields.append((a["name"], a.get("value") or "", kind))
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = (a["name"], [])
        elif self._select is not None and tag == "option":
            self._select[1].append((a.get("value") or "", "selected" in a))
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._form.fields.append((a["name"], "", "textarea"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = next((v for v, selected in options if selected), options[0][0] if options else "")
            self._form.fields.append((name, chosen, "select"))
            self._select = None


@dataclass
class Visit:
    url: str
    name: str  # the URL's name, "app:name"
    depth: int
    status: int
    trail: tuple[str, ...]  # the URLs clicked through to get here, `start` first


@dataclass
class Crawl:
    client: object
    typed: dict[str, str] = field(default_factory=dict)
    # Pages of one URL name opened and read at most this many times (thirty procedures are
    # one kind of page); a page of a kind in `wanted` not yet reached is always opened.
    per_name: int = 3
    wanted: frozenset[str] = frozenset()
    visits: dict[str, Visit] = field(default_factory=dict)

    def reached(self, name: str) -> Visit | None:
        found = [v for v in self.visits.values() if v.name == name and v.status == 200]
        return min(found, key=lambda v: v.depth) if found else None

    def errors(self) -> list[Visit]:
        return [v for v in self.visits.values() if v.status >= 500]

    def run(self, start: str, depth: int) -> "Crawl":
        queue = deque([(start, 0, (start,))])
        opened: dict[str, int] = {}
        seen = {start}
        while queue:
            url, level, trail = queue.popleft()
            name = _name_of(url)
            if name is None:
                continue
            wanted_new = name in self.wanted and self.reached(name) is None
            if opened.get(name, 0) >= self.per_name and not wanted_new:
                continue
            opened[name] = opened.get(name, 0) + 1
            response = self.client.get(url)
            while response.status_code in (301, 302) and _local(response["Location"]):
                url = urljoin(url, response["Location"])
                name = _name_of(url) or name
                response = self.client.get(url)
            self.visits.setdefault(url, Visit(url, name, level, response.status_code, trail))
            is_page = response.status_code == 200 and "html" in response.get("Content-Type", "")
            if level >= depth or not is_page:
                continue
            for nxt in self.next_urls(url, response.content.decode()):
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, level + 1, (*trail, nxt)))
        return self

    def next_urls(self, base: str, html: str) -> list[str]:
        reader = PageReader()
        reader.feed(html)
        found = []
        for href in reader.links:
            url = _followable(base, href)
            if url:
                found.append(url)
        for form in reader.forms:
            if form.method != "get":
                continue
            typable = ("text", "search", "")
            values = [(n, self.typed.get(n, v) if k in typable else v) for n, v, k in form.fields]
            url = _followable(base, form.action or base)
            if url:
                query = urlencode(values)
                found.append(f"{urlsplit(url).path}?{query}" if query else urlsplit(url).path)
        return found


def _local(location: str) -> bool:
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc


def _followable(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(FILE_ENDINGS):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _name_of(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name
