"""The aligner's vectorised paths give the numbers of the plain ones they replaced (issue 18).

A book's bead pass asks for a window vector at every cell of its band, once per bead shape; the
aligner now reads whole band rows from blocks of precomputed windows, scores consecutive cells as
one slice, and gives the figures bonus of a row without figures in one step. Each must leave the
alignment exactly as it was: these tests hold each against the plain computation.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.aligner import Band, banded_dp
from align.aligner.dp import _WindowTable
from align.aligner.numberbonus import NumberBonus


def _unit_rows(rng: np.random.Generator, n: int, dim: int = 24) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _plain_window(single: np.ndarray, start: int, size: int) -> np.ndarray:
    """A window's vector as the aligner always made it: the sum of its rows, normalised."""
    v = single[start : start + size].sum(axis=0)
    return v / max(float(np.linalg.norm(v)), 1e-12)


@pytest.mark.parametrize("with_table", [False, True])
def test_band_rows_of_windows_are_the_plain_windows_exactly(monkeypatch, with_table):
    monkeypatch.setattr(_WindowTable, "BLOCK", 16)  # many blocks, rows across block borders, evictions
    rng = np.random.default_rng(7)
    single = _unit_rows(rng, 200)
    embedded: dict[tuple[int, int], np.ndarray] = {}

    def windows(side, keys):
        out = _unit_rows(rng, len(keys))
        for key, row in zip(keys, out, strict=True):
            embedded[key] = row.astype(np.float16)
        return out

    table = _WindowTable(single, "target", windows if with_table else None)
    if with_table:
        table.prepare({(s, k) for k in (2, 3) for s in range(0, 200 - k + 1, 3)})
    for size in (1, 2, 3, 4):
        last = 200 - size
        for starts in (
            np.arange(0, last + 1),  # a whole side
            np.arange(14, 19),  # a band row across a block border
            np.arange(last - 5, last + 1),  # the end of the text
            np.array([3, 40, 41, 120]),  # scattered starts
            np.array([20, 22, 21, 23]),  # out of order, first and last as if consecutive
            np.array([], dtype=np.int64),
        ):
            got = table.get_many(starts, size)
            assert got.shape == (starts.shape[0], single.shape[1])
            for row, s in zip(got, starts.tolist(), strict=True):
                if size == 1:
                    want = single[s]
                elif (s, size) in embedded:
                    want = embedded[(s, size)].astype(np.float32)  # the table's own row, exactly
                else:
                    want = _plain_window(single, s, size)
                assert np.array_equal(row, want), (size, s)


def _plain_banded_dp(n, m, band, shapes, table):
    """Cell by cell, only through cells of the band: the optimum the vectorised DP must find."""
    inside = {(i, j) for i in range(n + 1) for j in range(int(band.lo[i]), int(band.hi[i]) + 1)}
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) not in inside:
                continue
            for a, b in shapes:
                if (i - a, j - b) in inside and best[i - a, j - b] > -np.inf:
                    best[i, j] = max(best[i, j], best[i - a, j - b] + table[(a, b)][i, j])
    return best[n, m]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 12), st.integers(2, 12), st.integers(1, 3), st.integers(0, 2**31 - 1))
