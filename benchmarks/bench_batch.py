"""Throughput of ``align batch``: ``-j 1`` against ``-j N`` and ``--dask local`` on article-sized pairs.

The pairs are professional news translations from ``../shared/data/wmt-docs`` (WMT19/21/22 en-zh
documents of 15-60 segments, written as ``NAME.en.txt``/``NAME.zh.txt``, one segment per line,
checked with ``--presplit``); nothing derived from them is kept. A warm-up run on four *other*
documents builds the dictionary tables in a cache folder; each configuration then runs in a fresh
subprocess with its own copy of that folder, so every configuration meets the measured texts for
the first time (no cached sentence vectors), as a batch of new articles does on a set-up machine.

    python benchmarks/bench_batch.py                 # 20 pairs: -j 1, -j 2, --dask local -j 2
    python benchmarks/bench_batch.py --pairs 8 --configs j1,j2

Prints seconds, pairs per minute, the speed-up over ``-j 1``, the peak memory of each worker (from
``summary.csv``'s ``peak_mb``), and whether every configuration wrote identical report.json files.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(os.environ.get("ALIGN_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
SETS = [DATA / "wmt-docs" / f"{name}.en-zh" for name in ("wmt21", "wmt22", "wmt19")]
CONFIGS = {
    "j1": ["-j", "1"],
    "j2": ["-j", "2"],
    "dask2": ["-j", "2", "--dask", "local"],
}


def make_pairs(folder: Path, n: int, skip: int = 0, size: tuple[int, int] = (15, 60)) -> list[str]:
    """Write ``n`` documents of 15-60 segments (after the first ``skip``) as NAME.en.txt / NAME.zh.txt."""
    names: list[str] = []
    seen = 0
    for root in SETS:
        src = (root / "src.txt").read_text(encoding="utf-8").splitlines()
        ref = (root / "ref.txt").read_text(encoding="utf-8").splitlines()
        docs: dict[str, list[int]] = defaultdict(list)
        with (root / "docs.tsv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["doc"]:
                    docs[row["doc"]].append(int(row["line"]) - 1)
        for lines in docs.values():
            if not size[0] <= len(lines) <= size[1] or len(names) >= n:
                continue
            seen += 1
            if seen <= skip:
                continue
            name = f"doc{len(names):02d}"
            (folder / f"{name}.en.txt").write_text("\n".join(src[k] for k in lines) + "\n", encoding="utf-8")
            (folder / f"{name}.zh.txt").write_text("\n".join(ref[k] for k in lines) + "\n", encoding="utf-8")
            names.append(name)
    return names


def run(pairs: Path, out: Path, args: list[str], cache: Path) -> tuple[float, int]:
    env = dict(os.environ, ALIGN_CACHE=str(cache))
    cmd = [sys.executable, "-m", "align", "batch", str(pairs), "-o", str(out), "--presplit", "-q", *args]
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    secs = time.perf_counter() - t0
    if rc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({rc.returncode}): {rc.stderr.strip()[-500:]}")
    return secs, rc.returncode


def peak(out: Path) -> str:
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        vals = [float(r["peak_mb"]) for r in csv.DictReader(fh) if r["peak_mb"]]
    return f"{max(vals):.0f}" if vals else "-"


def same_outputs(a: Path, b: Path, names: list[str]) -> bool:
    return all(filecmp.cmp(a / n / "report.json", b / n / "report.json", shallow=False) for n in names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=20)
    ap.add_argument("--segments", default="15-60", help="document length in segments, e.g. 40-200")
    ap.add_argument("--configs", default="j1,j2,dask2", help=f"comma-separated from {','.join(CONFIGS)}")
    args = ap.parse_args()
    if not all(root.is_dir() for root in SETS):
        sys.exit(f"skipped: {SETS[0].parent} not found (set ALIGN_DATA)")
    with tempfile.TemporaryDirectory(prefix="align-bench-batch-") as tmp:
        root = Path(tmp)
        pairs, warmup, base_cache = root / "pairs", root / "warmup-pairs", root / "cache"
        pairs.mkdir()
        warmup.mkdir()
        make_pairs(warmup, 4)
        lo, hi = (int(x) for x in args.segments.split("-"))
        names = make_pairs(pairs, args.pairs, skip=4, size=(lo, hi))
        warm, _ = run(warmup, root / "warmup", ["-j", "1"], base_cache)
        print(
            f"{len(names)} pairs of WMT en-zh documents of {args.segments} segments; "
            f"warm-up on 4 other documents {warm:.1f} s"
        )
        print(f"{'config':<8} {'seconds':>8} {'pairs/min':>10} {'speed-up':>9} {'peak MB/worker':>15}")
        base = None
        outs = {}
        for key in args.configs.split(","):
            out, cache = root / f"out-{key}", root / f"cache-{key}"
            shutil.copytree(base_cache, cache)
            secs, _ = run(pairs, out, CONFIGS[key], cache)
            outs[key] = out
            base = base or secs
            print(f"{key:<8} {secs:8.1f} {60 * len(names) / secs:10.1f} {base / secs:8.2f}x {peak(out):>15}")
        keys = list(outs)
        same = all(same_outputs(outs[keys[0]], outs[k], names) for k in keys[1:])
        print(f"report.json identical across {', '.join(keys)}: {same}")


if __name__ == "__main__":
    main()
