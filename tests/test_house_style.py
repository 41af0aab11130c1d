"""The house rules of /work/shared/DESIGN.md that a machine can check (docs/architecture.md).

Each rule failed on the code before issue 17 made the house uniform; a change that breaks one
should either follow the rule or argue for changing it there, not add an exception here.
"""

import ast
import re
from pathlib import Path

import pytest

XASO = Path(__file__).resolve().parent.parent / "xaso"
APPS = sorted(p.name for p in XASO.iterdir() if (p / "apps.py").exists())
SOURCES = sorted(p for p in XASO.rglob("*.py") if "migrations" not in p.parts)
LONGEST = 500
# A module past this many lines becomes a package split by sub-domain (services/, selectors/).
PACKAGE_AT = 450


def relative(path: Path) -> str:
    return str(path.relative_to(XASO))


def test_no_file_passes_five_hundred_lines():
    long = {relative(p): n for p in SOURCES if (n := len(p.read_text().splitlines())) > LONGEST}
    assert not long, f"split these by sub-domain: {long}"


@pytest.mark.parametrize("app", APPS)
def test_every_app_has_a_readme_saying_what_it_owns(app):
    readme = XASO / app / "README.md"
    assert readme.exists(), f"xaso/{app}/README.md"
    assert len(readme.read_text().split()) >= 40, "say what the app owns, its modules, who calls it"


@pytest.mark.parametrize("app", APPS)
def test_every_app_has_the_same_shape(app):
    root = XASO / app
    for layer in ("services", "selectors"):
        module = root / f"{layer}.py"
        if module.exists():
            lines = len(module.read_text().splitlines())
            assert lines <= PACKAGE_AT, f"{app}/{layer}.py has {lines} lines: make it a {layer}/ package"
    # Views live in views.py or a views/ package by audience, not in flat views_*.py files.
    flat = sorted(p.name for p in root.glob("views_*.py")) + sorted(p.name for p in root.glob("*_views.py"))
    assert not flat, f"move {flat} into {app}/views/"


PRIVATE_DJANGO = re.compile(
    r"\._(view_middleware|middleware_chain|get_response|resource_closers|handler_class)"
    r"|FORMAT_QMARK|get_converters|apply_converters|\.receivers"
)


def test_no_code_leans_on_djangos_private_names():
    found = [
        f"{relative(p)}:{number}"
        for p in SOURCES
        for number, line in enumerate(p.read_text().splitlines(), 1)
        if PRIVATE_DJANGO.search(line)
    ]
    assert not found, found


# Who may set a status by hand: the engine, the retry queue, payment bookkeeping, and a
# background job recording its own progress (no actor, no timeline: the worker moves it).
STATUS_OWNERS = {"core/workflow.py", "core/outbox.py", "community/services/importing.py"}
STATUS_OWNER_DIRS = ("payments/",)
SETS_STATUS = re.compile(r"\.status\s*=[^=]")


def test_only_the_engine_sets_a_status():
    found = [
        f"{relative(p)}:{number}"
        for p in SOURCES
        if relative(p) not in STATUS_OWNERS and not relative(p).startswith(STATUS_OWNER_DIRS)
        for number, line in enumerate(p.read_text().splitlines(), 1)
        if SETS_STATUS.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, f"move these status changes onto a core.workflow table: {found}"


def spelled_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are code, not docstrings."""
    tree = ast.parse(path.read_text(), str(path))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_the_lookup_url_is_spelled_once_in_the_urlconf():
    # A hot route is declared once, by name; the front module finds it through the URLconf.
    found = [
        f"{relative(p)}:{line}"
        for p in SOURCES
        for line, text in spelled_strings(p)
        if "tra-cuu" in text or "v1/lookup" in text
    ]
    assert len(found) == 1 and found[0].startswith("onestop/urls.py:"), found
