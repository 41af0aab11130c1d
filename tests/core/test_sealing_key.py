"""The key that seals secrets at rest lives outside the database: from the environment, or
generated once into var/ with a mode only the owner reads."""

import base64

import pytest

from xaso.core.env import ImproperlyConfiguredEnv, sealing_keys_from


def test_a_key_is_generated_once_into_var_readable_by_the_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("XASO_SEALING_KEYS", raising=False)
    first = sealing_keys_from(tmp_path)
    assert sealing_keys_from(tmp_path) == first
    assert len(base64.urlsafe_b64decode(first[0])) == 32
    assert (tmp_path / "sealing_key").stat().st_mode & 0o777 == 0o600


def test_keys_from_the_environment_win_and_a_bad_one_stops_start_up(tmp_path, monkeypatch):
    good = base64.urlsafe_b64encode(b"k" * 32).decode()
    monkeypatch.setenv("XASO_SEALING_KEYS", f"{good}, {good}")
    assert sealing_keys_from(tmp_path) == [good, good]
    monkeypatch.setenv("XASO_SEALING_KEYS", "not-a-key")
    with pytest.raises(ImproperlyConfiguredEnv, match="XASO_SEALING_KEYS"):
        sealing_keys_from(tmp_path)
