"""Every URL pattern, pages and API, answers anything but a 5xx, whoever asks: the resolver is
walked, each converter gets a Hypothesis-drawn value (integers past 64 bits, negatives, dates at
the edges of the calendar, control characters, unicode, very long text) and so does each query
parameter a view or operation reads, for each role of the test cast. The fast run is derandomized
with a fixed budget; the `slow` variant draws more examples."""

import os
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xaso.accounts.services import api_token_issue

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "one_stop_officer",
    "specialist",
    "commune_leader",
    "clerk",
    "village_head",
    "province_supervisor",
    "system_admin",
]

# Django's own admin is not xaso's code: its pages have their own fuzzing upstream.
SKIPPED_PREFIXES = ("quan-tri/",)
# Signing out in the middle would turn the rest of the walk anonymous.
NO_POST = {"dang-xuat/"}

# The names xaso's views and operations read from the query string or a form, and a few
# that nothing reads (an unknown name must be ignored, not crash).
QUERY_NAMES = [
    "page", "offset", "limit", "q", "status", "village", "province", "next", "tu", "den", "xa",
    "tinh", "loai", "ocop", "linh_vuc", "ma", "t", "so", "token", "phone_last4", "ho_so_cu",
    "thu_tuc", "start", "days", "year", "month", "date", "from", "to", "commune", "code", "since",
    "publish_at", "expires_at", "new_date", "level", "indicator", "field", "o", "sort", "fmt",
]  # fmt: skip

EDGE_INTS = ["0", "-1", "9223372036854775807", "9223372036854775808", "18446744073709551616",
             "-9223372036854775809", "1" * 40, "1e309"]  # fmt: skip
EDGE_DATES = ["0001-01-01", "9999-12-31", "9999-12-31T23:59:59", "0001-01-01T00:00:00+14:00",
              "01/01/0001", "31/12/9999", "2025-02-30", "10000-01-01"]  # fmt: skip
EDGE_TEXT = ["\x00", "\x01\x08\x0b\x1f", "\ufffe", "\ud7ff\ue000", "😀" * 10, "x" * 5000, "%", "../"]


def texts(*, slash: bool):
    alphabet = st.characters(codec="utf-8", exclude_characters="/" if not slash else "")
    return st.text(alphabet=alphabet, max_size=60)


def values(*, slash: bool = True):
    edges = st.sampled_from(EDGE_INTS + EDGE_DATES + EDGE_TEXT)
    numbers = st.integers(min_value=-(2**70), max_value=2**70).map(str)
    small = st.integers(min_value=1, max_value=5).map(str)
    dates = st.dates().map(lambda d: d.isoformat())
    return st.one_of(edges, numbers, small, dates, texts(slash=slash))


