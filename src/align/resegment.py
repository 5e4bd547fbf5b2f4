"""Sentences for a text that lost its sentence punctuation, cut where the other side's sentences end.

OCR output, subtitles, chat logs and some PDF exports carry a Chinese (or English) text with no
。！？ at all. ``segment`` then cuts its run-ons at commas into pieces of about a sentence, but those
pieces straddle the other side's sentence boundaries, and every straddling piece is a false omission
or addition (the demo without 。！？；: 13 flags instead of 4; cutting differently gave 14 and 15).

Here the cut is *guided by the other side*: the run-on side is split into clauses at every clause
mark (，；：、 and their ASCII forms), and a dynamic programme groups consecutive clauses so that each
group matches one sentence of the other side, scoring a group by the cosine of its vector (composed
from the clauses' parts, as the aligner composes windows) with that sentence's. A sentence with no
group (an omission) and clauses that match no sentence (an addition) are allowed, at a fixed
price, so the planted errors stay visible. The groups become the side's sentences, and the usual
aligner and checks run on them.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import regex

from align.embed import Embedder, is_composable
from align.segment import _clean
from align.types import Document, Sentence

# Clause ends: a clause mark and any closing quotes or brackets after it, or a sentence end.
_CLAUSE_END = regex.compile(r"(?:[，,；;：:、]|[。！？!?…]+)[”’」』）)\]]*\s*")
# A group of clauses longer than this is never one sentence (the longest Chinese sentence of
# MAC-Dev has 123 characters, 11 clauses at most).
MAX_CLAUSES = 12
MAX_EXTRA = 4  # clauses in one group that matches nothing (an added sentence)
# Price of leaving a sentence or a group of clauses unmatched, against cosine - MATCH_FLOOR for a
# match: a group that matches worse than the floor is cheaper left out. USE's cosine of a
# sentence with its translation is 0.5-0.8 and with an unrelated sentence 0.0-0.3.
MATCH_FLOOR = 0.3
MAX_CELLS = 4_000_000  # sentences × clauses beyond which the guided cut is not attempted


def clauses(doc: Document) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph)`` of each clause of ``doc``, in order, inside its sentences."""
    out = []
    for s in doc.sentences:
        text = doc.text[s.start : s.end]
        pos = 0
        for m in _CLAUSE_END.finditer(text):
            if m.end() - pos >= 2:
                out.append((s.start + pos, s.start + m.end(), s.paragraph))
                pos = m.end()
        if s.end - (s.start + pos) > 0 and text[pos:].strip():
            out.append((s.start + pos, s.end, s.paragraph))
        elif out and pos < len(text):
            a, _, p = out[-1]
            out[-1] = (a, s.end, p)
    return out


