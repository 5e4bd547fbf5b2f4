"""Merged beads on the evaluation sets: the learned model (``align.checks.merged``) against the hand rule
it replaced. Run it with python; it prints a table.

Two measurements per set (MAC-Dev chapters, the Bible), on the gold alignment so that the aligner's
own errors do not enter:

* **faithful**: every sentence of the longer side of a gold many-sentence bead (a translator's merge or
  split): a flag there is false. Share flagged.
* **untranslated**: every gold 1-1 bead with the next original line appended to its original side (as
  when a dropped sentence is folded into its neighbour's bead): share of appended lines found.

These sets are measured only: nothing was fit or tuned on them (the model is fit on NTREX,
``benchmarks/merged_fit/fit.py``). Command: ``python benchmarks/bench_merged.py [--sets mac-dev bible]``.
Skips where ../shared/data is absent. About 2 minutes with a warm embedding cache.
"""

from __future__ import annotations

import argparse

import numpy as np

from align.bench.datasets import data_root, load_set
from align.checks import merged
from align.checks.clauses import content_size, dictionary_coverage
from align.embed import get_embedder
from align.types import joiner


def old_rule(alone: float, gain: float, med: float, spread: float, text: str, lang: str, other: str) -> bool:
    """The hand rule of ``coverage._inside_bead`` before the model (commit 369aa37)."""
    if alone >= med - 3.0 * spread or alone >= 0.35:
        return False
    if gain > 0.04:
        return True
    return gain > -0.01 and content_size(text, lang) >= {"en": 6, "zh": 15}[lang] and (
        dictionary_coverage(text, lang, other) <= 0.1)


def judge(  # noqa: ANN201, PLR0913
    ids, lines, lang, other_ids, other_lines, vecs, ovecs, emb, med, spread, side  # noqa: ANN001
):
    """(model, old rule) for each sentence of ``ids`` in the bead ``ids`` ↔ ``other_ids``."""
    sep, osep = joiner(lang), joiner("zh" if lang == "en" else "en")
    other = osep.join(other_lines[k] for k in other_ids)
    ov = ovecs[other_ids[0]] if len(other_ids) == 1 else emb.encode([other])[0]
    texts = [lines[k] for k in ids]
    windows = emb.encode([sep.join(texts)] + [sep.join(t for j, t in enumerate(texts) if j != i)
                                             for i in range(len(texts))])
    full = float(windows[0] @ ov)
    sizes = [content_size(t, lang) for t in texts]
    out = []
    for i, k in enumerate(ids):
        alone, without = float(vecs[k] @ ov), float(windows[1 + i] @ ov)
        rest = sep.join(t for j, t in enumerate(texts) if j != i)
        row = merged.sentence_features(
            alone=alone, full=full, without=without, median=med,
            cov=dictionary_coverage(texts[i], lang, other), cov_rest=dictionary_coverage(rest, lang, other),
            size=sizes[i], size_rest=sum(sizes) - sizes[i], lang=lang, side=side)
        model = merged.probability(row) >= merged.load_model()["threshold"]
        out.append((model, old_rule(alone, without - full, med, spread, texts[i], lang, other)))
    return out


def run(name: str, emb) -> None:  # noqa: ANN001
    faithful, untranslated = [], []
    for d in load_set(name):
        src, tgt = list(d.src_lines), list(d.tgt_lines)
        sv, tv = emb.encode(src), emb.encode(tgt)
        ones = [g for g in d.gold if len(g[0]) == 1 and len(g[1]) == 1]
        sims = np.array([float(sv[g[0][0]] @ tv[g[1][0]]) for g in ones])
        med = float(np.median(sims))
        spread = max(float(np.median(np.abs(sims - med))) * 1.4826, 0.03)
        for s_ids, t_ids in d.gold:
            if not s_ids or not t_ids:
                continue
            if len(s_ids) >= 2:
                faithful += judge(list(s_ids), src, d.src_lang, list(t_ids), tgt, sv, tv, emb, med, spread,
                                  "source")
            if len(t_ids) >= 2:
                faithful += judge(list(t_ids), tgt, d.tgt_lang, list(s_ids), src, tv, sv, emb, med, spread,
                                  "target")
        gold_lines = {k for g in d.gold for k in g[0]}
        for s_ids, t_ids in ones:
            nxt = s_ids[0] + 1
            if nxt in gold_lines and nxt < len(src) and len(src[nxt]) >= 12:
                untranslated.append(judge([s_ids[0], nxt], src, d.src_lang, list(t_ids), tgt, sv, tv, emb,
                                          med, spread, "source")[1])
    f, u = np.array(faithful), np.array(untranslated)
    print(f"| {name} | {f[:, 0].sum()} / {len(f)} ({f[:, 0].mean():.1%}) "
          f"| {f[:, 1].sum()} ({f[:, 1].mean():.1%}) "
          f"| {u[:, 0].sum()} / {len(u)} ({u[:, 0].mean():.1%}) | {u[:, 1].sum()} ({u[:, 1].mean():.1%}) |",
          flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=["mac-dev", "bible"])
    args = ap.parse_args(argv)
    if data_root() is None:
        print("skipped: ../shared/data not found")
        return 0
    emb = get_embedder("use")
    print("| set | faithful flagged, model | hand rule | untranslated found, model | hand rule |")
    print("|---|---|---|---|---|")
    for name in args.sets:
        run(name, emb)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
