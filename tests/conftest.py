"""The named cast every test can call on: two communes of one province, one of another, and a
person for each role. Names read as in DESIGN.md's conventions."""

import pytest
from django.core.cache import cache, caches

from tests import factories as f
from xaso.core.page_shell import ShellCache

# Fixtures several folders share: the test PKI and signed credentials, the commune's collection
# account. Plain helpers live in tests/support and are imported where used.
pytest_plugins = ["tests.support.signing", "tests.support.softhsm", "tests.support.statements"]


def _database_use(item) -> str:
    """As pytest-django sorts: "plain" (rolled back), "transactional" (the tables flushed after
    it, migration data included) or "none"."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    ):
        return "transactional"
    return "plain" if marker or "db" in fixtures else "none"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Longest first, so that under pytest-xdist the slow tests start at once and the short ones
    fill the other worker, instead of one worker ending the run alone on a two-minute test.
    pytest-django's order is kept where it matters: every test that shares the rolled-back
    database runs before any that flushes it. Tests without a database go anywhere: the slow
    ones first of all, the rest last."""
    rank = {
        ("none", True): 0,
        ("plain", True): 1,
        ("plain", False): 2,
        ("transactional", True): 3,
        ("transactional", False): 4,
        ("none", False): 5,
    }
    items.sort(key=lambda item: rank[_database_use(item), item.get_closest_marker("slow") is not None])


@pytest.fixture(autouse=True)
def fresh_page_shells():
    """Pages kept per process (xaso.core.page_shell) are keyed by row ids, which the test
    database hands out again after each test's rollback."""
    yield
    ShellCache.clear_every()


@pytest.fixture(autouse=True)
def audit_anchor_file(settings, tmp_path):
    """Each test its own audit anchor file (xaso.core.audit): anchors outlive the rolled-back
    database, so a shared file would hold heads of chains that no longer exist."""
    settings.AUDIT_ANCHOR_PATH = tmp_path / "audit" / "anchors.jsonl"
    return settings.AUDIT_ANCHOR_PATH


@pytest.fixture(autouse=True)
def fresh_counts():
    """Counts kept in the default cache (rate limits, a signing key's wrong tries) are keyed by
    row ids too: each test starts with none. Cached public pages (xaso.core.public_cache) too."""
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture
def province(db):
    return f.province("38", "Thanh Hóa")


@pytest.fixture
def other_province(db):
    return f.province("08", "Tuyên Quang")


@pytest.fixture
def commune(province):
    return f.commune("15469", "Xã Yên Định", province)


@pytest.fixture
def other_commune(province):
    return f.commune("15475", "Xã Định Tân", province)


@pytest.fixture
def far_commune(other_province):
    return f.commune("02269", "Xã Hàm Yên", other_province)


@pytest.fixture
def village(commune):
    return f.village(commune, "Thôn Phúc Lộc")


@pytest.fixture
def citizen(commune):
    return f.citizen(commune_obj=commune, phone="0912000001")


@pytest.fixture
def one_stop_officer(commune):
    return f.staff("one_stop_officer", commune_obj=commune, username="motcua")


@pytest.fixture
def specialist(commune):
    return f.staff("specialist", commune_obj=commune, username="chuyenvien")


@pytest.fixture
def commune_leader(commune):
    return f.staff("commune_leader", commune_obj=commune, username="lanhdao")


@pytest.fixture
def clerk(commune):
    return f.staff("clerk", commune_obj=commune, username="vanthu")


@pytest.fixture
def village_head(commune):
    return f.staff("village_head", commune_obj=commune, username="truongthon")


@pytest.fixture
def other_officer(other_commune):
    """A one-stop officer of another commune in the same province."""
    return f.staff("one_stop_officer", commune_obj=other_commune, username="motcua_khac")


@pytest.fixture
def province_supervisor(province):
    return f.staff("province_supervisor", province_obj=province, username="sotinh")


@pytest.fixture
def other_province_supervisor(other_province):
    return f.staff("province_supervisor", province_obj=other_province, username="sotinh_khac")


@pytest.fixture
def system_admin(db):
    return f.staff("system_admin", username="quantri")


@pytest.fixture
def login(client):
    """Sign a user in on the test client and return the client."""

    def _login(user):
        client.force_login(user, backend="xaso.accounts.backends.LoginBackend")
        return client

    return _login
