"""Per-pair raw signals for fitting and evaluating the bead risk (``align.risk``).

For each sentence pair of wmt21-ced-enzh (train, dev) and mqm-zhen/ted: the texts, the languages,
the USE cosine of the pair, the flags of the default pair checks (number, name, lexical) and the
label. Written as JSON lines to ``<cache_dir>/risk_fit/<set>.jsonl`` so that the fit can be rerun
without re-running the checks; features are computed from these records by
``align.risk.pair_features``, the same function the pipeline uses.

Usage: ``python benchmarks/risk_fit/extract.py [wmt21_train wmt21_dev mqm_ted]``
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from align.bench.datasets import data_root
from align.bench.datasets import read_mqm as mqm_segments
from align.bench.datasets import read_wmt21 as read_wmt21_pairs
from align.embed import get_embedder
from align.paths import cache_dir

SETS = ("wmt21_train", "wmt21_dev", "mqm_ted")


def work_dir() -> Path:
    d = cache_dir() / "risk_fit"
    d.mkdir(parents=True, exist_ok=True)
    return d


def read_wmt21(root: Path, name: str) -> list[dict]:
    return [
        {
            "id": p.id,
            "src": p.src,
            "src_lang": "en",
            "tgt": p.tgt,
            "tgt_lang": "zh",
            "label": p.critical,
            "doc": None,
            "group": "wmt21",
        }
        for p in read_wmt21_pairs(root, name)
    ]


def read_mqm(root: Path) -> list[dict]:
    return [
        {
            "id": f"{v.system}|{v.doc}|{v.seg_id}",
            "src": v.src,
            "src_lang": "zh",
            "tgt": v.tgt,
            "tgt_lang": "en",
            "label": v.major_accuracy,
            # the document of one system's translation: the unit the pipeline would see
            "doc": f"{v.system}|{v.doc}",
            "group": "human" if v.human else "MT",
        }
        for v in mqm_segments(root)
    ]


def extract(rows: list[dict], out: Path) -> None:
    emb = get_embedder("use")
    fns = [importlib.import_module(f"align.checks.{m}").check_pair for m in ("numbers", "names", "lexical")]
    t0 = time.perf_counter()
    sims: list[float] = []
    for k in range(0, len(rows), 512):
        chunk = rows[k : k + 512]
        a = emb.encode([r["src"] for r in chunk])
        b = emb.encode([r["tgt"] for r in chunk])
        sims.extend(float(x) for x in (a * b).sum(axis=1))
    print(f"  embedded {len(rows)} pairs in {time.perf_counter() - t0:.0f} s", flush=True)
    with open(out, "w", encoding="utf-8") as f:
        for r, sim in zip(rows, sims, strict=True):
            flags = [asdict(fl) for fn in fns for fl in fn(r["src"], r["src_lang"], r["tgt"], r["tgt_lang"])]
            f.write(json.dumps({**r, "sim": round(sim, 6), "flags": flags}, ensure_ascii=False) + "\n")
    print(f"  wrote {out} in {time.perf_counter() - t0:.0f} s", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sets", nargs="*", default=list(SETS), choices=SETS)
    a = ap.parse_args()
    root = data_root()
    if root is None:
        print("skipped: ../shared/data is absent (set ALIGN_DATA to the evaluation data folder)")
        return 0
    for name in a.sets:
        rows = read_mqm(root) if name == "mqm_ted" else read_wmt21(root, name.split("_")[1])
        print(f"{name}: {len(rows)} pairs, {sum(r['label'] for r in rows)} positive", flush=True)
        extract(rows, work_dir() / f"{name}.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
