"""Fit the flag model (``src/align/data/flag_model.json``): how likely a flag is a real error.

Input: flag rows written by ``benchmarks/bench_planted.py --dump`` (one JSON line per flag: the
features of ``align.flagmodel.flag_features``, the check, kind and rule severity, and a label):

* **train** (what ships is fit on this only): NTREX news documents of ``parallel/ntrex.tsv``
  (CC BY-SA), both directions. A flag on the faithful document is false (label 0). In a copy with one
  planted error, a flag the faithful run did not raise is real (1) in the bead holding the error and
  false (0) elsewhere; flags the faithful run raised already are left out.
* **eval** (measured, never fit on): the same dump over ``wmt-docs`` (dev = wmt19/21/23, held out =
  wmt22). wmt19 en-zh shares its English with NTREX, so it is marked in-sample.

Method: L2 logistic regression on standardised features (``benchmarks/risk_fit/fit.py``'s Newton
solver), 5 folds by document for out-of-fold predictions; Platt scaling on those makes ``p`` a
probability (on this training mix: one planted error per copy); the thresholds are chosen on the same
out-of-fold predictions, never on wmt-docs:

* ``major``: the lowest threshold with at most ``--ff-major`` (1.0) major-or-critical false flags per
  50 faithful segments (the issue's target);
* ``critical``: the lowest with at most 5 % of faithful documents holding a critical flag;
* ``minor``: 0 by default, so no flag is withheld: dropping flags below a threshold was measured
  (``--ff-any N``: the lowest threshold with at most N flags of any severity per 50 faithful
  segments) and cost DEMETR's named-entity and negation files far more than it saved on news.

Checks whose flags are never real in the training mix (``form``: no planted error is an error of
form) are not rated: the model would learn "always false" for them. Their flags keep the rules'
severity (``UNRATED``).

Usage (the default checks, then the same with the opt-in ``links`` check, whose flags are added to
the fit so that they are rated when a user asks for them)::

    C=coverage,number,name,lexical,form,clause
    python benchmarks/bench_planted.py --folders ntrex.en-zh,ntrex.zh-en --docs 200 -j 2 \\
        --checks $C --dump /tmp/ff/ntrex.jsonl
    python benchmarks/bench_planted.py --folders ntrex.en-zh,ntrex.zh-en --docs 200 -j 2 \\
        --checks $C,links --dump /tmp/ff/ntrex_links.jsonl
    python benchmarks/bench_planted.py -j 2 --checks $C --dump /tmp/ff/wmt.jsonl   # optional: wmt-docs
    python benchmarks/flag_fit/fit.py /tmp/ff/ntrex.jsonl --links /tmp/ff/ntrex_links.jsonl \\
        --eval /tmp/ff/wmt.jsonl [--write]
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from risk_fit.fit import auc, irls, platt, sigmoid  # noqa: E402

from align.flagmodel import (  # noqa: E402
    CHECKS,
    FEATURES,
    MODEL_PATH,
    rule_of,
    severity_of,
    span_link_features,
    with_products,
)

FOLDS = 5
MIN_RULE = 20  # a rule (``align.flagmodel.rule_of``) gets its own weight from this many training flags
UNRATED = ("form",)  # never a real error in the training mix: not rated (see the module docstring)
COMMAND = (
    "bash benchmarks/flag_fit/refit.sh  (two bench_planted.py dumps over parallel/ntrex.tsv, "
    "then fit.py --write)"
)


def load(path: str) -> tuple[list[dict], list[dict]]:
    rows, markers = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        (markers if r.get("marker") else rows).append(r)
    return rows, markers


def prepare(rows: list[dict]) -> None:
    """Fill in features a dump from an older ``align.flagmodel`` lacks (from the row's texts)."""
    for r in rows:
        if "span_linked" not in r["x"]:
            spans = tuple(tuple(s) if s else None for s in r["spans"])
            r["x"].update(span_link_features(spans, tuple(r["texts"]), tuple(r["langs"])))
        r["x"][f"r:{rule_of(r['check'], r['message'])}"] = 1.0
        with_products(r["x"])


def rules_seen(rows: list[dict]) -> list[str]:
    """The rule features worth a weight: rules of at least ``MIN_RULE`` training flags."""
    counts = Counter(k for r in rows for k in r["x"] if k.startswith("r:"))
    return sorted(k for k, n in counts.items() if n >= MIN_RULE)


def matrix(rows: list[dict], features: list[str]) -> np.ndarray:
    prepare(rows)
    return np.array([[r["x"].get(n, 0.0) for n in features] for r in rows], dtype=np.float64)


def doc_key(r: dict) -> str:
    return f"{r['folder']}|{r['doc']}"


def fold_of(r: dict) -> int:
    return zlib.crc32(r["doc"].encode()) % FOLDS  # both directions of a document in one fold


class Fitted:
    def __init__(self, x: np.ndarray, y: np.ndarray, l2: float) -> None:
        import risk_fit.fit as rf

        self.mean = x.mean(axis=0)
        self.scale = x.std(axis=0)
        self.scale[self.scale < 1e-9] = 1.0
        z = (x - self.mean) / self.scale
        w8 = np.ones(len(y))
        # balance the classes in the fit; calibration restores the training mix's base rate
        w8[y == 1] = (y == 0).sum() / max((y == 1).sum(), 1)
        old, rf.L2 = rf.L2, l2
        try:
            self.b, self.coef = irls(z, y, w8, np.ones(x.shape[1], dtype=bool))
        finally:
            rf.L2 = old

    def logit(self, x: np.ndarray) -> np.ndarray:
        return self.b + ((x - self.mean) / self.scale) @ self.coef


def oof_logits(rows: list[dict], x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    folds = np.array([fold_of(r) for r in rows])
    out = np.zeros(len(rows))
    for k in range(FOLDS):
        tr, te = folds != k, folds == k
        out[te] = Fitted(x[tr], y[tr], l2).logit(x[te])
    return out


def figures(rows: list[dict], markers: list[dict], p: np.ndarray | None, thr: dict | None) -> dict:
    """False flags on faithful documents and recall of planted errors, with the model's severities
    (``p`` and ``thr``) or the rules' own (``p`` None)."""
    sev = [
        r["severity"] if p is None or np.isnan(q) else severity_of(float(q), thr)
        for r, q in zip(rows, p if p is not None else [np.nan] * len(rows), strict=True)
    ]
    segs = {doc_key(r): r["segments"] for r in markers}
    faithful_docs = {doc_key(r): r["segments"] for r in rows if r["run"] == "faithful"}
    segs.update(faithful_docs)
    n_segs = sum(segs.values())
    major = crit_docs = anyf = 0
    crit = set()
    for r, s in zip(rows, sev, strict=True):
        if r["run"] != "faithful" or s is None:
            continue
        anyf += 1
        major += s in ("critical", "major")
        if s == "critical":
            crit.add(doc_key(r))
    crit_docs = len(crit)
    found: dict[tuple, dict] = defaultdict(lambda: {"right": False, "right_major": False})
    for r, s in zip(rows, sev, strict=True):
        if r["run"] == "faithful" or s is None or not r["label"] or not r["right"]:
            continue
        f = found[(doc_key(r), r["run"])]
        f["right"] = True
        f["right_major"] |= s in ("critical", "major")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for m in markers:
        k = by_kind[m["run"]]
        f = found.get((doc_key(m), m["run"]), {"right": False, "right_major": False})
        k[0] += 1
        k[1] += f["right"]
        k[2] += f["right_major"]
    total = [sum(v[i] for v in by_kind.values()) for i in range(3)]
    n_docs = len(segs)
    return {
        "segments": n_segs,
        "docs": n_docs,
        "major_per_50": 50 * major / max(n_segs, 1),
        "any_per_50": 50 * anyf / max(n_segs, 1),
        "docs_critical": crit_docs / max(n_docs, 1),
        "planted": total[0],
        "recall": total[1] / max(total[0], 1),
        "recall_major": total[2] / max(total[0], 1),
        "by_kind": {k: (v[1] / max(v[0], 1), v[2] / max(v[0], 1), v[0]) for k, v in sorted(by_kind.items())},
    }


def choose(
    rows: list[dict], markers: list[dict], p: np.ndarray, ff_major: float, ff_any: float | None
) -> dict:
    """Thresholds from the out-of-fold probabilities (see the module docstring). Unrated flags
    (``p`` NaN) count with the rules' severity."""
    grid = np.unique(np.round(np.concatenate([p[~np.isnan(p)], [0.0, 1.0]]), 4))
    faithful = np.array([r["run"] == "faithful" for r in rows])
    unrated = np.isnan(p)
    n_segs = sum({doc_key(r): r["segments"] for r in [*rows, *markers]}.values())
    docs = np.array([doc_key(r) for r in rows])
    n_docs = len({doc_key(r) for r in [*rows, *markers]})
    fixed = faithful & unrated
    fixed_major = sum(rows[i]["severity"] in ("critical", "major") for i in np.flatnonzero(fixed))
    fixed_crit = {docs[i] for i in np.flatnonzero(fixed) if rows[i]["severity"] == "critical"}
    q = np.where(unrated, -1.0, p)

    def lowest(ok) -> float:
        for t in grid:
            if ok(t):
                return float(t)
        return 1.0

    major = lowest(lambda t: 50 * (((q >= t) & faithful).sum() + fixed_major) / n_segs <= ff_major)
    crit = lowest(lambda t: len(set(docs[(q >= t) & faithful]) | fixed_crit) / n_docs <= 0.05)
    minor = 0.0 if ff_any is None else lowest(
        lambda t: 50 * (((q >= t) & faithful).sum() + fixed.sum()) / n_segs <= ff_any
    )
    crit = max(crit, major)
    minor = min(minor, major)
    return {"critical": round(crit, 4), "major": round(major, 4), "minor": round(minor, 4)}


def show(title: str, f: dict) -> None:
    kinds = ", ".join(f"{k} {a:.0%}/{b:.0%} (n={n})" for k, (a, b, n) in f["by_kind"].items())
    print(f"| {title} | {f['docs']} | {f['segments']} | {f['major_per_50']:.2f} | {f['any_per_50']:.2f} | "
          f"{f['docs_critical']:.0%} | {f['planted']} | {f['recall']:.0%} | {f['recall_major']:.0%} |")
    print(f"|   by kind (right kind any / major+) | {kinds} |||||||")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("train", help="dump of the default checks (figures and thresholds are theirs)")
    ap.add_argument("--links", default=None,
                    help="dump with the opt-in links check too: its links flags are added to the fit")
    ap.add_argument("--eval", default=None)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--ff-major", type=float, default=1.0)
    ap.add_argument("--ff-any", type=float, default=None)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)

    all_rows, markers = load(args.train)
    rated = np.array([r["check"] not in UNRATED for r in all_rows])
    rows = [r for r in all_rows if r["check"] not in UNRATED]
    # the links check's flags, from a run that had it (their document counts include them)
    extra = [r for r in load(args.links)[0] if r["check"] == "links"] if args.links else []
    fit_rows = rows + extra
    prepare(fit_rows)
    features = [*FEATURES, *rules_seen(fit_rows)]
    x = matrix(fit_rows, features)
    y = np.array([r["label"] for r in fit_rows], dtype=np.float64)
    own = np.arange(len(fit_rows)) < len(rows)  # the default checks' rows: figures and thresholds

    def spread(p: np.ndarray) -> np.ndarray:  # rated rows' probabilities, NaN for the unrated ones
        out = np.full(len(all_rows), np.nan)
        out[rated] = p[own]
        return out

    n_docs = len({doc_key(r) for r in rows})
    print(f"train: {len(rows)} flags ({int(y[own].sum())} real) + {len(extra)} links flags "
          f"({int(y[~own].sum())} real), {len(markers)} planted copies, {n_docs} documents")
    oof = oof_logits(fit_rows, x, y, args.l2)
    a, c = platt(oof, y)
    p_oof = sigmoid(a * oof + c)
    thr = choose(all_rows, markers, spread(p_oof), args.ff_major, args.ff_any)
    final = Fitted(x, y, args.l2)
    p_in = sigmoid(a * final.logit(x) + c)
    print(f"out-of-fold AUC {auc(oof, y):.3f}; in-sample AUC {auc(final.logit(x), y):.3f}; thresholds {thr}")
    print("\n| set | docs | segments | major+ / 50 seg | any / 50 seg | docs with critical | planted "
          "| right kind | right kind, major+ |")
    print("|---|---|---|---|---|---|---|---|---|")
    show("NTREX, rules' severities", figures(all_rows, markers, None, None))
    show("NTREX, model out-of-fold (held out by document)", figures(all_rows, markers, spread(p_oof), thr))
    show("NTREX, model in-sample (shipped weights)", figures(all_rows, markers, spread(p_in), thr))
    report: dict = {}
    if args.eval:
        erows, emarkers = load(args.eval)
        ex = matrix(erows, features)
        ep = sigmoid(a * final.logit(ex) + c)
        ey = np.array([r["label"] for r in erows], dtype=np.float64)
        ep[np.array([r["check"] in UNRATED for r in erows])] = np.nan
        ok = ~np.isnan(ep)
        print(f"\neval AUC (rated flags in wmt-docs, real vs false): {auc(ep[ok], ey[ok]):.3f}")
        for name, keep in (
            ("wmt19 en-zh (English in NTREX: in-sample)", lambda r: r["folder"] == "wmt19.en-zh"),
            ("dev: wmt21, wmt23", lambda r: r["folder"].split(".")[0] in ("wmt21", "wmt23")),
            ("held out: wmt22", lambda r: r["folder"].startswith("wmt22")),
        ):
            idx = [i for i, r in enumerate(erows) if keep(r)]
            rs, ms = [erows[i] for i in idx], [m for m in emarkers if keep(m)]
            if not rs:
                continue
            before, after = figures(rs, ms, None, None), figures(rs, ms, ep[idx], thr)
            show(f"{name}, rules", before)
            show(f"{name}, model", after)
            report[name] = {"rules": before, "model": after}
    w = dict(zip(features, np.round(final.coef, 3), strict=True))
    top = sorted(w.items(), key=lambda kv: -abs(kv[1]))[:14]
    print("\nlargest weights:", ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if args.write:
        counts = Counter(r["folder"] for r in fit_rows)
        seen = Counter(r["check"] for r in fit_rows)
        model = {
            "about": "P(a flag is a real error); align.flagmodel; fit by benchmarks/flag_fit/fit.py",
            "fitted": datetime.date.today().isoformat(),
            "command": COMMAND,
            "training_data": "parallel/ntrex.tsv (NTREX-128, CC BY-SA 4.0, Microsoft): faithful news "
                             "documents and copies with one planted error each, both directions",
            "rows": {"flags": len(fit_rows), "real": int(y.sum()), "links_flags": len(extra),
                     "by_folder": dict(counts)},
            # the checks it rates: those with training flags (others, e.g. divergence and the
            # glossary's term check, keep the rules' severities)
            "checks": [c for c in CHECKS if c not in UNRATED and seen[c] >= MIN_RULE],
            "features": features,
            "mean": [round(float(v), 6) for v in final.mean],
            "scale": [round(float(v), 6) for v in final.scale],
            "coef": [round(float(v), 6) for v in final.coef],
            "intercept": round(float(final.b), 6),
            "calibration": {"a": round(a, 6), "b": round(c, 6)},
            "thresholds": thr,
            "threshold_rule": {"major": f"<= {args.ff_major} major+ false flags per 50 faithful segments",
                               "critical": "<= 5 % of faithful documents with a critical flag",
                               "minor": "0: every flag is kept" if args.ff_any is None
                               else f"<= {args.ff_any} flags of any severity per 50 faithful segments"},
            "out_of_fold": {
                k: v for k, v in figures(all_rows, markers, spread(p_oof), thr).items() if k != "by_kind"
            },
            "out_of_fold_auc": round(auc(oof, y), 4),
        }
        Path(MODEL_PATH).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
