"""Scenarios register here by name; each is a callable that runs and writes its own figures."""

from collections.abc import Callable

SCENARIOS: dict[str, Callable[[], None]] = {}


def scenario(name: str):
    def register(fn: Callable[[], None]) -> Callable[[], None]:
        SCENARIOS[name] = fn
        return fn

    return register


def load_all() -> None:
    """Import every bench/scenario_*.py so that each registers itself."""
    import importlib
    import pkgutil

    import bench

    for module in pkgutil.iter_modules(bench.__path__):
        if module.name.startswith("scenario_"):
            importlib.import_module(f"bench.{module.name}")
