"""The sentence-alignment metric Bertalign and Vecalign report, so our numbers compare with theirs.

Definition (``/work/shared/data/README.md``): counts are pooled over all documents of a set, then
strict and lax precision, recall and F1 are computed once.

* **Precision** — over every predicted bead not empty on both sides (``[]:[]`` is ignored). A bead
  is *strict*-correct if the identical bead (same source ids, same target ids) is in gold. Otherwise
  it is *lax*-correct if its target ids intersect the target ids gold links to any of its source
  ids. Lax counts include the strict-correct beads.
* **Recall** — drop every null bead (1-0, 0-1) from gold and prediction, then score each gold bead
  against the prediction the same way, roles swapped.
* F1 = 2PR/(P+R); any 0/0 is reported as 0.0 (as the reference implementation does).

Interpretation, made explicit because the prose leaves it implicit:

* "The target ids gold links to source id *s*" is the union of the target sides of the gold beads
  containing *s*. Hence a bead ``S:T`` is lax-correct iff some reference bead ``S':T'`` has
  ``S ∩ S' ≠ ∅`` and ``T ∩ T' ≠ ∅`` — it shares at least one source *and* one target sentence with
  one reference bead. The condition is symmetric, so it reads the same in both directions.
* Null beads need no special case: a predicted ``[]:[3]`` has no source id, so gold links it to no
  target; a predicted ``[3]:[]`` has no target id to intersect with. Either is correct (strict and
  lax) only when the identical null bead is in gold — exactly the README's null rule. A gold null
  bead likewise only matches itself; gold null beads contribute nothing to the source→target links.
* Recall direction: each non-null gold bead is the one being judged and the non-null predicted
  beads are the reference. Strict: the identical bead is predicted. Lax: the gold bead's target
  ids intersect the target ids the prediction links to its source ids. A source sentence the
  prediction leaves in a 1-0 bead is dropped with the nulls, so it links to nothing.
* Beads are counted as listed, not deduplicated (a valid alignment never repeats a bead; the
  reference implementation's set conversion only differs on malformed input).

For the Bible, whose gold is verse-level, consecutive predicted beads inside one verse are merged
first (:func:`merge_by_verse`); pass ``verse=`` to :func:`score`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


def _bead(b: Any) -> BeadPair:
    """Accept ``(src, tgt)`` pairs of int sequences or any object with ``.source``/``.target``
    (such as :class:`align.types.Bead`), so callers need not convert before scoring."""
    if hasattr(b, "source") and hasattr(b, "target"):
        src, tgt = b.source, b.target
    else:
        try:
            src, tgt = b
        except (TypeError, ValueError):
            raise TypeError(
                f"a bead must be a (source_ids, target_ids) pair, got {b!r} "
                "(did you pass one document's beads where a list of documents is expected?)"
            ) from None
    try:
        return tuple(int(i) for i in src), tuple(int(i) for i in tgt)
    except TypeError:
        raise TypeError(
            f"a bead must be a (source_ids, target_ids) pair of int sequences, got {b!r} "
            "(did you pass one document's beads where a list of documents is expected?)"
        ) from None


@dataclass(frozen=True, slots=True)
class Scores:
    """Strict and lax P/R/F1 plus the pooled counts they come from.

    The counts are kept so results of several runs can be pooled again, and so a surprising figure
    can be traced to "how many beads" rather than only a ratio.
    """

    strict_p: float
    strict_r: float
    strict_f1: float
    lax_p: float
    lax_r: float
    lax_f1: float
    n_pred: int  # predicted beads judged for precision (not empty on both sides)
    n_pred_strict: int  # of which strict-correct
    n_pred_lax: int  # of which lax-correct (includes strict)
    n_gold: int  # non-null gold beads judged for recall
    n_gold_strict: int
    n_gold_lax: int

    def as_dict(self) -> dict[str, float | int]:
        """Plain dict (field name → value), e.g. for a results table or JSON."""
        return asdict(self)


def _judge(judged: Sequence[BeadPair], reference: Sequence[BeadPair]) -> tuple[int, int, int]:
    """Count ``(n, strict, lax)`` over ``judged`` beads against ``reference`` (both one document).

    ``[]:[]`` beads are skipped on both sides; see the module docstring for the rules.
    """
    ref = [b for b in reference if b[0] or b[1]]
    ref_set = set(ref)
    links: dict[int, set[int]] = defaultdict(set)
    for src, tgt in ref:
        for s in src:
            links[s].update(tgt)
    n = strict = lax = 0
    for src, tgt in judged:
        if not src and not tgt:
            continue
        n += 1
        if (src, tgt) in ref_set:
            strict += 1
            lax += 1
            continue
        linked: set[int] = set()
        for s in src:
            linked |= links.get(s, set())
        if linked.intersection(tgt):
            lax += 1
    return n, strict, lax


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _verse_of(bead: BeadPair, src_verse: Sequence[Hashable], tgt_verse: Sequence[Hashable]) -> Hashable:
    """The single verse a bead lies in, or ``None`` if it spans verses (or is ``[]:[]``).

    Each side must lie within one verse; a null side takes the other side's verse; and the two
    sides' verses must agree, because a bead pairing verse 3 with verse 4 is not inside any verse.
    """
    src, tgt = bead
    try:
        sv = {src_verse[i] for i in src}
        tv = {tgt_verse[i] for i in tgt}
    except IndexError:
        raise ValueError(
            f"bead {bead} refers to a line beyond the verse lists "
            f"({len(src_verse)} source, {len(tgt_verse)} target lines)"
        ) from None
    if len(sv) > 1 or len(tv) > 1 or not (sv or tv):
        return None
    if not sv:
        return next(iter(tv))
    if not tv:
        return next(iter(sv))
    return next(iter(sv)) if sv == tv else None


def merge_by_verse(
    beads: Iterable[Any], src_verse: Sequence[Hashable], tgt_verse: Sequence[Hashable]
) -> list[BeadPair]:
    """Merge runs of consecutive beads that lie inside the same verse into one bead.

    The Bible gold aligns verses, not sentences, so a correct sentence-level split of one verse
    would otherwise count as wrong. A bead lies inside verse *v* when all its source lines and all
    its target lines have verse id *v* (a null side takes the other side's verse); consecutive
    beads inside the same verse are concatenated side by side. Beads spanning verses, or whose two
    sides are in different verses, are kept as they are and break a run. This is the merge
    Bertalign's Bible evaluation applies, so the published 0.979 is reproducible.

    ``src_verse[i]`` / ``tgt_verse[i]`` are the verse ids of source / target line ``i``.
    """
    out: list[BeadPair] = []
    last: Hashable = None
    for b in beads:
        bead = _bead(b)
        v = _verse_of(bead, src_verse, tgt_verse)
        if v is not None and v == last:
            src, tgt = out[-1]
            out[-1] = (src + bead[0], tgt + bead[1])
        else:
            out.append(bead)
        last = v
    return out


def score(
    pred_docs: Sequence[Iterable[Any]],
    gold_docs: Sequence[Iterable[Any]],
    *,
    verse: Sequence[tuple[Sequence[Hashable], Sequence[Hashable]] | None] | None = None,
) -> Scores:
    """Score predicted alignments against gold, pooling counts over documents.

    ``pred_docs[k]`` and ``gold_docs[k]`` are the bead lists of document ``k`` (beads as
    ``(src_ids, tgt_ids)`` or objects with ``.source``/``.target``). Pooling, not averaging
    per-document scores, is what the published figures use: long chapters weigh more.

    ``verse``, if given, is parallel to the documents: ``verse[k] = (src_verse, tgt_verse)`` (each
    line's verse id) merges document ``k``'s predicted beads with :func:`merge_by_verse` before
    scoring; ``None`` for a document leaves it unmerged. Gold is never merged.
    """
    if len(pred_docs) != len(gold_docs):
        raise ValueError(f"{len(pred_docs)} predicted documents but {len(gold_docs)} gold documents")
    if verse is not None and len(verse) != len(gold_docs):
        raise ValueError(f"verse has {len(verse)} entries but there are {len(gold_docs)} documents")

    pn = ps = pl = rn = rs = rl = 0
    for k, (pred_raw, gold_raw) in enumerate(zip(pred_docs, gold_docs, strict=True)):
        pred = [_bead(b) for b in pred_raw]
        gold = [_bead(b) for b in gold_raw]
        if verse is not None and verse[k] is not None:
            src_v, tgt_v = verse[k]
            pred = merge_by_verse(pred, src_v, tgt_v)
        n, s, lx = _judge(pred, gold)
        pn, ps, pl = pn + n, ps + s, pl + lx
        pred_nn = [b for b in pred if b[0] and b[1]]
        gold_nn = [b for b in gold if b[0] and b[1]]
        n, s, lx = _judge(gold_nn, pred_nn)
        rn, rs, rl = rn + n, rs + s, rl + lx

    sp, sr = _ratio(ps, pn), _ratio(rs, rn)
    lp, lr = _ratio(pl, pn), _ratio(rl, rn)
    return Scores(
        strict_p=sp,
        strict_r=sr,
        strict_f1=_f1(sp, sr),
        lax_p=lp,
        lax_r=lr,
        lax_f1=_f1(lp, lr),
        n_pred=pn,
        n_pred_strict=ps,
        n_pred_lax=pl,
        n_gold=rn,
        n_gold_strict=rs,
        n_gold_lax=rl,
    )


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """ROC-AUC by the rank-sum (Mann-Whitney) formula, ties counting half.

    The checks' benchmarks and the risk fit rank beads by risk against labels; one implementation
    keeps their figures comparable. NaN when either class is empty.
    """
    import numpy as np

    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = s.argsort(kind="mergesort")
    ordered = s[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and ordered[j + 1] == ordered[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