def guided(rough: Document, guide: Document, emb: Embedder) -> Document | None:
    """``rough`` re-cut into sentences that match ``guide``'s, or None when it cannot be done (an
    embedder that cannot compose windows, a text too long for the full table, nothing to gain)."""
    if not is_composable(emb) or not guide.sentences:
        return None
    spans = clauses(rough)
    n, m = len(guide), len(spans)
    if m < 2 or n * m > MAX_CELLS:
        return None
    texts = [rough.text[a:b].strip() for a, b, _ in spans]
    parts = emb.encode_parts(texts)  # type: ignore[attr-defined]
    g_parts = emb.encode_parts([s.text for s in guide.sentences])  # type: ignore[attr-defined]
    g = emb.compose(g_parts, np.ones(n), guide.lang)  # type: ignore[attr-defined]
    cum = np.vstack([np.zeros((1, parts.shape[1]), parts.dtype), np.cumsum(parts, axis=0, dtype=np.float64)])
    paras = np.array([p for _, _, p in spans])
    # window vectors w[j, k-1]: clauses j .. j+k-1 (never across a paragraph of the rough side)
    win = np.full((m, MAX_CLAUSES, g.shape[1]), np.nan, dtype=np.float32)
    for k in range(1, MAX_CLAUSES + 1):
        starts = np.arange(0, m - k + 1)
        if not len(starts):
            break
        ok = paras[starts] == paras[starts + k - 1]
        starts = starts[ok]
        if not len(starts):
            continue
        sums = (cum[starts + k] - cum[starts]).astype(np.float32)
        win[starts, k - 1] = emb.compose(sums, np.full(len(starts), k), rough.lang)  # type: ignore[attr-defined]
    score = np.full((n + 1, m + 1), -np.inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    score[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = score[i, j]
            if here == -np.inf:
                continue
            if i < n and here > score[i + 1, j]:  # sentence i matched by nothing (an omission)
                score[i + 1, j], back[(i + 1, j)] = here, (i, j)
            for k in range(1, MAX_EXTRA + 1):  # clauses j.. matched by nothing (an addition)
                if j + k > m or np.isnan(win[j, k - 1, 0]):
                    break
                if here > score[i, j + k]:
                    score[i, j + k], back[(i, j + k)] = here, (i, j)
            if i < n:
                for k in range(1, min(MAX_CLAUSES, m - j) + 1):
                    if np.isnan(win[j, k - 1, 0]):
                        break
                    val = here + float(win[j, k - 1] @ g[i]) - MATCH_FLOOR
                    if val > score[i + 1, j + k]:
                        score[i + 1, j + k], back[(i + 1, j + k)] = val, (i, j)
    groups: list[tuple[int, int, int]] = []  # clauses [a, b) and the guide sentence matched (-1: none)
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[(i, j)]
        if j > pj:
            groups.append((pj, j, pi if pi < i else -1))
        i, j = pi, pj
    groups.reverse()
    if len(groups) == len(rough.sentences):
        return None
    cuts = [(spans[a][0], spans[b - 1][1], spans[a][2], gi) for a, b, gi in groups]
    cuts = _refine(rough, guide, cuts, emb, g)
    cuts = _split_extras(rough, cuts, emb, g)
    sentences = []
    for start, end, para, _ in cuts:
        raw = rough.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        start, end = start + lead, start + lead + len(raw.strip())
        side = rough.sentences[0].side
        sentences.append(
            Sentence(side, len(sentences), _clean(rough.text[start:end], rough.lang), para, start, end)
        )
    return dataclasses.replace(rough, sentences=tuple(sentences))


def _word_ends(text: str, start: int, end: int, lang: str) -> list[int]:
    """Offsets in ``text[start:end]`` where a word ends (jieba for Chinese, spaces for English)."""
    if lang == "zh":
        from align.text.zh import zh_words

        return [start + e for _, _, e in zh_words(text[start:end])][:-1]
    return [start + m.end() for m in regex.finditer(r"\s+", text[start:end])]


def _refine(rough: Document, guide: Document, cuts: list, emb: Embedder, g: np.ndarray) -> list:
    """Move each border between two matched groups to the word where both match their sentences best.

    A text that lost its full stops often has no clause mark where a sentence ended (…1954年以来最大
    幅度的军费增长下一财年的国防预算…): the clause grouping then puts the border one clause off. The
    border may move anywhere inside the clause before it and the clause after it; every candidate
    pair of texts is embedded (about twenty short texts per border, once).
    """
    if not cuts:
        return cuts
    done: list = []
    cur = cuts[0]
    for nxt in cuts[1:]:
        pieces = _border(rough, cur, nxt, emb, g)
        done.extend(pieces[:-1])
        cur = pieces[-1]
    done.append(cur)
    return done


def _border(rough: Document, a: tuple, b: tuple, emb: Embedder, g: np.ndarray) -> list:
    """The best border between groups ``a`` and ``b`` (maybe with an unmatched piece between)."""
    a0, a1, pa, ga = a
    b0, b1, pb, gb = b
    if ga < 0 or gb <= ga or pa != pb:
        return [a, b]
    lo = _clause_starts(rough.text, a0, a1)[-1]
    b_inner = _clause_starts(rough.text, b0, b1)
    hi = b_inner[1] if len(b_inner) > 1 else b1
    cands = [c for c in _word_ends(rough.text, lo, hi, rough.lang) if a0 < c < b1]
    if len(cands) < 2:
        return [a, b]
    left = [rough.text[a0:c].strip() for c in cands]
    right = [rough.text[c:b1].strip() for c in cands]
    vecs = emb.encode(left + right)
    sim_a, sim_b = vecs[: len(cands)] @ g[ga], vecs[len(cands) :] @ g[gb]
    best = int(np.argmax(sim_a + sim_b))
    # or a sentence of neither between them (an addition glued to both): a ends at c1, b starts at c2
    least = EXTRA_MIN[rough.lang]
    extra, pair = -np.inf, None
    for x, c1 in enumerate(cands):
        for y in range(x + 1, len(cands)):
            if cands[y] - c1 >= least and sim_a[x] + sim_b[y] > extra:
                extra, pair = float(sim_a[x] + sim_b[y]), (x, y)
    if pair is not None and extra - float(sim_a[best] + sim_b[best]) >= EXTRA_GAIN:
        c1, c2 = cands[pair[0]], cands[pair[1]]
        return [(a0, c1, pa, ga), (c1, c2, pa, -1), (c2, b1, pb, gb)]
    c = cands[best]
    return [(a0, c, pa, ga), (c, b1, pb, gb)]


# A head or tail of a group is split off as a sentence of its own (one the other side does not have)
# when the rest matches its sentence this much better without it, and the piece is this long.
EXTRA_GAIN = 0.1
EXTRA_MIN = {"zh": 8, "en": 30}


def _split_extras(rough: Document, cuts: list, emb: Embedder, g: np.ndarray) -> list:
    """Split an added sentence off the group it was glued to (no full stop between them).

    Only groups that match their sentence worse than the median group are tried; each cut at a
    word end leaving a head and a tail of at least ``EXTRA_MIN`` characters is scored by how much
    better the rest matches alone.
    """
    matched = [k for k, c in enumerate(cuts) if c[3] >= 0]
    if len(matched) < 3:
        return cuts
    whole = emb.encode([rough.text[cuts[k][0] : cuts[k][1]].strip() for k in matched])
    sims = np.array([float(whole[n] @ g[cuts[k][3]]) for n, k in enumerate(matched)])
    median = float(np.median(sims))
    least = EXTRA_MIN[rough.lang]
    out = list(cuts)
    for n, k in sorted(enumerate(matched), key=lambda x: -x[1]):  # from the end: indices stay valid
        if sims[n] >= median:
            continue
        start, end, para, gi = out[k]
        cands = [
            c
            for c in _word_ends(rough.text, start, end, rough.lang)
            if c - start >= least and end - c >= least
        ]
        if not cands:
            continue
        heads = [rough.text[start:c].strip() for c in cands]
        tails = [rough.text[c:end].strip() for c in cands]
        vecs = emb.encode(heads + tails)
        keep_head = vecs[: len(cands)] @ g[gi] - sims[n]  # the tail is the extra
        keep_tail = vecs[len(cands) :] @ g[gi] - sims[n]  # the head is the extra
        best_h, best_t = int(np.argmax(keep_head)), int(np.argmax(keep_tail))
        if max(keep_head[best_h], keep_tail[best_t]) < EXTRA_GAIN:
            continue
        if keep_head[best_h] >= keep_tail[best_t]:
            c = cands[best_h]
            out[k : k + 1] = [(start, c, para, gi), (c, end, para, -1)]
        else:
            c = cands[best_t]
            out[k : k + 1] = [(start, c, para, -1), (c, end, para, gi)]
    return out


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    """Where each clause of ``text[start:end]`` starts."""
    starts = [start]
    for m in _CLAUSE_END.finditer(text, start, end):
        if m.end() < end:
            starts.append(m.end())
    return starts
