"""Speed of the name check, and a fingerprint of its output: `python benchmarks/bench_names_speed.py`.

Why: on a long document the checks stage dominates, and the name check is its largest part. A speed-up
is only acceptable if the flags stay exactly the same, so besides the time this prints a hash of every
flag (kind, severity, confidence rounded to 6 places, message, spans) per set and overall: compare the
hashes before and after a change. Wall and CPU time are both printed: on a shared machine the CPU time
of the process is the steadier figure.

Sets (each bead or pair checked once, in both directions as the data has them):

- mac-dev: every gold bead of every document (zh→en), sentences joined with ``align.types.joiner``;
- bible: the first 2,000 gold beads (en→zh);
- demetr: every pair of every file, src_sent/mt_sent and src_sent/pert_sent (zh→en);
- demo: the beads of a normal ``align.pipeline.check`` run on the bundled demo (needs the embedding
  cache to be quick; set ALIGN_CACHE).

The lexicon and jieba are loaded before timing, so the times are those of the check itself. Per-string
memo caches are cleared between sets (``--keep-caches`` to keep them), so repeated sentences of one set
(DEMETR repeats each source sentence once per file) may hit them but nothing carries over from another
set. Skips the data sets with a message where the data folder is absent.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator

from align.bench.datasets import data_root, load_set
from align.checks.names.check import check_pair
from align.types import Flag, joiner

Pair = tuple[str, str, str, str]


def _mac_dev() -> Iterator[Pair]:
    for doc in load_set("mac-dev"):
        for src_ids, tgt_ids in doc.gold:
            src = joiner(doc.src_lang).join(doc.src_lines[i] for i in src_ids)
            tgt = joiner(doc.tgt_lang).join(doc.tgt_lines[i] for i in tgt_ids)
            yield src, doc.src_lang, tgt, doc.tgt_lang


def _bible(limit: int = 2000) -> Iterator[Pair]:
    n = 0
    for doc in load_set("bible"):
        for src_ids, tgt_ids in doc.gold:
            if n >= limit:
                return
            src = joiner(doc.src_lang).join(doc.src_lines[i] for i in src_ids)
            tgt = joiner(doc.tgt_lang).join(doc.tgt_lines[i] for i in tgt_ids)
            n += 1
            yield src, doc.src_lang, tgt, doc.tgt_lang


def _demetr() -> Iterator[Pair]:
    root = data_root()
    assert root is not None
    for f in sorted((root / "demetr-zh").glob("*.json")):
        for r in json.loads(f.read_text(encoding="utf-8")):
            yield r["src_sent"], "zh", r["mt_sent"], "en"
            yield r["src_sent"], "zh", r["pert_sent"], "en"


def _demo() -> Iterator[Pair]:
    from align.pipeline import check, demo_paths

    en, zh = demo_paths()
    rep = check(en, zh, checks=["name"])
    for i in range(len(rep.beads)):
        yield rep.bead_text(i, "source"), rep.source.lang, rep.bead_text(i, "target"), rep.target.lang


def _flag_row(f: Flag) -> str:
    return repr((f.kind, f.severity, round(f.confidence, 6), f.message, f.source_span, f.target_span))


def _clear_caches() -> None:
    """Empty every functools cache of the name-check modules (the lexicon itself excepted)."""
    import align.checks.names as pkg

    for mod in list(sys.modules.values()):
        if mod is None or not getattr(mod, "__name__", "").startswith(pkg.__name__):
            continue
        for name, obj in list(vars(mod).items()):
            if name in ("lexicon", "cache_key"):
                continue
            clear = getattr(obj, "cache_clear", None)
            if callable(clear) and getattr(obj, "__module__", "") == mod.__name__:
                clear()


def _warm_up() -> None:
    """Load the lexicon, the jieba dictionary and tagger and pypinyin outside the timed part."""
    check_pair("Donald Trump met Xi Jinping in Beijing.", "en", "特朗普在北京会见了习近平。", "zh")
    check_pair("该电站站长段梦琪说，重庆的发电效率提升了。", "zh", "Duan Mengqi said so.", "en")  # the tagger


def run(pairs: list[Pair], keep_caches: bool) -> tuple[float, float, int, int, str]:
    if not keep_caches:
        _clear_caches()
        _warm_up()
    digest = hashlib.sha256()
    n_flags = 0
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    results = [check_pair(*p) for p in pairs]
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    for k, flags in enumerate(results):
        for f in flags:
            digest.update(f"{k}\t{_flag_row(f)}\n".encode())
            n_flags += 1
    return dt, cpu, len(pairs), n_flags, digest.hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="*", default=["mac-dev", "bible", "demetr", "demo"])
    ap.add_argument("--keep-caches", action="store_true", help="do not clear memo caches between sets")
    args = ap.parse_args()
    sources: dict[str, Callable[[], Iterator[Pair]]] = {
        "mac-dev": _mac_dev,
        "bible": _bible,
        "demetr": _demetr,
        "demo": _demo,
    }
    _warm_up()

    total_t, total_cpu, total_n, overall = 0.0, 0.0, 0, hashlib.sha256()
    print("| set | beads | flags | wall (s) | CPU (s) | CPU ms/bead | flag hash |")
    print("|---|---|---|---|---|---|---|")
    for name in args.sets:
        if name != "demo" and data_root() is None:
            print(f"| {name} | skipped: data folder absent (set ALIGN_DATA) | | | | | |")
            continue
        pairs = list(sources[name]())
        dt, cpu, n, nf, h = run(pairs, args.keep_caches)
        total_t += dt
        total_cpu += cpu
        total_n += n
        overall.update(f"{name}:{h}\n".encode())
        print(f"| {name} | {n} | {nf} | {dt:.2f} | {cpu:.2f} | {1000 * cpu / max(n, 1):.2f} | {h} |")
    print(
        f"\ntotal: {total_n} beads in {total_t:.2f} s wall, {total_cpu:.2f} s CPU "
        f"({1000 * total_cpu / max(total_n, 1):.2f} ms/bead CPU); "
        f"overall flag hash {overall.hexdigest()[:16]}"
    )


if __name__ == "__main__":
    main()
