"""Independent pieces of one document's work in forked processes, for long documents on a
multi-core machine.

Why: the checks of a book take half a minute, one after another, on one core; each check reads the
aligned document and returns its flags, and no check reads another's. Forked, each child starts
with the document, its vectors and every loaded model in memory (nothing is pickled on the way in:
only the flags come back), and the pieces run side by side.

When it does not fork (the work runs in this process, exactly as with one job):

* one job asked for, a single core, or a platform without ``fork``;
* a short document (under ``MIN_BEADS`` beads): forking costs more than it saves;
* an OpenMP runtime already loaded here (e5 runs on GNU OpenMP, which hangs in a child forked
  after the parent ran a parallel region with threads);
* inside a daemonic process (a worker of a pool may not have children).

Results are identical either way: every piece computes what it computes alone, and the caller
puts them together in its own order. What the pieces memoise in memory stays in the children.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

MIN_BEADS = 300  # below this the checks take a second or two: not worth a fork
DEFAULT_JOBS = 2  # a laptop's two cores; more cores add little (a few heavy checks dominate)

_TASKS: Sequence[Callable[[], Any]] = ()  # what the children run, by index (inherited through the fork)


def default_jobs() -> int:
    """Processes for one document's checks when the caller does not say: two where two cores are."""
    return max(1, min(DEFAULT_JOBS, os.cpu_count() or 1))


def why_not_fork(jobs: int, size: int) -> str | None:
    """Why ``jobs`` forked processes would not help (or not be safe) here; None when they would."""
    if jobs < 2:
        return "one job"
    if (os.cpu_count() or 1) < 2:
        return "one core"
    if not hasattr(os, "fork") or "fork" not in multiprocessing.get_all_start_methods():
        return "no fork on this platform"
    if size < MIN_BEADS:
        return "short document"
    if multiprocessing.current_process().daemon:
        return "inside a daemonic worker"
    if _openmp_loaded():
        return "an OpenMP runtime is loaded (not fork-safe)"
    return None


def _openmp_loaded() -> bool:
    from threadpoolctl import threadpool_info

    return any(i.get("user_api") == "openmp" for i in threadpool_info())


def _fresh_streams() -> None:
    """In a child: stdout/stderr objects of its own. A thread of the parent (a progress bar) may
    have held the old ones' locks at the fork, and nothing would ever release them here."""
    for name, fd in (("stdout", 1), ("stderr", 2)):
        old = getattr(sys, name)
        try:
            new = open(fd, "w", encoding=getattr(old, "encoding", None) or "utf-8", closefd=False)  # noqa: SIM115
        except OSError:
            continue
        setattr(sys, name, new)


def _timed(task: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = task()
    return out, time.perf_counter() - t0


def _run(k: int) -> tuple[Any, float]:
    """What a child runs: task ``k`` of the tasks it inherited."""
    return _timed(_TASKS[k])


def run_all(
    tasks: Sequence[Callable[[], Any]],
    jobs: int,
    size: int,
    *,
    order: Sequence[int] | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[tuple[Any, float]]:
    """``[(task(), seconds)]`` for every task, in the order given; in ``jobs`` forked processes
    when :func:`why_not_fork` allows, else here one after another.

    ``size``: the document's beads (see ``MIN_BEADS``); ``order``: the order to start them in
    (the longest first shortens the whole); ``on_done(k)``: called here as each task ends.
    """
    start = list(order) if order is not None else list(range(len(tasks)))
    if len(tasks) < 2 or why_not_fork(jobs, size) is not None:
        out = []
        for k in range(len(tasks)):
            out.append(_timed(tasks[k]))
            if on_done:
                on_done(k)
        return out
    import concurrent.futures as cf

    results: dict[int, tuple[Any, float]] = {}
    with _forked_pool(tasks, min(jobs, len(tasks))) as pool:
        futures = {pool.submit(_run, k): k for k in start}
        for fut in cf.as_completed(futures):
            k = futures[fut]
            results[k] = fut.result()
            if on_done:
                on_done(k)
    return [results[k] for k in range(len(tasks))]


def beside(task: Callable[[], Any], here: Callable[[], Any], *, jobs: int, size: int) -> tuple[Any, Any]:
    """``(task(), here())``: ``task`` in one forked process while ``here`` runs in this one, where
    :func:`why_not_fork` allows; else one after the other, here.

    For the aligner's serial stretch of a long document (the second core is idle there): ``task``
    must return something small to send back (a child's memoised results stay in the child).
    """
    if why_not_fork(jobs, size) is not None:
        return task(), here()
    with _forked_pool((task,), 1) as pool:
        fut = pool.submit(_run, 0)
        mine = here()
        theirs, _ = fut.result()
    return theirs, mine


@contextlib.contextmanager
def _forked_pool(tasks: Sequence[Callable[[], Any]], workers: int) -> Iterator[Any]:
    """A pool of ``workers`` processes forked from this one, which inherit ``tasks`` (run them by
    index with :func:`_run`); the tasks are forgotten here when it closes."""
    import concurrent.futures as cf

    global _TASKS
    _TASKS = tasks
    try:
        ctx = multiprocessing.get_context("fork")
        with cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_fresh_streams) as pool:
            yield pool
    finally:
        _TASKS = ()
