"""One document's checks side by side in forked processes (``align.parallel``): the same report as
in one process, and no fork where it would not help or not be safe.

The tests that fork run in a fresh interpreter: in this one an earlier test may have run e5, whose
OpenMP runtime rules forking out (``why_not_fork``), which would make them pass without forking.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap

import pytest

from align import parallel
from align.checks.names import phonetic
from align.pipeline import demo_paths

needs_fork = pytest.mark.skipif(
    parallel.why_not_fork(2, parallel.MIN_BEADS) is not None,
    reason=f"forking is off here: {parallel.why_not_fork(2, parallel.MIN_BEADS)}",
)


def _pid() -> int:
    return os.getpid()


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (this test's environment); its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


@needs_fork
def test_tasks_run_in_other_processes_and_come_back_in_order():
    out = _fresh(
        """
        import os
        from align import parallel
        tasks = [os.getpid, lambda: 1, lambda: 2, os.getpid]
        out = parallel.run_all(tasks, 2, parallel.MIN_BEADS, order=[3, 2, 1, 0])
        values = [v for v, _ in out]
        assert values[1:3] == [1, 2], values
        assert os.getpid() not in (values[0], values[3]), values
        assert all(seconds >= 0 for _, seconds in out)
        from align.timing import format_timings, peak_memory_mb
        assert peak_memory_mb(children=True) > 0  # the forked processes' peak, reported apart
        assert "forked processes:" in format_timings({"align": 1.0})
        try:
            parallel.run_all([os.getpid, lambda: 1 / 0], 2, parallel.MIN_BEADS)
        except ZeroDivisionError:
            print("raised here")
        """
    )
    assert out == "raised here"


def test_no_fork_for_one_job_a_short_document_or_a_loaded_openmp(monkeypatch):
    assert parallel.why_not_fork(1, 10_000) == "one job"
    short = parallel.why_not_fork(2, parallel.MIN_BEADS - 1)
    assert short in ("short document", "one core", "no fork on this platform")
    monkeypatch.setattr(parallel, "_openmp_loaded", lambda: True)
    if parallel.why_not_fork(2, 10_000) not in ("one core", "no fork on this platform"):
        assert "OpenMP" in parallel.why_not_fork(2, 10_000)
    # not forked: the tasks run here
    assert [v for v, _ in parallel.run_all([_pid, _pid], 2, 10_000)] == [os.getpid()] * 2


def _long_document(folder) -> tuple[object, object]:  # noqa: ANN001 - a pytest tmp_path
    """The demo article nine times over: 300+ sentence pairs, each copy with the demo's four slips."""
    paths = []
    for p in demo_paths():
        out = folder / p.name
        out.write_text("\n\n".join([p.read_text(encoding="utf-8").strip()] * 9) + "\n", encoding="utf-8")
        paths.append(out)
    return paths[0], paths[1]


@needs_fork
def test_a_long_document_gets_the_same_report_in_two_processes_as_in_one(tmp_path):
    en, zh = _long_document(tmp_path)
    out = _fresh(
        f"""
        import json
        from align import parallel
        from align.pipeline import check
        from align.report.jsonfile import report_dict
        seen = {{}}
        run_all = parallel.run_all
        def spy(tasks, jobs, size, **kw):
            seen[jobs] = parallel.why_not_fork(jobs, size)
            return run_all(tasks, jobs, size, **kw)
        parallel.run_all = spy
        import align.pipeline
        align.pipeline.run_all = spy
        from pathlib import Path
        from align.report import write_report
        reports, files = {{}}, {{}}
        for jobs in (1, 2):
            report = check({str(en)!r}, {str(zh)!r}, jobs=jobs)
            reports[jobs] = json.dumps(report_dict(report), ensure_ascii=False, sort_keys=True)
            out = Path({str(tmp_path)!r}) / f"out{{jobs}}"
            written = write_report(report, out, jobs=jobs)
            files[jobs] = {{p.name: p.read_bytes() for p in written}}
        print(json.dumps([len(report.beads), sum(map(len, report.flags)), seen[2],
                          reports[1] == reports[2], sorted(files[2]), files[1] == files[2]]))
        """
    )
    beads, flags, why_not, same, names, same_files = json.loads(out)
    assert beads >= parallel.MIN_BEADS and why_not is None  # long enough, and it forked
    assert same
    # every writer's file, written in two processes, byte for byte what one process writes
    assert same_files and {"report.json", "report.html", "flags.xlsx", "alignment.tmx"} <= set(names)
    assert flags >= 9 * 4  # the demo's four planted slips, in each copy


