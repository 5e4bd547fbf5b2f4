"""Fit the clause model (``align.checks.clauses``: which clause of a sentence the other side does not
render) on sentence pairs of NTREX; print its figures against the hand thresholds it replaces.

Data (``parallel/ntrex.tsv``, CC BY-SA: it may train what ships), for each sentence pair and each way
round (side A: the sentence whose clauses are judged, side B: the other):

* **faithful**: every candidate clause of A (the check's own candidates: clause-sized, less than
  ``MAX_COVERAGE`` of its words found on B by CC-CEDICT) is rendered: label 0;
* **dropped**: one clause of B (four English words / six Han characters or more, seeded choice) is
  deleted; a candidate clause of A at least 60 % of whose word links (``align.text.wordlinks``, in the
  intact pair) went into the deleted clause is left unrendered (label 1); one with no link into it
  keeps label 0; others are left out (part of their rendering went with the deleted clause).

A fifth of the documents is held out (by a hash of the id, the same split as the merged-bead model).
Threshold: the lowest probability at which at most ``--max-faithful`` of the faithful clauses of the
training documents are flagged (default: as many as the hand thresholds flag, 0.38 %); the figures
apply the check's gain floor for an omitted clause (``clauses.MIN_GAIN``) as the check does.

Commands::

    python benchmarks/clause_fit/fit.py             # figures only
    python benchmarks/clause_fit/fit.py --write     # and write src/align/data/clause_model.json

About 4 minutes on 2 cores with an empty embedding cache (``ALIGN_CACHE``).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ntrex_fit import built_rows, finish, fit_logistic, held_out  # noqa: E402
from risk_fit.fit import auc  # noqa: E402

from align.checks import clauses as C  # noqa: E402
from align.text.wordlinks import WordLinks, word_links  # noqa: E402

# The hand thresholds the model replaced (align.checks.clauses until commit 369aa37): how much closer
# the rest had to come to the other side without the chunk.
GAIN_MIN = {"omission": 0.10, "addition": 0.12}
GAIN_MIN_UNRENDERED = 0.06  # an omitted chunk of 4+ content words none of which CC-CEDICT finds


def needed_gain(coverage: float, size: int) -> float:
    """The hand rule's gain for an omitted chunk."""
    return GAIN_MIN["omission"] if coverage > 0.0 or size < 4 else GAIN_MIN_UNRENDERED


NEED = {"en": 4, "zh": 6}
# share of faithful training runs of unlinked words flagged (``threshold_run``); chosen between 0.005
# and 0.02 on the dev years of bench_planted (same recall there, fewer false flags)
RUN_SHARE = 0.005


def candidates(a: str, a_lang: str, b: str) -> list[dict]:
    """The check's candidate clauses of ``a`` against ``b`` with the features that need no vectors."""
    sides = C._sides(a, a_lang, b, "zh" if a_lang == "en" else "en")
    side = next((s for s in sides if s.kind == "omission"), None)
    if side is None:
        return []
    return [{"span": sp, "rest": r, "cov": st["cov"], "size": C.content_size(a[sp[0]:sp[1]], a_lang),
             "static": st | {"linked": side.linked(k)}}
            for k, (sp, r, st) in enumerate(zip(side.spans, side.rests, side.static, strict=True))]


def _label(links: WordLinks, a_lang: str, span: tuple[int, int], dropped: tuple[int, int]) -> int | None:
    """1 when most of the chunk's links (in the faithful pair) go into the deleted clause of the other
    side, 0 when none does, None in between or when the chunk has fewer than two linked words."""
    if a_lang == "en":
        mine = {i for i in links.en_content if span[0] <= links.en[i].start < span[1]}
        partners = [links.zh[j][1] for i, j in links.links if i in mine]
    else:
        mine = {j for j in links.zh_content if span[0] <= links.zh[j][1] < span[1]}
        partners = [links.en[i].start for i, j in links.links if j in mine]
    inside = sum(dropped[0] <= x < dropped[1] for x in partners)
    if inside == 0:
        return 0
    if len(partners) >= 2 and inside / len(partners) >= 0.6:
        return 1
    return None


