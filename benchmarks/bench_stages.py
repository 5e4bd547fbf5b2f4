"""Stage timings of one ``align check`` run: `python benchmarks/bench_stages.py [--texts demo,bible,100k]`.

For each text, two runs of ``align check … --timings --quiet -o TMP --force``, each in a fresh
subprocess: *cold* with a new, empty ``ALIGN_CACHE`` (a first run on a new machine: no embedding
cache, no derived tables) and *warm* with the cache the cold run left. Prints one table per text:
the seconds of every stage (``src/align/timing.py`` names them), the subprocess's whole wall time
(interpreter start and imports included), its CPU time (user + system: more than the wall time
where BLAS or the tokenizers use a second core, less where other work shares the machine) and its
peak resident memory (``wait4``'s maximum RSS, the figure ``/usr/bin/time -v`` prints).

Texts: ``demo`` (the bundled article), ``bible`` (the evaluation set's presplit lines, with all
default checks and all outputs; needs ``../shared/data``), ``100k`` (the repeated-Bible pair of
``bench_scale.py``, 100,000 sentences a side; ``--quick`` makes it 10,000). The runs use the
interpreter running this script (``python -m align``), so ``PYTHONPATH=/other/src`` times another
copy of the code. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ("demo", "bible", "100k")


def _demo(tmp: Path, quick: bool) -> tuple[list[str], str]:
    demo = ROOT / "src" / "align" / "demo"
    return [str(demo / "article.en.txt"), str(demo / "article.zh.txt")], "demo (36 sentences)"


def _write_pair(tmp: Path, src: list[str] | tuple[str, ...], tgt: list[str] | tuple[str, ...]) -> list[str]:
    en, zh = tmp / "en.txt", tmp / "zh.txt"
    en.write_text("\n".join(src) + "\n", encoding="utf-8")
    zh.write_text("\n".join(tgt) + "\n", encoding="utf-8")
    return [str(en), str(zh), "--presplit"]


def _bible(tmp: Path, quick: bool) -> tuple[list[str], str] | None:
    from align.bench.datasets import data_root, load_set

    if data_root() is None:
        return None
    doc = load_set("bible")[0]
    args = _write_pair(tmp, doc.src_lines, doc.tgt_lines)
    return args, f"bible ({len(doc.src_lines)} x {len(doc.tgt_lines)} lines, presplit)"


def _pair_100k(tmp: Path, quick: bool) -> tuple[list[str], str] | None:
    from align.bench.datasets import data_root

    if data_root() is None:
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_scale import build  # the same repeated-Bible pair as `bench_scale.py --full`

    n = 10_000 if quick else 100_000
    src, tgt, _ = build(n)
    return _write_pair(tmp, src, tgt), f"{len(src)} x {len(tgt)} sentences (bench_scale pair, presplit)"


BUILDERS = {"demo": _demo, "bible": _bible, "100k": _pair_100k}


def parse_timings(stderr: str) -> tuple[dict[str, float], float | None]:
    """Stage seconds and the peak memory (MB) from the table ``align check --timings`` prints."""
    stages: dict[str, float] = {}
    peak = None
    in_table = False
    for line in stderr.splitlines():
        parts = line.split()
        if parts[:3] == ["stage", "seconds", "share"]:
            in_table, stages = True, {}
            continue
        if not in_table:
            continue
        if line.startswith("peak memory"):
            peak = float(parts[2])
            in_table = False
        elif len(parts) >= 2 and parts[0] != "total":
            with contextlib.suppress(ValueError):  # a line that is not a stage row
                stages[parts[0]] = float(parts[1])
    return stages, peak


def run_once(args: list[str], cache: Path, out: Path, extra: list[str]) -> dict:
    """One ``align check`` in a fresh subprocess: stage seconds, wall time, peak RSS."""
    env = dict(os.environ, ALIGN_CACHE=str(cache))
    cmd = [
        sys.executable,
        "-m",
        "align",
        "check",
        *args,
        *extra,
        "--timings",
        "--quiet",
        "-o",
        str(out),
        "--force",
    ]
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err_fh:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err_fh)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        err_fh.seek(0)
        stderr = err_fh.read().decode("utf-8", "replace")
    stages, table_peak = parse_timings(stderr)
    if proc.returncode not in (0, 1) or not stages:  # 1: critical flags found, a normal outcome
        sys.stderr.write(f"align check failed (exit {proc.returncode}): {' '.join(cmd)}\n{stderr[-3000:]}\n")
    rss = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    cpu = usage.ru_utime + usage.ru_stime
    return {
        "stages": stages,
        "wall": wall,
        "cpu": cpu,
        "peak": max(rss, table_peak or 0.0),
        "rc": proc.returncode,
    }


def print_table(title: str, runs: dict[str, dict]) -> None:
    names: list[str] = []
    for r in runs.values():
        names += [k for k in r["stages"] if k not in names]
    cols = list(runs)
    width = max([len(n) for n in names] + [len("wall (subprocess)")])
    print(f"\n{title}")
    print(f"{'stage':<{width}}" + "".join(f"  {c:>8}" for c in cols))
    for n in names:
        cells = "".join(
            f"  {runs[c]['stages'][n]:8.2f}" if n in runs[c]["stages"] else f"  {'-':>8}" for c in cols
        )
        print(f"{n:<{width}}{cells}")
    print(f"{'sum of stages':<{width}}" + "".join(f"  {sum(runs[c]['stages'].values()):8.2f}" for c in cols))
    print(f"{'wall (subprocess)':<{width}}" + "".join(f"  {runs[c]['wall']:8.2f}" for c in cols))
    print(f"{'cpu (user+sys)':<{width}}" + "".join(f"  {runs[c]['cpu']:8.2f}" for c in cols))
    print(f"{'peak memory (MB)':<{width}}" + "".join(f"  {runs[c]['peak']:8.0f}" for c in cols))
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default="demo,bible,100k", help="comma-separated: " + ", ".join(TEXTS))
    ap.add_argument("--quick", action="store_true", help="a 10,000-sentence pair instead of 100,000")
    ap.add_argument("--warm-runs", type=int, default=1, help="warm runs after the cold one (default 1)")
    ap.add_argument("--no-cold", action="store_true", help="warm runs only, on --cache")
    ap.add_argument("--cache", type=Path, help="cache folder to use (default: a fresh temporary one)")
    ap.add_argument("--checks", help="passed to align check --checks")
    a = ap.parse_args(argv)
    chosen = [t.strip() for t in a.texts.split(",") if t.strip()]
    unknown = [t for t in chosen if t not in TEXTS]
    if unknown:
        ap.error(f"unknown text(s) {', '.join(unknown)}; choose from {', '.join(TEXTS)}")
    extra = ["--checks", a.checks] if a.checks else []
    for text in chosen:
        with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp_name:
            tmp = Path(tmp_name)
            built = BUILDERS[text](tmp, a.quick)
            if built is None:
                print(f"\n{text}: skipped (../shared/data is absent; set ALIGN_DATA)")
                continue
            args, title = built
            cache = a.cache or tmp / "cache"
            cache.mkdir(parents=True, exist_ok=True)
            runs: dict[str, dict] = {}
            if not a.no_cold:
                runs["cold"] = run_once(args, cache, tmp / "out", extra)
            for k in range(a.warm_runs):
                runs["warm" if a.warm_runs == 1 else f"warm{k + 1}"] = run_once(
                    args, cache, tmp / "out", extra
                )
            print_table(title, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