def _walk(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


# `<conv:name>` (Django) or `<name>` (ninja): str unless a converter says otherwise.
PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def patterns() -> list[str]:
    found = []
    for pattern in _walk(get_resolver()):
        if pattern.startswith(SKIPPED_PREFIXES) or pattern.startswith("^") or pattern in found:
            continue
        found.append(pattern)
    return found


def url_strategy(pattern: str):
    """A strategy for the path of one pattern: each converter's value drawn to match its regex
    (else the resolver answers 404 before any view runs) or, for text, anything without a slash."""
    names = PARAM.findall(pattern)

    def build(drawn):
        path = pattern
        for (conv, name), value in zip(names, drawn, strict=True):
            path = path.replace(f"<{conv + ':' if conv else ''}{name}>", value, 1)
        return "/" + path

    parts = []
    for conv, _name in names:
        if conv in ("int", "id"):
            parts.append(
                st.one_of(
                    st.integers(min_value=0, max_value=2**80).map(str),
                    st.sampled_from(["0", "1", "9223372036854775807", "9223372036854775808", "9" * 40]),
                )
            )
        elif conv == "uuid":
            parts.append(st.uuids().map(str))
        elif conv == "path":
            parts.append(values(slash=True).filter(bool))
        else:
            parts.append(values(slash=False).filter(lambda v: v and "/" not in v))
    return st.tuples(*parts).map(build)


def query_strategy():
    return st.dictionaries(st.sampled_from(QUERY_NAMES), values(), max_size=6)


def _quote(path: str) -> str:
    return quote(path, safe="/")


@pytest.fixture
def world(commune, village, citizen, one_stop_officer, specialist, commune_leader, clerk, village_head,
          province_supervisor, system_admin):  # fmt: skip
    return {
        "citizen": citizen,
        "one_stop_officer": one_stop_officer,
        "specialist": specialist,
        "commune_leader": commune_leader,
        "clerk": clerk,
        "village_head": village_head,
        "province_supervisor": province_supervisor,
        "system_admin": system_admin,
    }


def client_for(role, world) -> Client:
    client = Client(raise_request_exception=True)
    if role != "anonymous":
        user = world[role]
        client.force_login(user, backend="xaso.accounts.backends.LoginBackend")
        token = api_token_issue(user=user, name=f"fuzz {role}")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def send(client, method, path, data):
    call = client.get if method == "get" else client.post
    try:
        response = call(_quote(path), data)
    except Exception as exc:  # the test client re-raises what the handler would turn into a 500
        return f"{type(exc).__name__}: {exc}"[:300]
    if response.status_code >= 500:
        return f"status {response.status_code}"
    return None


EDGES = EDGE_INTS + EDGE_DATES + EDGE_TEXT
# Edge bundles per pattern and role: 1 keeps the walk under a minute on SQLite (the slow variant
# and XASO_FUZZ_BUNDLES=8 go further).
BUNDLES = int(os.environ.get("XASO_FUZZ_BUNDLES", "1"))


def edge_url(pattern: str, shift: int) -> str:
    """The pattern with each parameter filled by an edge value its converter accepts."""
    path = pattern
    for i, (conv, name) in enumerate(PARAM.findall(pattern)):
        if conv in ("int", "id", "year"):
            value = ["9223372036854775808", "9" * 40, "0", "9223372036854775807"][(shift + i) % 4]
        elif conv == "uuid":
            value = "00000000-0000-0000-0000-000000000000"
        else:
            value = EDGES[(shift + i) % len(EDGES)].replace("/", "") or "x"
        path = path.replace(f"<{conv + ':' if conv else ''}{name}>", value, 1)
    return "/" + path


def edge_query(shift: int) -> dict:
    return {name: EDGES[(shift + i) % len(EDGES)] for i, name in enumerate(QUERY_NAMES)}


def walk_every_pattern(role, world, shift, bundles=BUNDLES):
    """Every pattern, GET and POST, each query name and path parameter filled with an edge value;
    the values rotate with the pattern, the role and the bundle, so across the cast every name
    meets many of them. Returns every 5xx met (all of them, not only the first)."""
    cache.clear()  # rate limits would answer 429 before the views run
    client = client_for(role, world)
    failures = []
    for p, pattern in enumerate(patterns()):
        for b in range(bundles):
            k = shift + p + b * 7
            path, query = edge_url(pattern, k), edge_query(k)
            for method in ("get", "post"):
                if method == "post" and pattern in NO_POST:
                    continue
                problem = send(client, method, path, query)
                if problem:
                    failures.append(f"{role} {method.upper()} {path[:120]!r} {query!r:.200}: {problem}")
    return failures


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_5xx_to_edge_values(role, world):
    failures = walk_every_pattern(role, world, ROLES.index(role) * 3)
    assert not failures, "\n".join(failures)


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_5xx_to_more_edge_values(role, world):
    failures = walk_every_pattern(role, world, ROLES.index(role) * 3 + 1, bundles=6)
    assert not failures, "\n".join(failures)


def _drawn_request(draw):
    pattern = draw(st.sampled_from(patterns()))
    return (
        pattern,
        draw(url_strategy(pattern)),
        draw(query_strategy()),
        draw(st.sampled_from(["get", "post"])),
    )


def hypothesis_walk(role, world, examples):
    client = client_for(role, world)

    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(data=st.data())
    def one_request(data):
        pattern, path, query, method = _drawn_request(data.draw)
        if method == "post" and pattern in NO_POST:
            return
        cache.clear()
        problem = send(client, method, path, query)
        assert problem is None, f"{role} {method.upper()} {path[:120]!r} {query!r:.200}: {problem}"

    one_request()


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_5xx_to_hypothesis_drawn_values(role, world):
    """Hypothesis draws a pattern, its path values and a query (derandomized: the same every run)."""
    hypothesis_walk(role, world, examples=int(os.environ.get("XASO_FUZZ_EXAMPLES", "25")))


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_5xx_to_many_hypothesis_drawn_values(role, world):
    hypothesis_walk(role, world, examples=600)
