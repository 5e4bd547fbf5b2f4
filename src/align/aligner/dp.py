"""Sentence alignment: monotone beads of up to 4 sentences a side, including 1-0 and 0-1.

Two passes, both dynamic programming restricted to a band so cost grows linearly with length:

1. **Anchor pass** (1-1, 1-0, 0-1 only) on single-sentence vectors. Short documents get a full
   similarity matrix; long ones are first aligned at a coarse resolution (vectors of blocks of
   sentences) and the fine pass runs only in a band around the coarse path. No n-by-m matrix is
   ever built for long texts.
2. **Bead pass**: all bead shapes, in a narrow band around the anchor path. Multi-sentence windows
   are scored with vectors of the joined text, made only next to sentences the anchor pass was
   unsure of (embedded, or composed from sentence parts when the embedder can: see
   ``align.embed.use``); elsewhere the normalised sum of sentence vectors stands in.

The anchor pass scores a pair by its cosine minus the mean similarity of both sentences' nearest
neighbours (a margin, as in Bertalign and Vecalign: it cancels "hub" sentences that are similar to
everything). The bead pass scores a bead by the cosine of the joined texts plus a log-probability
of the zh/en length ratio (subtracting the margin there too lowered MAC-Dev strict F1 from 0.884 to
0.866). The length model's centre is moved to the document's own overall length ratio (clipped
to ``LENGTH_ADAPT_MAX`` around the prior): translators differ (the MAC-Dev chapters range from
1.22 to 1.57 in log(en chars / zh chars)), and a prior centred on the wrong ratio pushes boundary
sentences into the wrong neighbour. Every bead counts once, whatever its size, and a sentence left
without counterpart costs ``skip``: a merge must earn its place against a 1-1 bead plus a skipped
sentence. The levers tried and their measured effects are in benchmarks/RESULTS.md and
benchmarks/align_tuning/README.md.

Cost: the scores of a block of band rows are computed at once (one matrix product for a few rows
and the band columns they span, ``band_products``), and each row of the DP takes its best
predecessor over all bead shapes in one step. Python then loops once per row, not once per row
and shape: on the Bible the dynamic programming of both passes fell from 11-14 s to 2.3-2.6 s,
and the beads stayed the same (benchmarks/RESULTS.md, issue 18, seventh session).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from align.types import Bead

# Length model fit on MAC-Dev gold beads (benchmarks/fit_length.py): log(en chars / zh chars).
LENGTH_MODEL = {("zh", "en"): (1.35, 0.35), ("en", "zh"): (-1.35, 0.35)}
SAME_LANG_LENGTH = (0.0, 0.3)
# How far the document's own length ratio may move the prior's centre (log units). Clipping keeps a
# largely omitted or padded translation from dragging the model somewhere no bead fits.
LENGTH_ADAPT_MAX = 0.5

# Coarse resolution used for the anchor pass of long documents.
FULL_MATRIX_LIMIT = 2_500_000  # n*m cells (10 MB of float32) above which we go multi-resolution
COARSE_SIZE = 1200


@dataclass(frozen=True)
class AlignParams:
    """The aligner's knobs. Defaults were chosen on MAC-Dev (see benchmarks/RESULTS.md)."""

    max_side: int = 4  # at most this many sentences on one side of a bead
    max_total: int = 5  # at most this many sentences in a bead
    skip: float = -0.2  # score of one sentence left without counterpart (1-0 / 0-1)
    margin_k: int = 4  # neighbours used for the margin
    length_weight: float = 0.04  # weight of the length log-probability (benchmarks/align_tuning)
    adapt_length: bool = True  # centre the length model on the document's own length ratio
    window_threshold: float = 0.0  # anchor score above which a 1-1 pair needs no multi-sentence windows
    window_mode: str = "unsure"  # which windows get their own vector: unsure | all | none (summed vectors)
    lexical_weight: float = 0.6  # share of CC-CEDICT dictionary overlap in the vectors (align.aligner.lexvec)
    band: int = 8  # half-width of the bead-pass band around the anchor path (sentences)
    anchor_band: int = 24  # half-width of the fine band around a coarse path
    # opt-in precise mode (``--precise``): weight and centre of the token-level bead score
    # (align.aligner.tokenbonus); 0 = off, because the token vectors cost ~12 ms a sentence
    token_weight: float = 0.0
    token_centre: float = 0.55
    # figures kept with their rendering inside a bead (align.aligner.numberbonus): weight per figure;
    # MAC-Dev 0.8985 -> 0.9000, Bible 0.9833 -> 0.9840 with figures in the dictionary vectors too
    number_weight: float = 0.1
    bead_shapes: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def shapes(self) -> list[tuple[int, int]]:
        """All (source, target) bead sizes allowed, 1-0 and 0-1 included."""
        if self.bead_shapes:
            return list(self.bead_shapes)
        out = [(1, 0), (0, 1)]
        for a in range(1, self.max_side + 1):
            for b in range(1, self.max_side + 1):
                if a + b <= self.max_total:
                    out.append((a, b))
        return out