def test_banded_dp_finds_the_best_path_inside_a_narrow_band(n, m, half, seed):
    """Rows of a narrow band reach only part of the row before them: the slices must be right."""
    rng = np.random.default_rng(seed)
    shapes = [(1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]
    table = {s: rng.normal(size=(n + 1, m + 1)) for s in shapes}
    # a random monotone path from (0, 0) to (n, m) that the band follows
    cells, i, j = [(0, 0)], 0, 0
    while (i, j) != (n, m):
        step = rng.integers(0, 3)
        if (step == 0 and i < n) or j == m:
            i += 1
        elif step == 1 or i == n:
            j += 1
        else:
            i, j = i + 1, j + 1
        cells.append((i, j))
    band = Band.around(cells, n, m, half)

    def score(a, b, i, js):
        return table[(a, b)][i, js]

    path = banded_dp(n, m, band, shapes, score)
    total, i, j = 0.0, 0, 0
    for a, b in path:
        i, j = i + a, j + b
        assert band.lo[i] <= j <= band.hi[i]
        total += table[(a, b)][i, j]
    assert (i, j) == (n, m)
    assert total == pytest.approx(_plain_banded_dp(n, m, band, shapes, table), abs=1e-9)


def test_the_figures_bonus_of_a_band_row_is_the_cell_by_cell_bonus():
    rng = np.random.default_rng(3)
    pool = ["#1", "#2", "#3", "#0.41", "#1990"]

    def figures(count: int) -> list[list[str]]:
        return [
            list(rng.choice(pool, size=rng.integers(0, 3), replace=False)) if rng.random() < 0.3 else []
            for _ in range(count)
        ]

    src, tgt = figures(40), figures(45)
    nb = NumberBonus(src, tgt, 0.1)
    rows_with = rows_without = 0
    for a, b in [(1, 1), (1, 2), (2, 1), (2, 2), (1, 4), (3, 2)]:
        for i in range(a, 41):
            js = np.arange(b, 46)
            got = nb(a, b, i, js)
            want = np.array([0.1 * nb.score(i - a, a, j - b, b) for j in js.tolist()])
            assert np.array_equal(got, want), (a, b, i)
            rows_with += any(src[i - a : i])
            rows_without += not any(src[i - a : i])
    assert rows_with > 20 and rows_without > 50  # both vector paths were tested


NUMBER_SENTENCES = [
    "Sevenfold returns, thrice denied, and a hundredfold harvest came in the ninth month.",
    "Several hundred people, a few thousand voters and a couple of thousand troops waited.",
    "Hundreds of thousands, tens of millions, dozens of firms and scores of men left.",
    "Rates rose a quarter point, then half a percentage point, after a decade of calm.",
    "Half a century ago one in five adults, and 1 in 10 children, were two-thirds of the poor.",
    "The first three quarters of 2024 beat the past two quarters, a third of analysts said.",
    "Threescore and ten years, fourscore and seven, an hundred and twenty cubits.",
    "Both sides met twice in March, once in May 2021, and on 3 July at 3:50 p.m.",
    "In the Nineties the Big Four and World War Two shaped the G7's 1990s.",
    "Louis XIV, Henry VIII and King Charles III paid $3bn, 24th of 5,000 km.",
    "It was three-dimensional, a 3-D model with twenty-five rooms and a dozen floors.",
    "A single pair of double doors, a million reasons and half a dozen eggs.",
    "Second, a split second later, every second counts; the second quarter was weak.",
]


def test_words_passed_over_start_no_number(monkeypatch):
    """English words that can start no number are skipped before the branches that look at them:
    with the shortcut turned off, every sentence gives the same quantities."""
    from align.paths import demo_dir
    from align.text.numbers import english

    demo = (demo_dir() / "article.en.txt").read_text(encoding="utf-8").splitlines()
    texts = [t for t in NUMBER_SENTENCES + demo if t.strip()]
    fast = [english.en_quantities(t) for t in texts]
    assert sum(map(len, fast)) > 60
    monkeypatch.setattr(english, "_passed_over", lambda t: False)
    assert [english.en_quantities(t) for t in texts] == fast


def test_words_segmented_elsewhere_are_memoised_as_if_segmented_here():
    from align.text.zh import prime_zh_words, segment_many, zh_words

    texts = ["这是一个从未见过的句子甲。", "另一个没有见过的句子乙。"]
    fake = [(("假", 0, 1),), (("另", 0, 1), ("一个", 1, 3))]
    prime_zh_words(texts, fake)
    assert [tuple(zh_words(t)) for t in texts] == fake  # the primed words, not jieba's
    assert segment_many(texts) == fake
    other = "第三个从未见过的句子丙。"
    assert "".join(w for w, _, _ in zh_words(other)) == other  # jieba, as ever


def test_band_products_are_the_row_by_row_products():
    from align.aligner.dp import band_products

    rng = np.random.default_rng(11)
    n, m = 90, 110
    src, tgt = _unit_rows(rng, n + 1), _unit_rows(rng, m + 1)
    cells = [(i, min(m, round(i * m / n))) for i in range(n + 1)]
    band = Band.around(cells, n, m, 3)
    for a, b in [(1, 1), (2, 1), (1, 3)]:
        got, valid = band_products(band, 5, 70, a, b, lambda rows: src[rows], lambda j0, j1: tgt[j0 : j1 + 1])
        for r in range(5, 70):
            lo, hi = int(band.lo[r]), int(band.hi[r])
            want = np.zeros(band.width, dtype=bool)
            if r >= a:
                want[max(lo, b) - lo : hi - lo + 1] = True
            assert np.array_equal(valid[r - 5], want)
            for k in np.flatnonzero(want).tolist():
                assert got[r - 5, k] == pytest.approx(float(src[r] @ tgt[lo + k]), abs=1e-5)


def test_the_figures_bonus_of_a_block_is_the_cell_by_cell_bonus():
    rng = np.random.default_rng(5)
    pool = ["#1", "#2", "#3", "#7"]

    def figures(count: int) -> list[list[str]]:
        return [
            list(rng.choice(pool, size=2, replace=False)) if rng.random() < 0.25 else [] for _ in range(count)
        ]

    nb = NumberBonus(figures(30), figures(36), 0.1)
    for a, b in [(1, 1), (2, 3), (4, 1)]:
        rows = np.arange(a, 31)
        cols = np.clip(rows[:, None] + np.arange(-2, 6)[None, :], b, 36)
        got = nb.block(a, b, rows, cols)
        for k, r in enumerate(rows.tolist()):
            want = [0.1 * nb.score(r - a, a, j - b, b) for j in cols[k].tolist()]
            assert np.array_equal(got[k], want), (a, b, r)
