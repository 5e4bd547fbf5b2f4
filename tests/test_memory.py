"""A long document's memory: arrays set aside in files come back bit for bit, sparse dictionary
vectors read back as the dense ones, and the aligner's long-document path gives the very beads,
scores and vectors of the ordinary one (issue 18: the 100,000-sentence pair within 2 GB)."""

from __future__ import annotations

import os

import numpy as np

from align import memory, pipeline
from align.aligner import align_vectors
from align.aligner.lexvec import DIM, SparseRows
from align.memory import SideArrays, Spilled, release_freed_memory
from align.paths import cache_dir
from align.pipeline import _window_sums, align_documents, demo_paths, load_document


def _spill_files() -> list[str]:
    return [f for f in os.listdir(cache_dir()) if f.startswith("align-spill-")]


def test_spilled_arrays_come_back_bit_for_bit_and_leave_no_file():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((300, 513)).astype(np.float32)
    b = rng.integers(-5, 5, (7, 3))
    before = _spill_files()
    kept = Spilled(a=a, b=b)
    assert _spill_files() == before  # no name in the cache folder, even while it holds the arrays
    for _ in range(2):  # read twice: the file stays for another load
        back = kept.load()
        assert back["a"].dtype == np.float32 and np.array_equal(back["a"], a)
        assert np.array_equal(back["b"], b)


def test_arrays_stay_in_memory_where_no_file_can_be_written(monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(memory.tempfile, "TemporaryFile", full_disk)
    a = np.arange(12.0).reshape(3, 4)
    assert np.array_equal(Spilled(a=a).load()["a"], a)


def test_a_spilled_store_holds_one_side_in_memory_at_a_time():
    rng = np.random.default_rng(2)
    keys = [(side, name) for side in ("source", "target") for name in ("p", "q")]
    arrays = {key: rng.standard_normal((50, 8)) for key in keys}
    for spill in (False, True):
        store = SideArrays(spill=spill)
        for (side, name), arr in arrays.items():
            store.put(side, name, arr)
        for key in [("source", "p"), ("source", "q"), ("target", "p"), ("source", "q")]:
            assert np.array_equal(store.get(*key), arrays[key])
            if spill:
                assert {side for side, _ in store._mem} == {key[0]}
        store.release()
        assert bool(store._mem) is not spill  # a spilled store drops its copies; a plain one keeps all


def test_sparse_rows_read_back_as_the_dense_rows_and_sum_to_the_same_windows():
    rng = np.random.default_rng(3)
    dense = np.zeros((400, DIM), np.float32)
    hit = rng.random(dense.shape) < 0.05
    dense[hit] = rng.random(int(hit.sum())).astype(np.float32) * 3
    dense[[0, 17, 399]] = 0.0  # empty rows: a sentence with no dictionary word
    sparse = SparseRows.from_dense(dense)
    idx = rng.integers(0, 400, 300)
    assert sparse.shape == dense.shape and np.array_equal(sparse[idx], dense[idx])
    assert sparse.data.nbytes + sparse.indices.nbytes < dense.nbytes / 5
    keys = [(int(s), int(n)) for s, n in zip(rng.integers(0, 395, 200), rng.integers(1, 5, 200), strict=True)]
    assert np.array_equal(_window_sums(sparse, keys), _window_sums(dense, keys))


def test_the_aligner_says_when_it_will_not_ask_for_windows_again():
    rng = np.random.default_rng(4)
    src = rng.standard_normal((30, 16)).astype(np.float32)
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt = src[[k for k in range(30) if k != 9]] + 0.01  # one sentence dropped: windows are asked for
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    events: list[str] = []

    def windows(side, keys):
        events.append("windows")
        parts = src if side == "source" else tgt
        out = np.stack([parts[s : s + n].sum(axis=0) for s, n in keys])
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    beads = align_vectors(src, tgt, [50] * 30, [50] * 29, windows, windows_made=lambda: events.append("made"))
    assert events.count("made") == 1 and events[-1] == "made" and "windows" in events
    assert [k for b in beads for k in b.source] == list(range(30))


def test_the_long_document_path_gives_the_same_beads_scores_and_vectors(embedder, monkeypatch):
    en, zh = demo_paths()
    src, tgt = load_document(en, lang="en", side="source"), load_document(zh, lang="zh", side="target")
    plain = align_documents(src, tgt, embedder=embedder)
    before = _spill_files()
    spilled: list[int] = []
    real = memory.Spilled.__init__

    def counting(self, **arrays):
        spilled.append(len(arrays))
        real(self, **arrays)

    monkeypatch.setattr(memory.Spilled, "__init__", counting)
    monkeypatch.setattr(pipeline, "LONG_DOCUMENT", 10)  # the demo's 70 sentences count as long
    monkeypatch.setattr(memory, "LONG_DOCUMENT", 10)
    long = align_documents(src, tgt, embedder=embedder)
    assert len(spilled) == 3  # the vectors, and each side's sentence parts
    beads = [(b.source, b.target, b.score) for b in long[0]]
    assert beads == [(b.source, b.target, b.score) for b in plain[0]]
    assert np.array_equal(long[1], plain[1]) and np.array_equal(long[2], plain[2])
    assert _spill_files() == before


def test_a_trim_runs_only_for_long_documents():
    assert release_freed_memory(10) is False
    ran = release_freed_memory(memory.LONG_DOCUMENT)
    assert ran is (memory._malloc_trim() is not None)