# ----------------------------------------------------------------------------------------------
# Band: for each source prefix length i (0..n) a contiguous range of target prefix lengths.
# ----------------------------------------------------------------------------------------------


@dataclass
class Band:
    lo: np.ndarray  # (n+1,) int64, inclusive
    hi: np.ndarray  # (n+1,) int64, inclusive

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max()) + 1

    @classmethod
    def around(cls, path: Sequence[tuple[int, int]], n: int, m: int, half: int) -> Band:
        """A monotone band containing every cell of ``path`` widened by ``half`` in both directions."""
        lo = np.full(n + 1, m + 1, dtype=np.int64)
        hi = np.full(n + 1, -1, dtype=np.int64)
        for i, j in path:
            a, b = max(0, i - half), min(n, i + half)
            lo[a : b + 1] = np.minimum(lo[a : b + 1], j - half)
            hi[a : b + 1] = np.maximum(hi[a : b + 1], j + half)
        lo = np.clip(lo, 0, m)
        hi = np.clip(hi, 0, m)
        # make monotone and connected: lo non-decreasing from the end, hi non-decreasing from the start
        hi = np.maximum.accumulate(hi)
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        lo[0], hi[n] = 0, m
        # each row must reach the next row's lo (connectivity for 1-0/0-1 steps)
        hi[:-1] = np.maximum(hi[:-1], lo[1:])
        return cls(lo, hi)

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))


# ----------------------------------------------------------------------------------------------
# Generic banded DP over bead shapes.
# ----------------------------------------------------------------------------------------------

ScoreFn = Callable[[int, int, int, np.ndarray], np.ndarray]
"""score(a, b, i, js) -> scores of beads covering src[i-a:i] and tgt[j-b:j] for each j in js."""
BlockScoreFn = Callable[[int, int, int, int], np.ndarray]
"""block_score(a, b, r0, r1) -> array (r1 - r0, band width): at [r - r0, k] the score of the bead of
``a`` source sentences ending before r and ``b`` target sentences ending before ``band.lo[r] + k``.
Cells past a row's band, and beads that would start before a text's beginning, are never read."""

# Scores precomputed per block of rows: about this many cells (all shapes together) at once.
BLOCK_CELLS = 1 << 21


def _block_from_rows(score: ScoreFn, band: Band) -> BlockScoreFn:
    """A ``block_score`` that asks ``score`` one row at a time (for callers that score by rows)."""
    width = band.width

    def block(a: int, b: int, r0: int, r1: int) -> np.ndarray:
        out = np.zeros((r1 - r0, width))
        for r in range(max(r0, a), r1):
            lo, hi = int(band.lo[r]), int(band.hi[r])
            j0 = max(lo, b)
            if hi >= j0:
                out[r - r0, j0 - lo : hi - lo + 1] = score(a, b, r, np.arange(j0, hi + 1))
        return out

    return block


SUB_ROWS = 32  # rows per matrix product in band_products: the rectangle around a band stays thin


