"""Alignment benchmark: `python benchmarks/bench_align.py mac-dev|bible [--embedder use] [--cold]`.

Same as `align bench`. Prints a Markdown table (this project vs Bertalign's stored output) with
timings and peak memory. Skips with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

from align.bench.datasets import data_root
from align.bench.runner import format_table, run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sets", nargs="+", choices=["mac-dev", "bible"])
    ap.add_argument("--embedder", default="use")
    ap.add_argument("--cold", action="store_true", help="use an empty embedding cache (time a first run)")
    ap.add_argument("--limit", type=float, default=None, help="only the leading fraction of each document")
    a = ap.parse_args()
    if data_root() is None:
        print("skipped: ../shared/data is absent (set ALIGN_DATA to the evaluation data folder)")
        return 0
    if a.cold:
        os.environ["ALIGN_CACHE"] = tempfile.mkdtemp(prefix="align-cold-")
    for name in a.sets:
        print(format_table(run(name, embedder=a.embedder, limit=a.limit)))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
