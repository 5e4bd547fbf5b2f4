"""Fit the merged-bead model (``align.checks.merged``) on beads built from NTREX; print its figures.

Why built beads: a dropped sentence that the aligner folds into its neighbour's bead is a 2-1 bead, and
so is a translator's merge of two sentences into one. NTREX (``parallel/ntrex.tsv``, CC BY-SA: it may
train what ships) pairs each English sentence with its human translation, so both are made from it:

* **dropped** (label 1 for the dropped sentence, 0 for its neighbour): sentences k and k+1 of one side
  facing the translation of k alone (k+1 dropped), or of k+1 alone (k dropped);
* **merged** (label 0 for both): the same two sentences facing the translator's two sentences joined
  into one (Chinese: the first one's 。 becomes ，; English: its full stop becomes a semicolon).

Each document gives both: English original against Chinese translation (omission side English,
addition side Chinese, and the reverse roles), so the model sees both languages on both sides. Only
pairs of sentences long enough to be dropped by the planted benchmark are used (4 English words, 8
Han characters). A fifth of the documents (by a hash of the id) is held out: the weights and the
threshold come from the other four fifths, the held-out figures are printed apart.

Threshold: the lowest probability at which at most ``--max-merge-flag`` of the training merges' sentences
are flagged (default 0.25 %, the rate of the hand rule it replaced).

Commands::

    python benchmarks/merged_fit/fit.py                 # figures only
    python benchmarks/merged_fit/fit.py --write         # and write src/align/data/merged_model.json

Takes about 3 minutes on 2 cores with an empty embedding cache (``ALIGN_CACHE``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ntrex_fit import built_rows, finish, fit_logistic, held_out  # noqa: E402
from risk_fit.fit import auc  # noqa: E402

from align.checks.clauses import content_size, dictionary_coverage  # noqa: E402
from align.checks.merged import FEATURES, MODEL_PATH, sentence_features  # noqa: E402


def long_enough(text: str, lang: str) -> bool:
    return (len(re.findall(r"[A-Za-z0-9']+", text)) >= 4) if lang == "en" else (
        len(re.findall(r"[\u3400-\u9fff]", text)) >= 8)


def join_merge(a: str, b: str, lang: str) -> str:
    """Two sentences written as one, as a translator who merges them would."""
    if lang == "zh":
        return re.sub(r"[。！？]$", "，", a.rstrip()) + b.lstrip()
    a = re.sub(r"[.!?]$", ";", a.rstrip())
    return f"{a} {b[:1].lower()}{b[1:]}" if b[:2].isalpha() and not b[:2].isupper() else f"{a} {b}"


def build(docs: dict[str, list[tuple[str, str]]], emb) -> list[dict]:  # noqa: ANN001
    """Rows: features of each sentence of each built bead, its label, the document and how built."""
    rows = []
    for n_doc, (doc, pairs) in enumerate(sorted(docs.items())):
        for a_lang, b_lang in (("en", "zh"), ("zh", "en")):  # a: the side with two sentences
            ia, ib = (0, 1) if a_lang == "en" else (1, 0)
            a = [p[ia] for p in pairs]
            b = [p[ib] for p in pairs]
            vec_a = emb.encode(a)
            vec_b = emb.encode(b)
            med = float(np.median((vec_a * vec_b).sum(axis=1)))
            beads = []
            for k in range(len(pairs) - 1):
                if not (long_enough(a[k], a_lang) and long_enough(a[k + 1], a_lang)):
                    continue
                beads.append(("dropped", k, b[k], (0, 1)))  # a[k+1] has no counterpart
                beads.append(("dropped", k, b[k + 1], (1, 0)))  # a[k] has none
                beads.append(("merged", k, join_merge(b[k], b[k + 1], b_lang), (0, 0)))
            if not beads:
                continue
            sep = "" if a_lang == "zh" else " "
            whole = [sep.join((a[k], a[k + 1])) for _, k, _, _ in beads]
            vec_o = emb.encode([o for _, _, o, _ in beads])
            vec_w = emb.encode(whole)
            for (how, k, other, labels), vo, vw in zip(beads, vec_o, vec_w, strict=True):
                full = float(vw @ vo)
                sizes = [content_size(a[k], a_lang), content_size(a[k + 1], a_lang)]
                for j in (0, 1):
                    me, rest = a[k + j], a[k + 1 - j]
                    row = sentence_features(
                        alone=float(vec_a[k + j] @ vo), full=full, without=float(vec_a[k + 1 - j] @ vo),
                        median=med, cov=dictionary_coverage(me, a_lang, other),
                        cov_rest=dictionary_coverage(rest, a_lang, other), size=sizes[j],
                        size_rest=sizes[1 - j], lang=a_lang,
                        side="source" if a_lang == "en" else "target",
                    )
                    rows.append({"doc": doc, "how": how, "label": labels[j], "x": row,
                                 "held_out": held_out(doc)})
        print(f"\r{n_doc + 1}/{len(docs)} documents", end="", file=sys.stderr)
    print(file=sys.stderr)
    return rows


def old_rule(x: dict[str, float]) -> bool:
    """The hand rule this model replaces (without its coverage branch for long unrendered sentences)."""
    return x["alone"] < 0.35 and (x["gain"] > 0.04 or (x["cov"] <= 0.1 and x["log_size"] >= np.log1p(6)))


def figures(rows: list[dict], p: np.ndarray, thr: float) -> str:
    y = np.array([r["label"] for r in rows])
    merged = np.array([r["how"] == "merged" for r in rows])
    flag = p >= thr
    old = np.array([old_rule(r["x"]) for r in rows])
    dropped_neighbour = (~merged) & (y == 0)
    return (f"AUC {auc(p, y):.3f}; dropped found {flag[y == 1].mean():.1%} "
            f"(old rule {old[y == 1].mean():.1%}); "
            f"merges flagged {flag[merged].mean():.2%} (old {old[merged].mean():.2%}); "
            f"neighbours of a drop flagged {flag[dropped_neighbour].mean():.2%} "
            f"(old {old[dropped_neighbour].mean():.2%}); n={len(rows)} ({int(y.sum())} dropped)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the fitted model into the package")
    ap.add_argument("--max-merge-flag", type=float, default=0.0025)
    args = ap.parse_args(argv)
    rows = built_rows(build)
    if rows is None:
        return 0
    model, train, p = fit_logistic(rows, list(FEATURES))
    merged_train = np.array([r["how"] == "merged" for r in rows]) & train
    thr = float(np.quantile(p[merged_train], 1 - args.max_merge_flag))
    model["threshold"] = round(thr, 4)
    print(f"threshold {thr:.4f} (at most {args.max_merge_flag:.2%} of the training merges' sentences)")
    finish(model, rows, train, p, lambda rs, ps: figures(rs, ps, thr),
           path=MODEL_PATH if args.write else None,
           data="parallel/ntrex.tsv (NTREX-128, CC BY-SA 4.0), built 2-1 beads; "
                "one document in five held out (zlib.crc32(doc id) % 5 == 0)",
           command="python benchmarks/merged_fit/fit.py --write")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