def band_products(
    band: Band,
    r0: int,
    r1: int,
    a: int,
    b: int,
    xs: Callable[[np.ndarray], np.ndarray],
    ys: Callable[[int, int], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Dot products of the source vector of each row and the target vector of each band cell.

    For rows ``r0 .. r1 - 1`` (from ``a`` on) and their cells ``j = band.lo[r] + k`` (from ``b`` on):
    ``xs(rows)`` gives one vector per row, ``ys(j0, j1)`` one per cell column ``j0 .. j1``. Returns
    the products, shape ``(r1 - r0, band width)``, and which cells hold one. A few rows at a time
    are one matrix product over the columns their band rows span: BLAS instead of a vector
    product per row and bead shape.
    """
    width = band.width
    out = np.zeros((r1 - r0, width), dtype=np.float32)
    valid = np.zeros((r1 - r0, width), dtype=bool)
    ks = np.arange(width)
    for s0 in range(max(r0, a), r1, SUB_ROWS):
        s1 = min(r1, s0 + SUB_ROWS)
        lo, hi = band.lo[s0:s1], band.hi[s0:s1]
        j0, j1 = max(int(lo.min()), b), int(hi.max())
        if j1 < j0:
            continue
        products = xs(np.arange(s0, s1)) @ ys(j0, j1).T
        cols = lo[:, None] + ks[None, :]
        valid[s0 - r0 : s1 - r0] = (cols >= j0) & (cols <= hi[:, None])
        out[s0 - r0 : s1 - r0] = np.take_along_axis(products, np.clip(cols - j0, 0, j1 - j0), axis=1)
    return out, valid


def banded_dp(
    n: int,
    m: int,
    band: Band,
    shapes: list[tuple[int, int]],
    score: ScoreFn | None = None,
    *,
    block_score: BlockScoreFn | None = None,
) -> list[tuple[int, int]]:
    """Best monotone path from (0,0) to (n,m) through the band; returns the bead shapes in order.

    Scores come from ``block_score`` (many rows at once), else from ``score`` row by row. Each row
    takes its best predecessor over all shapes in one step (a Python loop per row and shape made
    the bead pass of a 100,000-sentence text take minutes). Ties go to the earlier shape.
    Memory is O(n * band width): the last few rows, one int8 back-pointer per cell, one block of
    scores.
    """
    if block_score is None:
        if score is None:
            raise TypeError("banded_dp needs score or block_score")
        block_score = _block_from_rows(score, band)
    max_a = max(a for a, _ in shapes)
    width = band.width
    neg = -1e18
    back = np.full((n + 1, width), -1, dtype=np.int8)
    band_lo, band_hi = band.lo.tolist(), band.hi.tolist()
    moving = [(t, a, b) for t, (a, b) in enumerate(shapes) if a > 0]
    t_of = np.array([t for t, _, _ in moving], dtype=np.int8)
    a_of = np.array([a for _, a, _ in moving], dtype=np.int64)
    b_of = np.array([b for _, _, b in moving], dtype=np.int64)
    zero_shapes = [(t, b) for t, (a, b) in enumerate(shapes) if a == 0]
    ks = np.arange(width)
    # the last max_a + 1 rows' best scores, row i in slot i % slots; neg past each row's band
    slots = max_a + 1
    ring = np.full((slots, width), neg)
    lens = [0] * slots
    rows_per_block = max(1, min(n + 1, BLOCK_CELLS // max(1, len(shapes) * width)))
    blk_start, blk = -1, np.zeros((0, 0, 0))
    for i in range(n + 1):
        if i >= blk_start + blk.shape[1] or blk_start < 0:
            blk_start = i
            r1 = min(n + 1, i + rows_per_block)
            blk = np.stack([block_score(a, b, i, r1) for a, b in shapes])  # (shapes, rows, width)
        scores = blk[:, i - blk_start]
        lo, hi = band_lo[i], band_hi[i]
        w = hi - lo + 1
        best = np.full(w, neg)
        arg = np.full(w, -1, dtype=np.int8)
        if i == 0 and lo == 0:
            best[0] = 0.0
        live_shapes = [k for k, (_, a, _) in enumerate(moving) if i - a >= 0]
        if live_shapes:
            sel = np.asarray(live_shapes)
            prev = i - a_of[sel]
            prev_lo = np.array([band_lo[p] for p in prev.tolist()], dtype=np.int64)
            prev_len = np.array([lens[p % slots] for p in prev.tolist()], dtype=np.int64)
            # column of cell (i, lo + k) in row i - a: lo + k - b - lo[i - a]
            offs = (lo - b_of[sel] - prev_lo)[:, None] + ks[None, :w]
            reach = (offs >= 0) & (offs < prev_len[:, None])
            base = ring[(prev % slots)[:, None], np.clip(offs, 0, width - 1)]
            reach &= base > neg / 2
            cand = np.where(reach, base + scores[t_of[sel], :w], neg)
            top = cand.argmax(axis=0)
            value = cand[top, np.arange(w)]
            better = value > best
            best = np.where(better, value, best)
            arg[better] = t_of[sel][top[better]]
        # 0-b shapes move along the row: sequential in j (cheap, one pass per shape size)
        if len(zero_shapes) == 1 and zero_shapes[0][1] == 1:
            # the usual case, a single 0-1 shape: new[k] = max(best[k], new[k-1] + c[k]) in closed
            # form, new = C + cummax(best - C) with C the running sum of the step costs c. One
            # vectorised pass instead of a Python call per cell (the anchor pass of a 1,000 x
            # 1,000 text has a million cells).
            t01 = zero_shapes[0][0]
            c = np.zeros(w)
            c[1:] = scores[t01, 1:w]
            csum = np.cumsum(c)
            reach01 = np.maximum.accumulate(np.where(best > neg / 2, best - csum, neg)) + csum
            # a strict improvement (rounding in the closed form must not fake one on a tie)
            better = (reach01 > best + 1e-9 * (1.0 + np.abs(best))) & (reach01 > neg / 2)
            best = np.where(better, reach01, best)
            arg[better] = t01
        elif zero_shapes:
            for k in range(w):
                for t, b in zero_shapes:
                    if k - b >= 0 and best[k - b] > neg / 2:
                        c = best[k - b] + float(scores[t, k])
                        if c > best[k]:
                            best[k] = c
                            arg[k] = t
        slot = i % slots
        ring[slot, :w] = best
        ring[slot, w:] = neg
        lens[slot] = w
        back[i, :w] = arg
    # trace back
    out: list[tuple[int, int]] = []
    i, j = n, m
    if ring[n % slots][m - band_lo[n]] <= neg / 2:
        raise RuntimeError("no path through the alignment band")  # a bug, not a user error
    while i > 0 or j > 0:
        t = int(back[i, j - band_lo[i]])
        a, b = shapes[t]
        out.append((a, b))
        i, j = i - a, j - b
    out.reverse()
    return out


def shapes_to_beads(shapes: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    i = j = 0
    for a, b in shapes:
        out.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return out


def path_cells(beads: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[tuple[int, int]]:
    cells = [(0, 0)]
    i = j = 0
    for s, t in beads:
        i, j = i + len(s), j + len(t)
        cells.append((i, j))
    return cells


# ----------------------------------------------------------------------------------------------
# Similarities restricted to a band.
# ----------------------------------------------------------------------------------------------


def neighbourhood_means(
    src: np.ndarray, tgt: np.ndarray, band: Band, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mean of each sentence's k best similarities to the other side, within the band.

    A sentence that is close to many others (short, generic, a name) gets a high mean and so needs
    a higher raw cosine to win; the band keeps this linear in document length.
    """
    n, m = src.shape[0], tgt.shape[0]
    mu_s = np.zeros(n, np.float32)
    acc_t = np.zeros((m, k), np.float32) - 1.0
    for r in range(n):
        lo = max(0, int(band.lo[r + 1]) - 1)
        hi = min(m - 1, int(band.hi[r + 1]) - 1)
        if hi < lo:
            continue
        sims = tgt[lo : hi + 1] @ src[r]
        kk = min(k, sims.shape[0])
        mu_s[r] = np.sort(sims)[-kk:].mean()
        # keep the running top-k for each target column
        block = acc_t[lo : hi + 1]
        worst = block.argmin(axis=1)
        rows = np.arange(block.shape[0])
        replace = sims > block[rows, worst]
        block[rows[replace], worst[replace]] = sims[replace]
    valid = acc_t > -1.0
    cnt = np.maximum(valid.sum(axis=1), 1)
    mu_t = np.where(valid, acc_t, 0).sum(axis=1) / cnt
    return mu_s, mu_t.astype(np.float32)


# ----------------------------------------------------------------------------------------------
# Anchor pass.
# ----------------------------------------------------------------------------------------------


def _downsample(v: np.ndarray, factor: int) -> np.ndarray:
    if factor <= 1:
        return v
    n = v.shape[0]
    groups = math.ceil(n / factor)
    out = np.zeros((groups, v.shape[1]), np.float32)
    np.add.at(out, np.arange(n) // factor, v)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def anchor_path(
    src: np.ndarray, tgt: np.ndarray, params: AlignParams
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """1-1/1-0/0-1 alignment of single sentences, multi-resolution for long documents."""
    n, m = src.shape[0], tgt.shape[0]
    if n == 0 or m == 0:
        return shapes_to_beads([(1, 0)] * n + [(0, 1)] * m)
    if n * m <= FULL_MATRIX_LIMIT:
        band = Band.full(n, m)
    else:
        fs = math.ceil(n / COARSE_SIZE)
        ft = math.ceil(m / COARSE_SIZE)
        coarse = anchor_path(_downsample(src, fs), _downsample(tgt, ft), params)
        cells = [(min(n, i * fs), min(m, j * ft)) for i, j in path_cells(coarse)]
        # interpolate inside each coarse step so the fine band follows the diagonal of the block
        dense: list[tuple[int, int]] = []
        for (i0, j0), (i1, j1) in zip(cells, cells[1:], strict=False):
            steps = max(i1 - i0, j1 - j0, 1)
            for s in range(steps):
                dense.append((i0 + (i1 - i0) * s // steps, j0 + (j1 - j0) * s // steps))
        dense.append((n, m))
        band = Band.around(dense, n, m, max(params.anchor_band, fs + ft))
    mu_s, mu_t = neighbourhood_means(src, tgt, band, params.margin_k)

    ks = np.arange(band.width)

    def block(a: int, b: int, r0: int, r1: int) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full((r1 - r0, band.width), params.skip * (a + b))
        sims, valid = band_products(
            band, r0, r1, 1, 1, lambda rows: src[rows - 1], lambda j0, j1: tgt[j0 - 1 : j1]
        )
        rows = np.clip(np.arange(r0, r1), 1, n)
        cols = np.clip(band.lo[r0:r1][:, None] + ks[None, :], 1, m)
        return np.where(valid, 2.0 * (sims - 0.5 * (mu_s[rows - 1][:, None] + mu_t[cols - 1])), 0.0)

    shapes = banded_dp(n, m, band, [(1, 0), (0, 1), (1, 1)], block_score=block)
    return shapes_to_beads(shapes)


# ----------------------------------------------------------------------------------------------
# Bead pass.
# ----------------------------------------------------------------------------------------------

WindowFn = Callable[[str, list[tuple[int, int]]], np.ndarray]
"""windows(side, [(start, size), ...]) -> unit vectors of the joined sentences, one row each."""
BonusFn = Callable[[int, int, int, np.ndarray], np.ndarray]
"""bead_bonus(a, b, i, js) -> an extra score for each bead (i - a .. i) x (j - b .. j), j in js."""


def _length_logp(ls: np.ndarray | float, lt: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """Log-density (up to a constant) of the target/source length ratio; smoothed for short texts."""
    r = np.log((lt + 4.0 * math.exp(mu)) / (ls + 4.0))
    return -0.5 * ((r - mu) / sigma) ** 2


def document_length_mean(src_total: float, tgt_total: float, prior: float) -> float:
    """Centre of the length model for one document: its log(target/source) length ratio.

    The prior (fit on MAC-Dev as a whole) is only moved by at most ``LENGTH_ADAPT_MAX``, and not at
    all when a side is empty.
    """
    if src_total <= 0 or tgt_total <= 0:
        return prior
    shift = math.log(tgt_total / src_total) - prior
    return prior + float(np.clip(shift, -LENGTH_ADAPT_MAX, LENGTH_ADAPT_MAX))


def align_vectors(
    src: np.ndarray,
    tgt: np.ndarray,
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    windows: WindowFn | None = None,
    *,
    langs: tuple[str, str] = ("en", "zh"),
    params: AlignParams | None = None,
    bead_bonus: BonusFn | None = None,
    windows_made: Callable[[], None] | None = None,
) -> list[Bead]:
    """Align two documents given unit vectors of their sentences.

    ``bead_bonus(a, b, i, js)``, if given, is added to the score of the beads of ``a`` source
    sentences ending before ``i`` and ``b`` target sentences ending before each of ``js`` (a second
    opinion on a bead, such as token-level alignment; both sides non-empty only).

    ``windows_made()``, if given, is called once ``windows`` will not be called again (before the
    bead pass): the caller may free what only ``windows`` needed.

    ``windows`` embeds the joined text of consecutive sentences; without it a window's vector is the
    normalised sum of its sentences' vectors (cheaper, a little less accurate).
    """
    params = params or AlignParams()
    n, m = src.shape[0], tgt.shape[0]
    if n == 0 or m == 0:
        return [Bead(s, t, 0.0) for s, t in shapes_to_beads([(1, 0)] * n + [(0, 1)] * m)]
    anchor = anchor_path(src, tgt, params)
    band = Band.around(path_cells(anchor), n, m, params.band)
    mu_s, mu_t = neighbourhood_means(src, tgt, band, params.margin_k)
    ls = np.asarray(src_lens, dtype=np.float64)
    lt = np.asarray(tgt_lens, dtype=np.float64)
    cls = np.concatenate([[0.0], np.cumsum(ls)])
    clt = np.concatenate([[0.0], np.cumsum(lt)])
    mu_len, sd_len = LENGTH_MODEL.get(langs, SAME_LANG_LENGTH)
    if params.adapt_length:
        mu_len = document_length_mean(float(cls[-1]), float(clt[-1]), mu_len)
    shapes = params.shapes()

    # Joined-text vectors only for windows touching a sentence the anchor pass was unsure about (no
    # partner, or a weak one): elsewhere two confident 1-1 beads always beat their merge, so the
    # normalised sum of sentence vectors is good enough there and costs no embedding.
    src_win = _WindowTable(src, "source", windows)
    tgt_win = _WindowTable(tgt, "target", windows)
    sizes_s = sorted({a for a, _ in shapes if a >= 2})
    sizes_t = sorted({b for _, b in shapes if b >= 2})
    mode = params.window_mode if windows is not None else "none"
    if mode == "unsure":
        src_unsure, tgt_unsure = _unsure(anchor, src, tgt, mu_s, mu_t, params.window_threshold)
        src_win.prepare(_windows_needed(src_unsure, sizes_s))
        tgt_win.prepare(_windows_needed(tgt_unsure, sizes_t))
    elif mode == "all":
        src_win.prepare(_windows_needed(np.ones(n, bool), sizes_s))
        tgt_win.prepare(_windows_needed(np.ones(m, bool), sizes_t))
    if windows_made is not None:
        windows_made()

    ks = np.arange(band.width)

    def block(a: int, b: int, r0: int, r1: int) -> np.ndarray:
        """``score`` for every band cell of rows r0 .. r1 - 1 at once."""
        if a == 0 or b == 0:
            return np.full((r1 - r0, band.width), params.skip * (a + b))
        if a > n or b > m:
            return np.zeros((r1 - r0, band.width))  # a bead longer than a text: never read
        sims, valid = band_products(
            band,
            r0,
            r1,
            a,
            b,
            lambda rows: src_win.get_many(rows - a, a),
            lambda j0, j1: tgt_win.get_many(np.arange(j0 - b, j1 - b + 1), b),
        )
        rows = np.clip(np.arange(r0, r1), a, n)
        cols = np.clip(band.lo[r0:r1][:, None] + ks[None, :], b, m)
        lp = _length_logp((cls[rows] - cls[rows - a])[:, None], clt[cols] - clt[cols - b], mu_len, sd_len)
        out = 2.0 * (sims + params.length_weight * lp)
        if bead_bonus is not None:
            out = out + _bonus_block(bead_bonus, a, b, rows, cols, valid)
        return np.where(valid, out, 0.0)

    best = banded_dp(n, m, band, shapes, block_score=block)
    beads = []
    for s_ids, t_ids in shapes_to_beads(best):
        if s_ids and t_ids:
            x = src_win.get(s_ids[0], len(s_ids))
            y = tgt_win.get(t_ids[0], len(t_ids))
            sc = float(x @ y)
        else:
            sc = 0.0
        beads.append(Bead(s_ids, t_ids, round(sc, 6)))
    return beads


def _bonus_block(
    bonus: BonusFn, a: int, b: int, rows: np.ndarray, cols: np.ndarray, valid: np.ndarray
) -> np.ndarray:
    """``bonus`` for a block of band cells: its own ``block`` where it has one, else row by row."""
    block = getattr(bonus, "block", None)
    if block is not None:
        return block(a, b, rows, cols)
    out = np.zeros(cols.shape)
    for k in np.flatnonzero(valid.any(axis=1)).tolist():
        out[k, valid[k]] = bonus(a, b, int(rows[k]), cols[k, valid[k]])
    return out


def _unsure(
    anchor: list[tuple[tuple[int, ...], tuple[int, ...]]],
    src: np.ndarray,
    tgt: np.ndarray,
    mu_s: np.ndarray,
    mu_t: np.ndarray,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Sentences whose anchor bead is null or a 1-1 pair with a weak margin score."""
    us = np.ones(src.shape[0], dtype=bool)
    ut = np.ones(tgt.shape[0], dtype=bool)
    for s_ids, t_ids in anchor:
        if s_ids and t_ids:
            i, j = s_ids[0], t_ids[0]
            sc = 2.0 * (float(src[i] @ tgt[j]) - 0.5 * (mu_s[i] + mu_t[j]))
            if sc >= threshold:
                us[i] = ut[j] = False
    return us, ut


def _windows_needed(unsure: np.ndarray, sizes: list[int]) -> set[tuple[int, int]]:
    """Windows (start, size) that contain at least one unsure sentence."""
    n = unsure.shape[0]
    c = np.concatenate([[0], np.cumsum(unsure)])
    need = set()
    for k in sizes:
        for s in range(0, n - k + 1):
            if c[s + k] - c[s] > 0:
                need.add((s, k))
    return need


class _WindowTable:
    """Vectors of sentence windows: singles from the sentence matrix, longer ones looked up."""

    CHUNK = 4096  # windows embedded per call: bounds the temporaries on very long texts

    def __init__(self, single: np.ndarray, side: str, windows: WindowFn | None) -> None:
        self.single = single
        self.side = side
        self.windows = windows
        self.row: dict[tuple[int, int], int] = {}
        self.vecs = np.zeros((0, single.shape[1]), dtype=np.float32)
        # summed windows already computed: the bead pass asks for each one many times (once per
        # cell of its band row); bounded, and cleared when full (a value is simply made again)
        self._sums: dict[tuple[int, int], np.ndarray] = {}
        self._rows_by_size: dict[int, np.ndarray] = {}
        self._blocks: dict[tuple[int, int], np.ndarray] = {}  # (size, block) -> summed windows

    def prepare(self, need: set[tuple[int, int]]) -> None:
        """Embed the needed windows in chunks into one preallocated matrix (no per-window arrays)."""
        keys = sorted(need)
        if not keys or self.windows is None:
            return
        # half precision: a window's cosine moves by ~1e-3, which changed no bead on MAC-Dev or the
        # Bible, and the table is the aligner's largest array (850 MB of float32 at 100k sentences)
        self.vecs = np.empty((len(keys), self.single.shape[1]), dtype=np.float16)
        for k in range(0, len(keys), self.CHUNK):
            chunk = keys[k : k + self.CHUNK]
            self.vecs[k : k + len(chunk)] = self.windows(self.side, chunk)
        self.row = {key: r for r, key in enumerate(keys)}
        self._blocks.clear()
        # per window size, each start's row in the table (-1: not there): get_many looks up a whole
        # band row at once
        n = self.single.shape[0]
        for size in {k[1] for k in keys}:
            at = np.full(n + 1, -1, dtype=np.int64)
            for (start, sz), r in self.row.items():
                if sz == size:
                    at[start] = r
            self._rows_by_size[size] = at

    SUMS_KEPT = 16384  # summed windows memoised (16k x 768 float32 = 50 MB at most)
    BLOCK = 2048  # starts per block of summed windows made at once for get_many
    BLOCKS_KEPT = 4  # blocks kept per window size: the bead pass moves forward through the text

    def _sum(self, start: int, size: int) -> np.ndarray:
        key = (start, size)
        v = self._sums.get(key)
        if v is None:
            v = self.single[start : start + size].sum(axis=0)
            v = v / max(float(np.linalg.norm(v)), 1e-12)
            if len(self._sums) >= self.SUMS_KEPT:
                self._sums.clear()
            self._sums[key] = v
        return v

    def _block(self, size: int, block: int) -> np.ndarray:
        """Vectors of the windows of ``size`` for the starts of one block, made in one go: the
        table's rows where it has them, else summed and normalised.

        The same numbers as ``_sum`` (rows added in the same order, each norm the same dot product),
        so the alignment does not move; a Python call per window made the bead pass of a book
        spend a third of its time stacking them.
        """
        key = (size, block)
        got = self._blocks.get(key)
        if got is not None:
            return got
        n = self.single.shape[0]
        s0 = block * self.BLOCK
        s1 = max(s0, min(s0 + self.BLOCK, n - size + 1))
        acc = self.single[s0:s1].copy()
        for d in range(1, size):
            acc += self.single[s0 + d : s1 + d]
        norms = np.array([float(np.sqrt(v.dot(v))) for v in acc], dtype=np.float32)
        acc /= np.maximum(norms, np.float32(1e-12))[:, None]
        at = self._rows_by_size.get(size)
        if at is not None:
            # windows with their own vector: the table's row, converted to float32 once here (exact)
            # rather than at every cell of the band that reads it
            rows = at[s0:s1]
            hit = rows >= 0
            acc[hit] = self.vecs[rows[hit]]
        kept = [k for k in self._blocks if k[0] == size]
        if len(kept) >= self.BLOCKS_KEPT:
            del self._blocks[max(kept, key=lambda k: abs(k[1] - block))]  # the farthest
        self._blocks[key] = acc
        return acc

    def _sums_at(self, starts: np.ndarray, size: int) -> np.ndarray:
        """Summed windows at ``starts`` (one row each, float32), from the blocks."""
        lo, hi = int(starts[0]), int(starts[-1])
        first = lo // self.BLOCK
        if hi // self.BLOCK == first and _consecutive(starts):
            # consecutive starts in one block (a band row): a view, no copy
            off = first * self.BLOCK
            return self._block(size, first)[lo - off : hi - off + 1]
        blocks = starts // self.BLOCK
        out = np.empty((starts.shape[0], self.single.shape[1]), dtype=np.float32)
        for blk in np.unique(blocks).tolist():
            at = blocks == blk
            out[at] = self._block(size, blk)[starts[at] - blk * self.BLOCK]
        return out

    def get(self, start: int, size: int) -> np.ndarray:
        if size == 1:
            return self.single[start]
        r = self.row.get((start, size))
        return self.vecs[r] if r is not None else self._sum(start, size)

    def get_many(self, starts: np.ndarray, size: int) -> np.ndarray:
        """Vectors of the windows of ``size`` at ``starts``, float32 (table rows exactly as stored)."""
        if size == 1 and starts.shape[0] and _consecutive(starts):
            return self.single[int(starts[0]) : int(starts[-1]) + 1]  # a band row: a view
        if size == 1:
            return self.single[starts]
        if starts.shape[0] == 0:
            return np.zeros((0, self.single.shape[1]), dtype=np.float32)
        return self._sums_at(starts, size)


def _consecutive(starts: np.ndarray) -> bool:
    """Whether ``starts`` are s, s + 1, s + 2, … (a slice can stand for them)."""
    return int(starts[-1]) - int(starts[0]) + 1 == starts.shape[0] and bool((np.diff(starts) == 1).all())
