import pytest

from xaso.core.env import ImproperlyConfiguredEnv, env_bool, env_int, env_list


def test_it_reads_booleans_strictly(monkeypatch):
    monkeypatch.setenv("XASO_X", "yes")
    assert env_bool("XASO_X", False) is True
    monkeypatch.setenv("XASO_X", "0")
    assert env_bool("XASO_X", True) is False
    monkeypatch.setenv("XASO_X", "maybe")
    with pytest.raises(ImproperlyConfiguredEnv, match="XASO_X"):
        env_bool("XASO_X", False)


def test_it_refuses_a_bad_integer(monkeypatch):
    monkeypatch.setenv("XASO_N", "ten")
    with pytest.raises(ImproperlyConfiguredEnv, match="not an integer"):
        env_int("XASO_N", 1)
    monkeypatch.setenv("XASO_N", "0")
    with pytest.raises(ImproperlyConfiguredEnv, match="below the minimum"):
        env_int("XASO_N", 1, minimum=1)


def test_it_splits_lists_and_uses_defaults(monkeypatch):
    monkeypatch.delenv("XASO_L", raising=False)
    assert env_list("XASO_L", ["a"]) == ["a"]
    monkeypatch.setenv("XASO_L", "a.vn, b.vn ,")
    assert env_list("XASO_L", []) == ["a.vn", "b.vn"]
