"""One of each mechanism (issue 17 part 5), checked over the source like the import ladder:
settings are read one way, audit actions are named one way, views catch one tuple of errors."""

import ast
import re
from pathlib import Path

import pytest

XASO = Path(__file__).resolve().parent.parent / "xaso"
SOURCES = sorted(p for p in XASO.rglob("*.py") if "migrations" not in p.parts)


def _rel(path: Path) -> str:
    return str(path.relative_to(XASO))


# --- settings: defined in settings.py from the environment, read as settings.NAME ------------

# The mechanism itself, and the two places that hand the environment to something else.
SETTINGS_READERS = {"settings.py", "core/env.py"}
ENVIRONMENT_PASSERS = {
    "asgi.py": "DJANGO_SETTINGS_MODULE for the server",
    "wsgi.py": "DJANGO_SETTINGS_MODULE for the server",
    "__main__.py": "DJANGO_SETTINGS_MODULE for the command line",
    "core/backup.py": "pg_dump and psql inherit the environment",
    # Not the environment: a queue's settings by its prefix (NOTIFY_*, EXCHANGE_*), each defined
    # in settings.py.
    "core/outbox.py": "a queue reads settings.<PREFIX>_<NAME>",
}


def _settings_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "getattr" and node.args and getattr(node.args[0], "id", "") == "settings":
                found.append(f"{node.lineno}: getattr(settings, …)")
            elif name.startswith("env_") or name in {"getenv"}:
                found.append(f"{node.lineno}: {name}(…)")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and getattr(node.value, "id", "") == "os"
        ):
            found.append(f"{node.lineno}: os.environ")
    return found


def test_every_setting_is_read_in_settings_py_and_nowhere_else():
    allowed = SETTINGS_READERS | set(ENVIRONMENT_PASSERS)
    stray = {_rel(p): reads for p in SOURCES if _rel(p) not in allowed and (reads := _settings_reads(p))}
    assert not stray, f"define these in xaso/settings.py and read settings.NAME: {stray}"


def test_the_settings_rule_can_fail(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nfrom django.conf import settings\nfrom xaso.core.env import env_int\n"
        "A = getattr(settings, 'A', 1)\nB = os.environ.get('B')\nC = env_int('C', 1)\n"
    )
    assert len(_settings_reads(sample)) == 3


# --- audit actions: "<entity>.<verb>" (xaso/core/audit.py) ------------------------------------

ACTION = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")
EXPORT = re.compile(r"export(\.[a-z][a-z0-9_]*)+")
APPS = {p.name for p in XASO.iterdir() if (p / "apps.py").exists()}


def _literal_actions(path: Path) -> list[tuple[int, str]]:
    """Every string literal passed as `action=` to audit_record (both arms of a conditional)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name != "audit_record":
            continue
        for keyword in node.keywords:
            if keyword.arg != "action":
                continue
            values = [keyword.value]
            if isinstance(keyword.value, ast.IfExp):
                values = [keyword.value.body, keyword.value.orelse]
            found += [(v.lineno, v.value) for v in values if isinstance(v, ast.Constant)]
    return found


def action_follows_the_scheme(action: str) -> bool:
    if EXPORT.fullmatch(action):
        return True
    return bool(ACTION.fullmatch(action)) and action.split(".")[0] not in APPS


@pytest.mark.parametrize(
    ("action", "fits"),
    [
        ("village.create", True),
        ("payment_request.pay_cash", True),
        ("export.onestop.report", True),
        ("payments.request_create", False),
        ("dx.team.create", False),
        ("fee_paid", False),
        ("Village.Create", False),
    ],
)
def test_the_audit_action_scheme(action, fits):
    assert action_follows_the_scheme(action) is fits


def test_every_literal_audit_action_is_entity_dot_verb():
    wrong = {}
    for path in SOURCES:
        bad = [
            f"{line}: {action!r}"
            for line, action in _literal_actions(path)
            if not action_follows_the_scheme(action)
        ]
        if bad:
            wrong[_rel(path)] = bad
    assert not wrong, f"name audit actions <entity>.<verb> (xaso/core/audit.py): {wrong}"


def test_the_audit_rule_sees_both_arms_of_a_conditional(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('audit_record(actor=None, action="household.create" if new else "Household.Update")\n')
    assert [a for _line, a in _literal_actions(sample)] == ["household.create", "Household.Update"]


# --- views catch xaso.core.errors.USER_ERRORS (through core.forms.form_refusals), not DomainError


def _catches_every_domain_error(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any(getattr(n, "id", getattr(n, "attr", "")) == "DomainError" for n in names):
                lines.append(node.lineno)
    return lines


def _is_view_module(path: Path) -> bool:
    return "views" in path.parts or path.name.startswith("views") or path.name.endswith("_views.py")


def test_no_view_catches_every_domain_error():
    wrong = {
        _rel(p): lines for p in SOURCES if _is_view_module(p) and (lines := _catches_every_domain_error(p))
    }
    assert not wrong, f"catch xaso.core.errors.USER_ERRORS (core.forms.form_refusals): {wrong}"


def test_the_view_rule_can_fail(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("try:\n    pass\nexcept (ValueError, errors.DomainError):\n    pass\n")
    assert _catches_every_domain_error(sample) == [3]
