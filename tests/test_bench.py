"""The benchmark runner end to end on a slice of real data (skips where the data is absent)."""

from __future__ import annotations

import pytest

from align.bench.datasets import data_root
from align.bench.runner import format_table, run

pytestmark = pytest.mark.skipif(
    data_root() is None, reason="../shared/data is absent (not in a user's clone)"
)


def test_runner_scores_a_slice_and_prints_a_table():
    r = run("mac-dev", limit=0.2)
    assert 0.75 < r.ours.strict_f1 <= 1.0
    assert r.ours.lax_f1 >= r.ours.strict_f1
    assert r.bertalign is None  # Bertalign's output covers whole documents, not slices
    table = format_table(r)
    assert "align (this project)" in table and "peak RSS" in table
    assert set(r.timings) == {"read", "embed", "lexicon", "align", "write"}
