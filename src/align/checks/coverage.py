"""Omissions, additions and weak pairs, from the alignment and sentence embeddings.

Three signals, each cheap because every vector comes from the embedding cache:

* a 1-0 bead is an original sentence with no counterpart (``omission``); a 0-1 bead is a
  translation sentence with none (``addition``). Confidence grows with how unlike its neighbours'
  counterparts the sentence is, so a sentence the aligner merely failed to place is not shouted
  about.
* inside a many-sentence bead, a sentence whose removal *raises* the bead's similarity and that is
  itself unlike the other side was carried along by a merge: it is flagged with its span. This is
  what catches a dropped sentence that the aligner folded into its neighbour's bead.
* a bead whose similarity is far below the document's typical similarity for a bead of its size is
  a possible ``mistranslation`` (an outlier test on the document's own distribution, so it adapts
  to the embedder and to free translation styles).
"""

from __future__ import annotations

import numpy as np

from align.checks import merged
from align.checks.base import Check
from align.checks.clauses import content_size, dictionary_coverage
from align.checks.context import CheckContext
from align.types import Flag, joiner

# Sentences shorter than this (characters) are "short": their flags are minor, since a missing
# "Yes." or "他说。" rarely changes the meaning and their embeddings are unreliable.
SHORT_CHARS = {"en": 25, "zh": 8}


def _robust_stats(values: np.ndarray) -> tuple[float, float]:
    if values.size == 0:
        return 0.0, 1.0
    med = float(np.median(values))
    mad = float(np.median(np.abs(values - med))) * 1.4826
    return med, max(mad, 0.03)


def coverage_check(ctx: CheckContext) -> dict[int, list[Flag]]:
    """Flags of kinds omission, addition and mistranslation for every bead of ``ctx``."""
    out: dict[int, list[Flag]] = {}
    beads = ctx.beads
    paired = np.array([b.score for b in beads if not b.is_null], dtype=np.float64)
    med, spread = _robust_stats(paired)

    outliers: dict[int, float] = {}  # bead → z of its similarity, for the "far less similar" flag
    for i, bead in enumerate(beads):
        flags: list[Flag] = []
        if not bead.target:
            for k in bead.source:
                flags.append(_null_flag(ctx, i, "source", k, med, spread))
        elif not bead.source:
            for k in bead.target:
                flags.append(_null_flag(ctx, i, "target", k, med, spread))
        else:
            flags.extend(_inside_bead(ctx, i, med))
            if not any(f.kind in ("omission", "addition") for f in flags):
                z = (bead.score - med) / spread
                if z < -3.0 and bead.score < med - 0.3:
                    outliers[i] = z
        if flags:
            out[i] = flags
    for i in _confirmed(ctx, outliers):
        z, score = outliers[i], beads[i].score
        conf = float(np.clip((-z - 3.0) / 3.0 + 0.5, 0.5, 0.95))
        out.setdefault(i, []).append(
            Flag(
                "mistranslation",
                "major" if z < -4.5 else "minor",
                round(conf, 3),
                f"translation is far less similar to the original than usual in this document "
                f"(similarity {score:.2f} vs typical {med:.2f}); check the meaning",
            )
        )
    return out


# A second opinion on a bead that the sentence vectors call an outlier: multilingual e5 (a different
# model, trained otherwise) on the same bead and on up to this many other beads of the document.
# USE misses idioms that e5 reads (国内批评人士说，这样的开支难以为继 for "Critics at home say the
# spending is unsustainable": USE 0.45 against a typical 0.75, e5 0.87 against a typical 0.87).
SECOND_OPINION_SAMPLE = 24
SECOND_OPINION_Z = -2.0


