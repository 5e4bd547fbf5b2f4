"""Checker benchmark on labelled data: `python benchmarks/bench_checks.py [demetr] [wmt21] [mqm]`.

Each sentence pair is checked as one bead (the pair checks: number, name, lexical, form) and given a risk
from a logistic model over the flags, the pair's embedding similarity, its length ratio and its
dictionary overlap (``align.risk.pair_risk``; fit on wmt21 train by benchmarks/risk_fit).

- demetr-zh: per perturbation file, the share of perturbed pairs whose risk exceeds the threshold at
  which at most 5 % of the clean pairs do (pairs with ``pert_check: false`` skipped).
- wmt21-ced-enzh dev: MCC, precision, recall of "critical error" = any critical flag, next to a
  baseline that thresholds the embedding similarity alone and the risk at its model's threshold
  (both thresholds chosen on train).
- mqm-zhen/ted: ROC-AUC of the risk for "has a Major Accuracy/* error", human vs MT translations.

Skips with a message where ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from align.bench.datasets import data_root, read_mqm, read_wmt21
from align.bench.metric import roc_auc
from align.checks import registry
from align.embed import get_embedder
from align.flagmodel import rate_flags
from align.pipeline import DEFAULT_SEVERITY, SEVERITY_SOURCES
from align.risk import load_model, pair_risk
from align.types import Bead

PAIR_CHECKS = ("number", "name", "lexical", "form", "clause")


class PairChecker:
    """Flags and risk for single sentence pairs, embedding them in batches through the cache.

    Each check is the registry's class, run on one pair through its ``check_pair``.
    """

    def __init__(self, embedder: str = "use", extra: tuple[str, ...] = (), flag_model: bool = False) -> None:
        self.emb = get_embedder(embedder)
        self.names = (*PAIR_CHECKS, *extra)
        self.fns = [registry.by_name(n)().check_pair for n in self.names]
        self.flag_model = flag_model

    def run(self, pairs: list[tuple[str, str, str, str]]):
        src = self.emb.encode([p[0] for p in pairs])
        tgt = self.emb.encode([p[2] for p in pairs])
        sims = (src * tgt).sum(axis=1)
        out = []
        for (s, sl, t, tl), sim in zip(pairs, sims, strict=True):
            flags = [(n, f) for n, fn in zip(self.names, self.fns, strict=True) for f in fn(s, sl, t, tl)]
            if self.flag_model:  # severities (and which flags stay) from align.flagmodel, as the pipeline
                named = [dataclasses.replace(f, check=f.check or name) for name, f in flags]
                flags = rate_flags([Bead((0,), (0,), float(sim))], [named], [(s, t)], (sl, tl))[0]
            else:  # as the rules raised them (the risk attributes a flag without a check by its kind)
                flags = [f for _, f in flags]
            risk = pair_risk(flags, float(sim), src_text=s, src_lang=sl, tgt_text=t, tgt_lang=tl)
            out.append((flags, float(sim), risk))
        return out


def auc(pos: list[float], neg: list[float]) -> float:
    return roc_auc(pos + neg, [True] * len(pos) + [False] * len(neg))


def mcc(tp: int, fp: int, fn: int, tn: int) -> float:
    d = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / d if d else 0.0


def bench_demetr(root: Path, checker: PairChecker, reversed_: bool = False) -> None:
    """``reversed_``: the English as the original and the Chinese source as its translation, so
    the same perturbations are read as errors of an en→zh translation (the tool's main direction;
    an added English word is then a word the translation omits)."""

    def pair(zh: str, en: str) -> tuple[str, str, str, str]:
        return (en, "en", zh, "zh") if reversed_ else (zh, "zh", en, "en")

    files = sorted((root / "demetr-zh").glob("*.json"))
    clean: dict[int, tuple[str, str]] = {}
    per_file = {}
    for f in files:
        rows = json.loads(f.read_text(encoding="utf-8"))
        for r in rows:
            clean[r["id"]] = (r["src_sent"], r["mt_sent"])
        per_file[f.stem] = [r for r in rows if r.get("pert_check", True)]
    ids = sorted(clean)
    clean_res = checker.run([pair(*clean[i]) for i in ids])
    clean_risk = sorted(r[2] for r in clean_res)
    # threshold: the smallest risk above which at most 5 % of clean pairs lie
    k = int(math.floor(0.05 * len(clean_risk)))
    thr = clean_risk[len(clean_risk) - k - 1] if k < len(clean_risk) else 0.0
    flagged_clean = sum(r > thr for r in clean_risk)
    way = ", reversed: English original, Chinese translation" if reversed_ else ""
    print(f"### demetr-zh{way} ({len(ids)} clean pairs; risk > {thr:.3f} flags {flagged_clean} of them)\n")
    print("| perturbation | severity | pairs | flagged at threshold | any flag |")
    print("|---|---|---|---|---|")
    major = []
    for name, rows in per_file.items():
        if name.startswith("base_") or not rows:
            continue
        res = checker.run([pair(r["src_sent"], r["pert_sent"]) for r in rows])
        share = sum(x[2] > thr for x in res) / len(res)
        anyflag = sum(bool(x[0]) for x in res) / len(res)
        sev = rows[0]["severity"]
        if sev in ("critical", "major"):
            major.append(share)
        print(f"| {name} | {sev} | {len(rows)} | {share:.2f} | {anyflag:.2f} |")
    print(f"\nmean over critical and major files: {np.mean(major):.3f}\n")


def bench_wmt21(root: Path, checker: PairChecker) -> None:
    dev = [(p.src, p.tgt, p.critical) for p in read_wmt21(root, "dev")]
    res = checker.run([(s, "en", t, "zh") for s, t, _ in dev])
    gold = [g for *_, g in dev]
    pred = [any(f.severity == "critical" for f in r[0]) for r in res]
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    tn = len(gold) - tp - fp - fn
    print(f"### wmt21-ced-enzh dev ({len(dev)} pairs, {sum(gold)} ERR)\n")
    print("| predictor | MCC | precision | recall |")
    print("|---|---|---|---|")
    print(
        f"| any critical flag | {mcc(tp, fp, fn, tn):.3f} | {tp / max(tp + fp, 1):.3f} | "
        f"{tp / max(tp + fn, 1):.3f} |"
    )
    # baseline: similarity below a threshold chosen for best MCC on train
    train = [(p.src, p.tgt, p.critical) for p in read_wmt21(root, "train")]
    tr = checker.run([(s, "en", t, "zh") for s, t, _ in train])
    tr_gold = [g for *_, g in train]
    best = max(
        ((mcc(*_confusion([r[1] < th for r in tr], tr_gold)), th) for th in np.linspace(0.2, 0.9, 71)),
    )
    th = best[1]
    tp, fp, fn, tn = _confusion([r[1] < th for r in res], gold)
    print(
        f"| similarity < {th:.2f} (threshold from train) | {mcc(tp, fp, fn, tn):.3f} | "
        f"{tp / max(tp + fp, 1):.3f} | {tp / max(tp + fn, 1):.3f} |"
    )
    # the fitted risk at the threshold chosen on train (5-fold out-of-fold MCC, benchmarks/risk_fit)
    rth = load_model()["threshold"]
    tp, fp, fn, tn = _confusion([r[2] >= rth for r in res], gold)
    print(
        f"| risk >= {rth:.3f} (threshold from train) | {mcc(tp, fp, fn, tn):.3f} | "
        f"{tp / max(tp + fp, 1):.3f} | {tp / max(tp + fn, 1):.3f} |"
    )
    r_auc = auc(
        [r[2] for r, g in zip(res, gold, strict=True) if g],
        [r[2] for r, g in zip(res, gold, strict=True) if not g],
    )
    print(f"\nROC-AUC of the risk for ERR: {r_auc:.3f}\n")


def _confusion(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    return tp, fp, fn, len(gold) - tp - fp - fn


def bench_mqm(root: Path, checker: PairChecker) -> None:
    segs = read_mqm(root)
    res = checker.run([(v.src, "zh", v.tgt, "en") for v in segs])
    groups = defaultdict(lambda: ([], []))
    for v, r in zip(segs, res, strict=True):
        groups["human (ref, refB)" if v.human else "MT"][0 if v.major_accuracy else 1].append(r[2])
    print("### mqm-zhen/ted\n")
    print("| translations | segments | with major accuracy error | ROC-AUC of risk |")
    print("|---|---|---|---|")
    for g, (pos, neg) in sorted(groups.items()):
        print(f"| {g} | {len(pos) + len(neg)} | {len(pos)} | {auc(pos, neg):.3f} |")
    print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("sets", nargs="*", default=["demetr", "wmt21", "mqm"], choices=["demetr", "wmt21", "mqm"])
    ap.add_argument("--embedder", default="use")
    ap.add_argument("--divergence", action="store_true", help="add the opt-in span-level divergence check")
    ap.add_argument("--links", action="store_true", help="add the opt-in word-link check")
    ap.add_argument("--reversed", action="store_true", help="DEMETR with the English as the original (en→zh)")
    ap.add_argument("--severity", choices=SEVERITY_SOURCES, default=DEFAULT_SEVERITY,
                    help="flag severities learned (align.flagmodel) or the rules' (default: the pipeline's)")
    a = ap.parse_args()
    root = data_root()
    if root is None:
        print("skipped: ../shared/data is absent (set ALIGN_DATA to the evaluation data folder)")
        return 0
    extra = (("divergence",) if a.divergence else ()) + (("links",) if a.links else ())
    checker = PairChecker(a.embedder, extra, flag_model=a.severity == "learned")
    for name in a.sets:
        if name == "demetr":
            bench_demetr(root, checker, reversed_=a.reversed)
        else:
            {"wmt21": bench_wmt21, "mqm": bench_mqm}[name](root, checker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
