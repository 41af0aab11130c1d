"""Entry point of `make bench`: runs the named scenarios (all by default) and records results."""

import argparse
import sys

from bench.registry import SCENARIOS, load_all


def main(argv: list[str] | None = None) -> int:
    load_all()
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("scenarios", nargs="*", help=f"which to run (default all): {', '.join(SCENARIOS)}")
    args = parser.parse_args(argv)
    names = args.scenarios or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}")
    if not names:
        print("no benchmark scenarios are registered yet")
        return 0
    for name in names:
        SCENARIOS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