def _confirmed(ctx: CheckContext, outliers: dict[int, float]) -> list[int]:
    """The outlier beads that e5 also finds far less similar than the document's other beads."""
    if not outliers:
        return []
    beads = ctx.beads
    others = [k for k, b in enumerate(beads) if not b.is_null and k not in outliers]
    if len(others) < 5:
        return sorted(outliers)  # too few beads to say what is typical for e5
    step = max(1, len(others) // SECOND_OPINION_SAMPLE)
    sample = others[::step][:SECOND_OPINION_SAMPLE]
    ids = sorted(outliers) + sample
    texts = [ctx.bead_texts(k) for k in ids]
    try:
        e5 = ctx.resources.second_opinion()
        src = e5.encode([t[0] for t in texts])
        tgt = e5.encode([t[1] for t in texts])
    except Exception:  # noqa: BLE001 - a second opinion that cannot be had changes nothing
        return sorted(outliers)
    sims = (src * tgt).sum(axis=1)
    med, spread = _robust_stats(sims[len(outliers) :])
    ranked = sorted(outliers)
    return [k for k, sim in zip(ranked, sims, strict=False) if (sim - med) / spread < SECOND_OPINION_Z]


def _null_flag(ctx: CheckContext, i: int, side: str, k: int, med: float, spread: float) -> Flag:
    """An unpaired sentence: how sure are we it really has no counterpart nearby?"""
    doc = ctx.source if side == "source" else ctx.target
    sent = doc.sentences[k]
    best = ctx.best_nearby_similarity(side, k)
    # confidence: 1 when the sentence is as unlike everything nearby as random text, lower as it
    # approaches the document's typical pair similarity (then the aligner may just have missed it)
    conf = float(np.clip((med - best) / max(med - 0.1, 0.1), 0.05, 1.0))
    short = len(sent.text) < SHORT_CHARS.get(doc.lang, 20)
    severity = "minor" if short else ("major" if conf < 0.6 else "critical")
    span = _sentence_span(ctx, i, side, k)
    if side == "source":
        msg = f"original sentence {sent.id} has no counterpart in the translation (omitted?)"
        return Flag("omission", severity, round(conf, 3), msg, source_span=span)
    msg = f"translation sentence {sent.id} has no counterpart in the original (added?)"
    return Flag("addition", severity, round(conf, 3), msg, target_span=span)


def _sentence_span(ctx: CheckContext, i: int, side: str, k: int) -> tuple[int, int]:
    """Offsets of sentence ``k`` inside bead ``i``'s joined text of ``side``."""
    doc = ctx.source if side == "source" else ctx.target
    ids = ctx.beads[i].source if side == "source" else ctx.beads[i].target
    sep = joiner(doc.lang)
    pos = 0
    for kk in ids:
        t = doc.sentences[kk].text
        if kk == k:
            return (pos, pos + len(t))
        pos += len(t) + len(sep)
    raise ValueError(f"sentence {k} not in bead {i}")


def _inside_bead(ctx: CheckContext, i: int, med: float) -> list[Flag]:
    """Leave-one-out on the longer side of a merged bead: which sentence carries no meaning across?

    The learned model of ``align.checks.merged`` judges each sentence from its own similarity with the
    other side, the bead's gain without it and its dictionary coverage against the rest's; it
    replaced a hand rule (alone < 0.35 and a gain of 0.04, or a long sentence with 10 % coverage) that
    found 66 % of the dropped sentences of held-out NTREX beads, against 92 % at the same rate of
    flagged merges (``benchmarks/merged_fit/fit.py``).
    """
    bead = ctx.beads[i]
    flags: list[Flag] = []
    model = merged.load_model()
    for side, ids, other_ids in (("source", bead.source, bead.target), ("target", bead.target, bead.source)):
        if len(ids) < 2:
            continue
        doc = ctx.source if side == "source" else ctx.target
        other_vec = ctx.window_vector("target" if side == "source" else "source", other_ids)
        full = float(ctx.window_vector(side, ids) @ other_vec)
        other_text = ctx.bead_texts(i)[1 if side == "source" else 0]
        texts = {k: doc.sentences[k].text for k in ids}
        sizes = {k: content_size(texts[k], doc.lang) for k in ids}
        sep = joiner(doc.lang)
        for k in ids:
            rest = tuple(x for x in ids if x != k)  # dropping a middle sentence joins the two halves
            row = merged.sentence_features(
                alone=float(ctx.sentence_vector(side, k) @ other_vec),
                full=full,
                without=float(ctx.window_vector(side, rest) @ other_vec),
                median=med,
                cov=dictionary_coverage(texts[k], doc.lang, other_text),
                cov_rest=dictionary_coverage(sep.join(texts[x] for x in rest), doc.lang, other_text),
                size=sizes[k],
                size_rest=sum(sizes[x] for x in rest),
                lang=doc.lang,
                side=side,
            )
            p = merged.probability(row, model)
            if p < model["threshold"]:
                continue
            sent = doc.sentences[k]
            # the confidence stays on the scale the risk and flag models were fit on
            conf = round(float(np.clip(0.5 + 4 * row["gain"], 0.5, 0.95)), 3)
            span = _sentence_span(ctx, i, side, k)
            sev = "minor" if len(sent.text) < SHORT_CHARS.get(doc.lang, 20) else "major"
            if side == "source":
                msg = f"original sentence {sent.id} seems to have no counterpart in the translation"
                flags.append(Flag("omission", sev, conf, msg, source_span=span))
            else:
                msg = f"translation sentence {sent.id} seems to say something the original does not"
                flags.append(Flag("addition", sev, conf, msg, target_span=span))
    return flags


class CoverageCheck(Check):
    """Whole sentences: unpaired ones (omitted or added) and beads far less similar than usual."""

    name = "coverage"
    kinds = ("omission", "addition", "mistranslation")
    summary = "sentences omitted or added, and pairs far less similar than the document's others"

    def run(self, ctx: CheckContext) -> dict[int, list[Flag]]:
        return coverage_check(ctx)
