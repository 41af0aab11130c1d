"""Scenarios register here by name; each is a callable that runs and writes its own figures."""

from collections.abc import Callable

SCENARIOS: dict[str, Callable[[], None]] = {}


def scenario(name: str):
    def register(fn: Callable[[], None]) -> Callable[[], None]:
        SCENARIOS[name] = fn
        return fn

    return register
