"""Writers by format: each writes one or two files of a report into an output folder.

``write_report(report, folder, formats)`` is what the CLI calls; the folder is filled through a
temporary sibling and renamed into place (``align.io.atomic_dir``), so an interrupted run never
leaves half an output.
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from align.errors import AlignError
from align.io import atomic_dir
from align.types import Report

# format -> (module, function, file names it writes)
WRITERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "csv": ("align.report.csvfiles", "write_csv", ("alignment.csv", "flags.csv")),
    "json": ("align.report.jsonfile", "write_json", ("report.json",)),
    "xlsx": ("align.report.xlsx", "write_xlsx", ("flags.xlsx",)),
    "html": ("align.report.html", "write_html", ("report.html",)),
    "tmx": ("align.report.tmx", "write_tmx", ("alignment.tmx",)),
}
DEFAULT_FORMATS: tuple[str, ...] = ("csv", "json", "xlsx", "html", "tmx")


def parse_formats(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"csv,json"`` or a list -> validated tuple; ``all`` or None -> every format."""
    if spec is None:
        return DEFAULT_FORMATS
    items = [s.strip().lower() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    if not items or items == ["all"]:
        return DEFAULT_FORMATS
    bad = [s for s in items if s not in WRITERS]
    if bad:
        raise AlignError(
            f"unknown format {bad[0]!r}; choose from: {', '.join(WRITERS)} (comma-separated) or all"
        )
    return tuple(dict.fromkeys(items))


def writer(fmt: str) -> Callable[[Report, Path], None]:
    mod, fn, _ = WRITERS[fmt]
    return getattr(importlib.import_module(mod), fn)


def write_report(
    report: Report,
    folder: str | Path,
    formats: Iterable[str] | None = None,
    *,
    force: bool = False,
    timings: bool = False,
    translation_docx: str | Path | None = None,
    jobs: int | None = None,
) -> list[Path]:
    """Write the chosen formats into ``folder`` atomically; return the files written.

    ``translation_docx``: the translation's Word document; ``reviewed.docx``, a copy of it with
    each flag as a Word comment, is written beside the other files.

    Each writer's seconds go into ``report.timings`` (``write:csv`` …). With ``timings``,
    ``report.json`` is written last and records them all under ``timings``; without, it stays
    byte-for-byte reproducible. ``jobs``: processes for the writers of a long report (see
    ``align.parallel``; None: two where there are two cores); each writes its own file.
    """
    from align.parallel import default_jobs, run_all

    formats = parse_formats(formats)
    last = "json" if timings and "json" in formats else None
    written: list[Path] = []
    folder = Path(folder)
    with atomic_dir(folder, force=force) as tmp:
        plain = [fmt for fmt in formats if fmt != last]
        tasks = [functools.partial(_write_one, fmt, report, tmp) for fmt in plain]
        ran = run_all(tasks, default_jobs() if jobs is None else jobs, len(report.beads))
        for fmt, (_, seconds) in zip(plain, ran, strict=True):
            report.timings[f"write:{fmt}"] = seconds
        if last is not None:
            from align.report.jsonfile import write_json

            t0 = time.perf_counter()
            write_json(report, tmp / WRITERS[last][2][0], timings=True)
            report.timings[f"write:{last}"] = time.perf_counter() - t0
        for fmt in [*plain, *([last] if last else [])]:
            written.extend(folder / n for n in WRITERS[fmt][2])
        if translation_docx is not None:
            from align.report.docxcomments import NAME, write_reviewed_docx

            t0 = time.perf_counter()
            write_reviewed_docx(report, translation_docx, tmp / NAME)
            report.timings["write:docx"] = time.perf_counter() - t0
            written.append(folder / NAME)
    return written


def _write_one(fmt: str, report: Report, tmp: Path) -> None:
    names = WRITERS[fmt][2]
    if len(names) == 1:
        writer(fmt)(report, tmp / names[0])
    else:
        writer(fmt)(report, tmp)