def build(docs: dict[str, list[tuple[str, str]]], emb) -> list[dict]:  # noqa: ANN001
    rows = []
    for n_doc, (doc, pairs) in enumerate(sorted(docs.items())):
        held = held_out(doc)
        rng = random.Random(f"clause|{doc}")
        jobs = []  # (how, a, a_lang, b, cands, labels)
        for en, zh in pairs:
            for a, a_lang, b, b_lang in ((en, "en", zh, "zh"), (zh, "zh", en, "en")):
                cands = candidates(a, a_lang, b)
                if cands:
                    jobs.append(("faithful", a, a_lang, b, cands, [0] * len(cands)))
                drops = [(s, e) for s, e in C.chunks(b, b_lang)
                         if C.content_size(b[s:e], b_lang) >= NEED[b_lang]]
                if not drops:
                    continue
                s, e = rng.choice(drops)
                b2 = C.rest_without(b, s, e, b_lang)
                cands = candidates(a, a_lang, b2)
                links = word_links(a, b) if a_lang == "en" else word_links(b, a)
                labels = [_label(links, a_lang, c["span"], (s, e)) for c in cands]
                if 1 in labels:
                    jobs.append(("dropped", a, a_lang, b2, cands, labels))
        texts = [t for _, a, _, b, cands, _ in jobs for t in (a, b, *[c["rest"] for c in cands])]
        vecs = emb.encode(texts) if texts else None
        k = 0
        for how, _a, _a_lang, _b, cands, labels in jobs:
            va, vb = vecs[k], vecs[k + 1]
            full = float(va @ vb)
            for j, (c, lab) in enumerate(zip(cands, labels, strict=True)):
                if lab is None:
                    continue
                gain = float(vecs[k + 2 + j] @ vb) - full
                x = C.chunk_features(gain=gain, full=full, static=c["static"])
                rows.append({"doc": doc, "how": how, "label": lab, "x": x, "held_out": held,
                             "old": gain >= needed_gain(c["cov"], c["size"])})
            k += 2 + len(cands)
        print(f"\r{n_doc + 1}/{len(docs)} documents", end="", file=sys.stderr)
    print(file=sys.stderr)
    return rows


def figures(rows: list[dict], p: np.ndarray, thr: float, thr_run: float) -> str:
    y = np.array([r["label"] for r in rows])
    faithful = np.array([r["how"] == "faithful" for r in rows])
    run = np.array([r["x"]["run"] > 0 for r in rows])
    past_floor = np.array([r["x"]["gain"] > C.MIN_GAIN["omission"] for r in rows])
    flag = (p >= np.where(run, thr_run, thr)) & past_floor
    old = np.array([r["old"] for r in rows])
    out = (f"AUC {auc(p, y):.3f}; unrendered clauses found {flag[y == 1].mean():.1%} "
           f"(hand thresholds {old[y == 1].mean():.1%}); "
           f"faithful clauses flagged {flag[faithful].mean():.2%} "
           f"(hand {old[faithful].mean():.2%}); n={len(rows)} ({int(y.sum())} unrendered)")
    for name, m in (("between punctuation", ~run), ("unlinked runs", run)):
        if m.any():
            out += (f"; {name}: found {flag[m & (y == 1)].mean():.1%} of {int((m & (y == 1)).sum())}, "
                    f"faithful flagged {flag[m & faithful].mean():.2%} of {int((m & faithful).sum())}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--max-faithful", type=float, default=0.0,
                    help="share of faithful training clauses flagged (default 0: the hand thresholds' share)")
    ap.add_argument("--max-faithful-run", type=float, default=RUN_SHARE,
                    help=f"share of faithful training runs of unlinked words flagged (default {RUN_SHARE})")
    ap.add_argument("--tables", type=Path, default=None,
                    help="link with the table and null rates in this folder (benchmarks/tables_without.py)")
    args = ap.parse_args(argv)
    if args.tables:
        from tables_without import use_tables

        use_tables(args.tables)
    rows = built_rows(build)
    if rows is None:
        return 0
    model, train, p = fit_logistic(rows, list(C.CHUNK_FEATURES))
    run = np.array([r["x"]["run"] > 0 for r in rows])
    faithful_train = np.array([r["how"] == "faithful" for r in rows]) & train
    # chunks between punctuation keep the operating point of the hand thresholds (their share of
    # flagged faithful chunks); runs of unlinked words, new candidates, have their own
    hand = float(np.mean([r["old"] for r, f in zip(rows, faithful_train & ~run, strict=True) if f]))
    share = args.max_faithful or hand
    thr = float(np.quantile(p[faithful_train & ~run], 1 - share))
    thr_run = float(np.quantile(p[faithful_train & run], 1 - args.max_faithful_run))
    model["threshold"] = round(thr, 4)
    # an added clause is judged at the hand thresholds' rate: translators add for clarity, and the
    # built data cannot tell an addition from an omission (each pair serves both ways round)
    model["threshold_addition"] = round(max(thr, float(np.quantile(p[faithful_train & ~run], 1 - hand))), 4)
    model["threshold_run"] = round(thr_run, 4)
    print(f"threshold {thr:.4f} (faithful training clauses flagged at most {share:.2%}); for additions "
          f"{model['threshold_addition']:.4f} (at most {hand:.2%}, the hand thresholds' rate); for runs of "
          f"unlinked words {thr_run:.4f} (at most {args.max_faithful_run:.2%} of faithful runs)")
    for q in (0.001, 0.002, 0.005, 0.01, 0.02):
        t = float(np.quantile(p[faithful_train & run], 1 - q))
        held = figures([r for r, tr in zip(rows, train, strict=True) if not tr], p[~train], thr, t)
        print(f"  runs at {q:.1%} of faithful training runs ({t:.4f}): held out", held.split("; ")[-1])
    finish(model, rows, train, p, lambda rs, ps: figures(rs, ps, thr, thr_run),
           path=C.MODEL_PATH if args.write else None,
           data="parallel/ntrex.tsv (NTREX-128, CC BY-SA 4.0): sentence pairs, one clause of one side "
                "deleted; one document in five held out (zlib.crc32(doc id) % 5 == 0)",
           command="python benchmarks/clause_fit/fit.py --write")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
