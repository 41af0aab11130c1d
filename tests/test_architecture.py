"""Imports run one way down the ladder of docs/architecture.md; an import that climbs fails."""

import ast
from pathlib import Path

import pytest

XASO = Path(__file__).resolve().parent.parent / "xaso"
GROUND = {"core", "places", "accounts"}
ALLOWED = {
    "core": set(),
    "places": {"core"},
    "accounts": {"core", "places"},
    "notify": GROUND,
    "payments": GROUND,
    "documents": GROUND | {"notify"},
    "community": GROUND | {"notify"},
    "economy": GROUND | {"payments"},
    "onestop": GROUND | {"notify", "payments", "documents"},
    "civil": GROUND | {"notify", "payments", "documents", "onestop"},
    "dx": GROUND | {"notify", "payments", "documents", "community", "economy", "onestop", "civil"},
    # The shell sends registration and password-reset codes through notify.
    "web": GROUND | {"notify"},
}


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "xaso" and len(parts) > 1 and (XASO / parts[1]).is_dir():
                found.add(parts[1])
    return found


def test_every_app_has_a_place_on_the_ladder():
    apps = {p.name for p in XASO.iterdir() if (p / "apps.py").exists()}
    assert apps <= set(ALLOWED), f"add {sorted(apps - set(ALLOWED))} to ALLOWED and docs/architecture.md"


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_what_is_below_it(app):
    climbing = {}
    for path in (XASO / app).rglob("*.py"):
        wrong = imported_apps(path) - ALLOWED[app] - {app}
        if wrong:
            climbing[str(path.relative_to(XASO))] = sorted(wrong)
    assert not climbing, climbing