@needs_fork
def test_romanisations_saved_by_two_processes_are_all_kept(tmp_path, monkeypatch):
    """Two shares of one name check, each with the file as it was when the run began."""
    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path))
    phonetic._stored_pinyin.cache_clear()
    monkeypatch.setattr(phonetic, "_NEW_PINYIN", {})
    assert phonetic._stored_pinyin() == {}  # read before the fork, as a run does
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            phonetic._NEW_PINYIN["孩子"] = ("haizi",)
            phonetic.save_pinyin()
            code = 0
        finally:
            os._exit(code)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0  # the child saved first
    phonetic._NEW_PINYIN["大人"] = ("daren",)
    phonetic.save_pinyin()
    with phonetic._pinyin_file().open("rb") as fh:
        kept = pickle.load(fh)
    assert kept["孩子"] == ("haizi",) and kept["大人"] == ("daren",)
    phonetic._stored_pinyin.cache_clear()


@needs_fork
def test_a_task_beside_this_process_runs_in_a_child_and_comes_back():
    out = _fresh(
        """
        import os
        from align import parallel
        child, here = parallel.beside(os.getpid, os.getpid, jobs=2, size=parallel.MIN_BEADS)
        assert child != here == os.getpid(), (child, here)
        child, here = parallel.beside(os.getpid, os.getpid, jobs=1, size=parallel.MIN_BEADS)
        assert child == here == os.getpid()  # one job: both here, one after the other
        child, here = parallel.beside(os.getpid, os.getpid, jobs=2, size=10)
        assert child == here  # a short document: not worth a fork
        try:
            parallel.beside(lambda: 1 / 0, lambda: 2, jobs=2, size=parallel.MIN_BEADS)
        except ZeroDivisionError:
            print("raised here")
        """
    )
    assert out == "raised here"



# A stand-in encoder: each text's number, and the process that encoded it. Run in a fresh
# interpreter: an OpenMP runtime loaded by an earlier test (e5) rightly stops forking in this one.
_ENCODERS = """
import json, os
import numpy as np
from align.pipeline import EMBED_CHUNK, _encode_rows

def numbered(texts):
    return np.array([[float(t.split()[1]), float(os.getpid())] for t in texts])

class Cached:  # like CachedEmbedder: ``computed`` counts the texts it had to embed
    computed = 0

    def encode(self, texts):
        return numbered(texts)

texts = [f"sentence {k}" for k in range(3 * EMBED_CHUNK + 7)]
"""


@needs_fork
def test_a_long_list_of_new_texts_is_embedded_half_in_a_child():
    out = _fresh(
        _ENCODERS
        + """
seen = []
rows = _encode_rows(numbered, texts, 2, lambda stage, done, total: seen.append(done), "embedding")
one = _encode_rows(numbered, texts, 1)
cached = _encode_rows(Cached().encode, texts, 2)
empty = _encode_rows(numbered, [], 2).shape[0]
print(json.dumps([os.getpid(), rows.tolist(), seen, one.tolist(), cached.tolist(), empty]))
"""
    )
    me, rows, seen, one, cached, empty = json.loads(out)
    n = len(rows)
    assert [r[0] for r in rows] == list(range(n))  # every row in its place
    assert len({r[1] for r in rows}) == 2 and rows[0][1] == me  # two processes did the work
    assert seen and seen[0] == 0 and max(seen) < n  # progress from this process's share
    assert [r[0] for r in one] == list(range(n)) and {r[1] for r in one} == {me}  # one job: all here
    # a cache that already holds the texts (it computed none): read here, no fork
    assert [r[0] for r in cached] == list(range(n)) and {r[1] for r in cached} == {me}
    assert empty == 0
