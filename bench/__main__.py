"""`python -m bench [NAME ...] [--people N]`: run the benchmarks and print their tables.

Each `bench/bench_*.py` module exposes `run(options) -> None` and prints its own table(s)
with `common.print_table`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    available = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(here)])
        if m.name.startswith("bench_")
    )
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument(
        "--people", type=int, default=200_000, help="size of the generated population"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--cold-start-only", action="store_true", help="ui: measure the program's starts only"
    )
    options = parser.parse_args()
    for name in options.names or available:
        module = importlib.import_module(f"bench.bench_{name}")
        module.run(options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
