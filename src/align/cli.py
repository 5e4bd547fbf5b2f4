"""The ``align`` command: a thin layer over ``align.pipeline`` (same knobs, same names).

The pipeline, the report writers and pandas are imported inside the commands that use them, so
``--help``, ``--version`` and a refused option answer in well under a second; the check registry is
imported here, since ``--help`` lists its checks. Every option, the output folder, ``--glossary``
and ``--decisions`` are validated before the texts are read or embedded.

Exit codes (for scripts and CI pipelines):
  0  checked, nothing critical found
  1  checked, at least one critical flag (see flags.csv)
  2  bad input or options (one-line message on stderr)
  3  internal error (one line on stderr naming the log file that holds the traceback)

Either file may be ``-`` to read that side from standard input (only one of them).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from align import __version__
from align.checks import registry
from align.errors import AlignError

_STARTED = time.perf_counter()  # for --timings: imports and start-up before the run itself

app = typer.Typer(
    add_help_option=False,  # our own --help below: typer labels its flag <bool>
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Check a Chinese translation against its English original (or the reverse), offline.",
)
err = Console(stderr=True)
_WRITTEN: list[Path] = []  # output folders completed by this process (for the Ctrl-C message)
_BATCH_OUT: list[Path] = []  # the folder of an align batch under way (for the Ctrl-C message)
_DONE: list[Path] = []  # output folders of align check runs finished to the end (see _exit_now)

EXAMPLE = """
[bold]Examples[/]

  [cyan]align check[/]                                      run the bundled demo
  [cyan]align check reference_en/fp-japan-2025.en.txt seeds/fp-japan-2025.zh.txt[/]
      (put the English original in reference_en/ first: it is not shipped)
  [cyan]align check orig.txt trans.txt -o review/ --format csv,xlsx --force[/]
  [cyan]align check zh.txt en.txt --presplit[/]            one sentence per line
  [cyan]pdftotext article.pdf - | align check - trans.txt[/]   "-" reads that side from stdin
  [cyan]align check project.xlf[/]                         a bilingual XLIFF/TMX: its segment pairs
  [cyan]align check orig.docx trans.docx[/]                 also writes reviewed.docx (Word comments)
  [cyan]align check https://example.com/story trans.txt[/]   the page's article, as the original

Writes alignment.csv, flags.csv, flags.xlsx, report.json, report.html and alignment.tmx into
outputs/<translation name>/ (or -o).

[bold]Exit codes[/]: 0 nothing critical; 1 critical flags; 2 bad input or options (one line);
3 internal error (one line naming the log file with the traceback).
"""


def _show_help(ctx: typer.Context, value: bool) -> None:
    if value:
        typer.echo(ctx.get_help())
        raise typer.Exit()


HelpOption = Annotated[
    bool,
    typer.Option(
        "--help", is_eager=True, callback=_show_help, metavar="", help="Show this message and exit."
    ),
]

# Options align check and align batch share, defined once so their names and help stay the same.
PresplitOption = Annotated[
    bool, typer.Option(help="Inputs are one sentence per line, blank line = paragraph.", metavar="")
]
EmbedderOption = Annotated[str, typer.Option(help="use (default), e5, or st:<model-name-or-folder>.")]
FormatOption = Annotated[
    str | None, typer.Option("--format", help="Comma-separated: csv,json,xlsx,html,tmx (default: all).")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.", metavar="")]
SeverityOption = Annotated[
    str | None,
    typer.Option(
        help="Where flag severities come from: learned (default; a model fit on flags raised on human "
        "translations, src/align/data/flag_model.md) or rules (each check's own).",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"align {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit.", metavar=""
        ),
    ] = False,
    help_: HelpOption = False,
) -> None:
    """Check a Chinese translation against its English original (or the reverse), offline."""


def _as_input(arg: str | None) -> Path | str | None:
    """A file argument as a ``Path``; an http(s):// address stays a string (a Path folds its //)."""
    from align.formats.web import is_url

    return None if arg is None else (arg if is_url(arg) else Path(arg))


def _label(p: Path | str) -> str:
    return p.name if isinstance(p, Path) else str(p)


def _check_save_original(path: Path) -> None:
    from align.paths import probe_writable

    if path.is_dir():
        raise AlignError(f"--save-original {path}: is a folder; give a file name")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise AlignError(f"--save-original {path}: folder {parent} does not exist")
    reason = probe_writable(parent)
    if reason is not None:
        raise AlignError(f"--save-original {path}: cannot write in {parent} ({reason})")


def _default_output(translation: Path | str) -> Path:
    from align.paths import report_name

    return Path("outputs") / report_name(translation)


def _seed_hint(original: Path | str | None, translation: Path | str | None) -> None:
    """A run on the seed without its English original explains exactly what to do."""
    ref = Path("reference_en")
    if original is not None and translation is None:
        raise AlignError(
            f"only one file given ({original}); the English original is needed too: put it in "
            f"{ref}/ (see {ref}/README.md) and run: align check {ref}/<original>.txt {original}"
        )
    for path in (original, translation):
        if (
            isinstance(path, Path)
            and str(path) != STDIN
            and not path.exists()
            and "reference_en" in path.parts
        ):
            raise AlignError(
                f"{path}: no such file; put the English original in reference_en/ first "
                "(it is copyrighted and not shipped; see reference_en/README.md)"
            )


STDIN = "-"


def _bilingual_input(original: Path | str | None, translation: Path | str | None) -> bool:
    """True for one bilingual file (XLIFF, .sdlxliff, TMX) given alone; refuses it given with another."""
    from align.formats import BILINGUAL_SUFFIXES

    def is_bi(p: Path | str | None) -> bool:
        return isinstance(p, Path) and p.suffix.lower() in BILINGUAL_SUFFIXES

    if is_bi(original) and translation is None:
        return True
    if is_bi(original) or is_bi(translation):
        which = original if is_bi(original) else translation
        raise AlignError(
            f"{which}: a bilingual file (XLIFF, TMX) holds both sides; check it alone: align check {which}"
        )
    return False


def _check_inputs(original: Path | str, translation: Path | str | None) -> None:
    """Both inputs exist (or one is ``-``, standard input) before anything is computed."""
    if str(original) == STDIN and str(translation) == STDIN:
        raise AlignError("only one side may be read from standard input (-); give the other as a file")
    for path in (original, translation):
        if path is None or isinstance(path, str):  # nothing, or a URL (fetched when read)
            continue
        if str(path) == STDIN:
            continue
        if not path.exists():
            raise AlignError(f"{path}: no such file")
        if path.is_dir():
            raise AlignError(f"{path}: is a directory, expected a text file")
        if not os.access(path, os.R_OK):
            raise AlignError(f"{path}: cannot read (permission denied)")


def _check_embedder(spec: str) -> None:
    """The embedder's name (not its model, which takes seconds to load) before any work."""
    from align.embed.base import EMBEDDERS

    for part in spec.split("+"):
        key, _, name = part.partition(":")
        if key not in EMBEDDERS:
            raise AlignError(
                f"unknown embedder {spec!r}; choose one of: use, e5, st:<name-or-path> "
                "(or several joined by +, e.g. use+e5)"
            )
        if key == "st":
            import importlib.util

            if not name:
                raise AlignError("the st backend needs a model: --embedder st:<name-or-local-path>")
            if importlib.util.find_spec("sentence_transformers") is None:
                raise AlignError(
                    f'--embedder {spec}: the st backend needs sentence-transformers: pip install -e ".[st]"'
                )


@contextlib.contextmanager
def _progress_bar(console: Console):
    """A rich progress bar whose task follows the pipeline's stages (nothing shown with --quiet).

    When the output is not a terminal (``align check a b > summary.txt``, ``| less``) a bar cannot be
    drawn: each new stage is printed as a plain line on stderr instead, where the user is watching
    (a stderr that is not a terminal either, as in a script or CI, stays quiet but for errors).
    """
    if not console.is_terminal:
        from align.report.summary import is_terminal

        with _plain_progress(console.quiet or not is_terminal(sys.stderr)) as update:
            yield update
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=console.quiet,
    ) as bar:
        task = bar.add_task("reading", total=1)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=max(total, 1))

        yield update


@contextlib.contextmanager
def _plain_progress(quiet: bool):
    """Stage names as plain lines on stderr ("align: embedding sentences …"), each stage once."""
    last = [""]
    t0 = time.perf_counter()

    def update(stage: str, done: int, total: int) -> None:
        if quiet or stage == last[0]:
            return
        last[0] = stage
        print(f"align: {stage} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)

    # no line for "reading": an input refused while reading must stay a one-line error
    yield update


def _check_output(output: Path, force: bool) -> None:
    """Refuse a bad output path before the expensive work, not after it.

    The nearest existing folder of ``output`` must take a new file (a temporary one is created and
    removed); with ``--force``, an existing output must be one this user can remove.
    """
    from align.io import check_replaceable
    from align.paths import probe_writable

    if output.exists() and not output.is_dir():
        raise AlignError(f"{output}: exists and is not a folder; choose another --output")
    if output.is_dir() and any(output.iterdir()) and not force:
        raise AlignError(f"{output}: output folder exists and is not empty; use --force to overwrite it")
    for parent in output.parents:
        if parent.exists() and not parent.is_dir():
            raise AlignError(f"{output}: {parent} is a file, not a folder; choose another --output")
    # the output is written beside itself and renamed into place: its parent must be writable
    nearest = next((p for p in output.absolute().parents if p.exists()), Path("/"))
    reason = probe_writable(nearest)
    if reason is not None:
        raise AlignError(
            f"{output}: cannot write the output folder in {nearest} ({reason}); choose another --output"
        )
    if output.is_dir():
        check_replaceable(output)


def precise_params(precise: bool):  # noqa: ANN201 - AlignParams, imported late to keep --help fast
    """The aligner settings of ``--precise`` (token-level bead score on), or None for the defaults."""
    from align.aligner import AlignParams

    return AlignParams(token_weight=1.0) if precise else None


def run_check(
    original: Path | str | None,
    translation: Path | str | None,
    output: Path | None,
    *,
    source_lang: str | None,
    target_lang: str | None,
    presplit: bool,
    embedder: str,
    formats: str | None,
    decisions: Path | None,
    force: bool,
    quiet: bool,
    glossary: Path | None = None,
    checks: str | None = None,
    precise: bool = False,
    timings: bool = False,
    realign: bool = False,
    save_original: Path | None = None,
    severity: str | None = None,
    jobs: int | None = None,
) -> int:
    from align.report.summary import make_console

    console = make_console(quiet=quiet)
    # everything a user can get wrong is refused here, in one line, before any text is read
    bilingual = _bilingual_input(original, translation)
    if realign and not bilingual:
        raise AlignError("--realign applies to a bilingual file (XLIFF, .sdlxliff, TMX) given alone")
    if save_original is not None:
        _check_save_original(save_original)
    if not bilingual:
        _seed_hint(original, translation)
    if original is None:
        from align.pipeline import demo_paths

        original, translation = demo_paths()
        output = output or Path("outputs") / "demo"
        force = True if output == Path("outputs") / "demo" else force
        console.print("[bold]align demo[/]: the bundled article pair with four planted errors")
    if bilingual:
        _check_inputs(original, None)
        translation = original
    assert translation is not None
    if not bilingual:
        _check_inputs(original, translation)
    for lang in (source_lang, target_lang):
        if lang is not None and lang not in ("en", "zh"):
            raise AlignError(f"unsupported language {lang!r}: use en or zh")
    from align.pipeline import severity_source
    from align.report import parse_formats

    severity = severity_source(severity)
    fmts = parse_formats(formats)
    _check_embedder(embedder)
    output = output or _default_output(translation)
    _check_output(output, force)
    terms = None
    if glossary is not None:
        from align.checks.glossary import read_glossary

        terms = read_glossary(glossary)
    chosen = registry.parse(checks)
    registry.resolve(chosen, options={"glossary": terms})
    reviewed = None
    if decisions is not None:
        from align.report.decisions import read_decisions

        reviewed = read_decisions(decisions)
    return _run(
        original,
        translation,
        output,
        console,
        source_lang=source_lang,
        target_lang=target_lang,
        presplit=presplit,
        embedder=embedder,
        fmts=fmts,
        reviewed=reviewed,
        force=force,
        glossary=glossary,
        checks=chosen,
        precise=precise,
        timings=timings,
        bilingual=bilingual,
        realign=realign,
        save_original=save_original,
        severity=severity,
        jobs=jobs,
    )


def _early_warning(message: str) -> None:
    """A warning about the input, on stderr as soon as the files are read (a 20 MB original against a
    short translation is said before minutes of work, not after)."""
    err.print(f"warning: {message}", markup=False, highlight=False, soft_wrap=True)


def _run(original: Path, translation: Path, output: Path, console: Console, *, reviewed, fmts, **kw) -> int:
    """The heavy part of ``align check``, once everything was validated."""
    from align.pipeline import check
    from align.report import write_report
    from align.report.summary import print_summary

    source_lang = kw["source_lang"]
    started = time.perf_counter()
    with _progress_bar(console) as update:
        if kw["bilingual"]:
            from align.pipeline import check_bilingual

            report = check_bilingual(
                original,
                source_lang=source_lang,
                target_lang=kw["target_lang"],
                realign=kw["realign"],
                embedder=kw["embedder"],
                progress=update,
                glossary=kw["glossary"],
                checks=kw["checks"],
                params=precise_params(kw["precise"]),
                on_warning=None if console.quiet else _early_warning,
                severity=kw["severity"],
                jobs=kw["jobs"],
            )
        else:
            report = check(
                original,
                translation,
                source_lang=source_lang,
                target_lang=kw["target_lang"],
                presplit=kw["presplit"],
                embedder=kw["embedder"],
                progress=update,
                glossary=kw["glossary"],
                checks=kw["checks"],
                params=precise_params(kw["precise"]),
                on_warning=None if console.quiet else _early_warning,
                severity=kw["severity"],
                jobs=kw["jobs"],
            )
        if reviewed is not None:
            from align.report.decisions import apply_decisions, match_decisions

            match = match_decisions(report, reviewed)
            report, suppressed = apply_decisions(report, reviewed)
            console.print(match.message(suppressed, reviewed.source), markup=False, highlight=False)
        update("writing", 0, 1)
        report.timings["startup"] = started - _STARTED
        try:
            docx = translation if not kw["bilingual"] and str(translation).lower().endswith(".docx") else None
            files = write_report(
                report,
                output,
                fmts,
                force=kw["force"],
                timings=kw["timings"],
                translation_docx=docx,
                jobs=kw["jobs"],
            )
        except OSError as e:
            raise AlignError(f"{output}: cannot write the output folder ({e.strerror or e})") from None
        _WRITTEN.append(output)
    if report.source.lang == "zh" and report.target.lang == "en" and not source_lang and not kw["bilingual"]:
        console.print(
            f"note: the original ({_label(original)}) was detected as Chinese and the translation "
            f"({_label(translation)}) as English, so this checks a Chinese → English translation; "
            "if the English text is the original, give it first",
            highlight=False,
            markup=False,
        )
    if kw["save_original"] is not None:
        from align.io import write_text_atomically

        try:
            write_text_atomically(kw["save_original"], report.source.text + "\n")
        except OSError as e:
            raise AlignError(f"{kw['save_original']}: cannot write ({e.strerror or e})") from None
        files = [*files, kw["save_original"]]
    print_summary(report, console)
    console.print(f"wrote {', '.join(str(f) for f in files)}", markup=False, highlight=False)
    if kw["timings"]:
        from align.timing import format_timings

        # on stderr, like progress: stdout stays the summary a script may parse
        err.print(
            format_timings(report.timings, total=time.perf_counter() - _STARTED),
            markup=False,
            highlight=False,
        )
    _DONE.append(output)  # everything is written: the process may end without its teardown
    return 1 if report.has_critical() else 0


@app.command(epilog=EXAMPLE, add_help_option=False)
def check(
    original: Annotated[
        str | None,
        typer.Argument(
            help="The original (English or Chinese): a text, .md, .html, .docx file or an http(s):// "
            "page; an XLIFF/TMX file alone; - reads standard input.",
            show_default=False,
        ),
    ] = None,
    translation: Annotated[
        str | None,
        typer.Argument(
            help="Its translation (the other language), in the same kinds of file; - reads standard input.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output folder (default: outputs/<name>).")
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Language of ORIGINAL: en or zh (default: detected).")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Language of TRANSLATION: en or zh (default: detected).")
    ] = None,
    presplit: PresplitOption = False,
    embedder: EmbedderOption = "use",
    format: FormatOption = None,
    decisions: Annotated[
        Path | None,
        typer.Option(help="A reviewed flags.xlsx/csv: flags marked false-alarm are not raised again."),
    ] = None,
    glossary: Annotated[
        Path | None,
        typer.Option(
            help="CSV of approved renderings: source,target[,note]; several targets separated by |."
        ),
    ] = None,
    checks: Annotated[str | None, typer.Option(help=registry.help_text())] = None,
    precise: Annotated[
        bool,
        typer.Option(
            help="Slower, more accurate alignment: a second opinion on each bead from contextual token "
            "vectors (~12 ms a sentence; +0.005 strict F1 on literary text).",
            metavar="",
        ),
    ] = False,
    severity: SeverityOption = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output folder.", metavar="")] = False,
    quiet: QuietOption = False,
    save_original: Annotated[
        Path | None,
        typer.Option(
            help="Also write the original's text as read (a web page's extracted article, a .docx's "
            "paragraphs) to this file, to reuse or archive it.",
        ),
    ] = None,
    realign: Annotated[
        bool,
        typer.Option(
            help="With a bilingual file (XLIFF, TMX): align its two texts afresh instead of keeping its "
            "segment pairs.",
            metavar="",
        ),
    ] = False,
    timings: Annotated[
        bool,
        typer.Option(
            help="Print seconds per stage (read, segment, embed, align, each check, each writer) and "
            "peak memory on stderr, and record them in report.json.",
            metavar="",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "-j",
            "--jobs",
            min=1,
            help="Processes for the checks of a long document (300+ sentence pairs); default 2 where "
            "the machine has two cores or more, 1 runs them all in one process. The report is the same.",
            show_default=False,
        ),
    ] = None,
    help_: HelpOption = False,
) -> None:
    """Align ORIGINAL and TRANSLATION sentence by sentence and flag what looks wrong.

    With no files, runs the bundled demo.
    """
    raise typer.Exit(
        run_check(
            _as_input(original),
            _as_input(translation),
            output,
            source_lang=source_lang,
            target_lang=target_lang,
            presplit=presplit,
            embedder=embedder,
            formats=format,
            decisions=decisions,
            force=force,
            quiet=quiet,
            glossary=glossary,
            checks=checks,
            precise=precise,
            timings=timings,
            realign=realign,
            save_original=save_original,
            severity=severity,
            jobs=jobs,
        )
    )


BATCH_EXAMPLE = """
[bold]Examples[/]

  [cyan]align batch pairs.csv -o review/[/]             columns original,translation[,name]
  [cyan]align batch articles/ -o review/ -j 2[/]        NAME.en.txt with NAME.zh.txt, 2 processes
  [cyan]align batch articles/ -o review/ --dask local[/]   a Dask LocalCluster of -j workers
  [cyan]align batch articles/ -o review/ --dask tcp://10.0.0.5:8786[/]

Writes OUTDIR/NAME/ for each pair (the files align check writes), OUTDIR/summary.csv and
OUTDIR/index.html. A rerun skips pairs already done (--force redoes them).

[bold]Exit codes[/]: 0 every pair checked, nothing critical; 1 a pair has critical flags;
2 a pair failed, or bad options (one line); 3 internal error.
"""


@app.command(epilog=BATCH_EXAMPLE, add_help_option=False)
def batch(
    pairs: Annotated[
        Path,
        typer.Argument(
            help="A CSV with columns original,translation[,name] (paths relative to it), or a folder "
            "where NAME.en.txt goes with NAME.zh.txt (.md, .html, .docx too)."
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output folder (created if missing).")],
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Worker processes (default 1).")] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            help='Run on Dask: "local" (a LocalCluster of -j workers) or a scheduler address '
            '(tcp://host:8786). Needs pip install -e ".\\[dask]".'
        ),
    ] = None,
    original_lang: Annotated[
        str, typer.Option(help="In a folder of pairs, the language of the originals: en (default) or zh.")
    ] = "en",
    source_lang: Annotated[
        str | None, typer.Option(help="Language of the originals (default: detected).")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Language of the translations (default: detected).")
    ] = None,
    presplit: PresplitOption = False,
    embedder: EmbedderOption = "use",
    format: FormatOption = None,
    glossary: Annotated[
        Path | None, typer.Option(help="CSV of approved renderings, applied to every pair.")
    ] = None,
    checks: Annotated[
        str | None, typer.Option(help="As for align check (default: the default checks).")
    ] = None,
    precise: Annotated[bool, typer.Option(help="Slower, more accurate alignment.", metavar="")] = False,
    severity: SeverityOption = None,
    force: Annotated[bool, typer.Option(help="Redo pairs already done.", metavar="")] = False,
    quiet: QuietOption = False,
    help_: HelpOption = False,
) -> None:
    """Check many pairs at once: one output folder per pair, a summary.csv and an index.html."""
    from align.report.summary import make_console

    console = make_console(quiet=quiet)
    from align.batching import batch as run_batch
    from align.batching import exit_code

    _BATCH_OUT.append(output)
    with _progress_bar(console) as update:
        summary = run_batch(
            pairs,
            output,
            workers=jobs,
            dask=dask,
            force=force,
            original_lang=original_lang,
            source_lang=source_lang,
            target_lang=target_lang,
            presplit=presplit,
            embedder=embedder,
            formats=format,
            checks=checks,
            glossary=glossary,
            precise=precise,
            severity=severity,
            progress=update,
        )
        _WRITTEN.append(output)
    _print_batch_summary(summary, output, console)
    raise typer.Exit(exit_code(summary))


def _print_batch_summary(summary, output: Path, console: Console) -> None:  # noqa: ANN001 - a DataFrame
    ok = summary[summary["status"] == "ok"]
    failed = summary[summary["status"] != "ok"]
    crit = ok[ok["critical"].astype(str).replace("", "0").astype(float) > 0]
    skipped = summary.attrs.get("skipped", 0)
    again = f" ({skipped} of them by an earlier run)" if skipped else ""
    console.print(
        f"{len(summary)} pairs: {len(ok)} checked{again}, {len(failed)} failed, "
        f"{len(crit)} with critical flags",
        markup=False,
        highlight=False,
    )
    for _, row in failed.iterrows():
        console.print(f"failed: {row['name']}: {row['error']}", markup=False, highlight=False, soft_wrap=True)
    console.print(f"wrote {output / 'summary.csv'}, {output / 'index.html'}", markup=False, highlight=False)


@app.command(add_help_option=False)
def demo(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output folder (default: outputs/demo).")
    ] = None,
    quiet: QuietOption = False,
    help_: HelpOption = False,
) -> None:
    """Run the check on the bundled demo article pair (same as `align check` with no files)."""
    check(output=output, force=True, quiet=quiet)


@app.command(add_help_option=False)
def bench(
    sets: Annotated[
        list[str], typer.Argument(help="mac-dev and/or bible (from ../shared/data or $ALIGN_DATA).")
    ],
    embedder: Annotated[str, typer.Option(help="use (default), e5, or st:<model>.")] = "use",
    cold: Annotated[
        bool, typer.Option(help="Empty embedding cache, to time a first run.", metavar="")
    ] = False,
    precise: Annotated[bool, typer.Option(help="Score the opt-in precise alignment.", metavar="")] = False,
    help_: HelpOption = False,
) -> None:
    """Score the aligner against gold alignments and Bertalign's stored output; print a table."""
    import os
    import tempfile

    from align.bench.datasets import SETS, data_root
    from align.bench.runner import format_table, run

    bad = [s for s in sets if s not in SETS]
    if bad:
        raise AlignError(f"unknown benchmark set {bad[0]!r}; choose from: {', '.join(SETS)}")
    if data_root() is None:
        typer.echo("skipped: evaluation data not found (../shared/data, or set ALIGN_DATA)")
        raise typer.Exit(0)
    if cold:
        os.environ["ALIGN_CACHE"] = tempfile.mkdtemp(prefix="align-cold-")
    for name in sets:
        typer.echo(format_table(run(name, embedder=embedder, params=precise_params(precise))))
        typer.echo("")


def main() -> None:
    """Console entry point: user errors become one line on stderr and exit code 2, never a traceback;
    an internal error is exit code 3, with its traceback in a log file named in one line."""
    try:
        app()
    except AlignError as e:
        _error(str(e))
        sys.exit(2)
    except KeyboardInterrupt:
        err.print(_interrupted(), markup=False, highlight=False)
        sys.exit(130)
    except SystemExit as e:
        # typer turns Ctrl-C into a silent exit 130; the user still gets one line saying what happened
        if e.code == 130:
            err.print(_interrupted(), markup=False, highlight=False)
        if _DONE and e.code in (0, 1):
            _exit_now(e.code)
        raise
    except Exception as e:  # a bug: say so in one line, keep the traceback for the report
        log = _write_crash_log()
        what = f"{type(e).__name__}: {e}".splitlines()[0][:200]
        where = f"the traceback is in {log}" if log else "no log file could be written"
        _error(f"{what}; {where}; please report it", label="internal error:")
        sys.exit(3)


def _exit_now(code: int) -> None:
    """End a finished ``align check`` at once, without the interpreter's teardown.

    Freeing the run's objects one by one (the names lexicon, the dictionaries' tables, the model's
    weights) took 0.3 s after the last file was written, a tenth of a warm run, for memory the system
    takes back anyway. What a normal exit does that matters is done first: the ``atexit`` callbacks
    run and the output streams are flushed. Every file was closed where it was written. Returns (for
    a normal exit) when another thread is still alive or a stream cannot be flushed.
    """
    import atexit
    import threading

    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None or threading.active_count() > 1 or not _is_the_program():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let Python's own exit report it
        return
    run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


def _is_the_program() -> bool:
    """Whether this process is the ``align`` command (the console script or ``python -m align``)
    that nothing watches: a profiler or coverage tool writes its data after ``main`` returns, and a
    script that calls ``main`` itself may have more to do."""
    if Path(sys.argv[0]).name not in ("align", "align.exe", "__main__.py"):
        return False
    if Path(sys.argv[0]).name == "__main__.py" and Path(sys.argv[0]).parent.name != "align":
        return False
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return False
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: coverage and cProfile hook in here
    return monitoring is None or all(monitoring.get_tool(i) is None for i in range(6))


def _error(message: str, label: str = "error:") -> None:
    """One line on stderr; the message is user text (paths, model names) and printed literally."""
    err.print(Text.assemble((label, "bold red"), " ", message), highlight=False, soft_wrap=True)


def _write_crash_log() -> Path | None:
    """Write the current exception's traceback (and the command line) into a log file."""
    from align.paths import log_dir

    body = f"align {__version__}\ncommand: {' '.join(sys.argv)}\n\n{traceback.format_exc()}"
    name = f"align-crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    import tempfile

    for folder in dict.fromkeys((log_dir(), Path(tempfile.gettempdir()))):
        try:
            path = folder / name
            path.write_text(body, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def _interrupted() -> str:
    if _BATCH_OUT:
        out = _BATCH_OUT[-1]
        try:
            with (out / "summary.csv").open(encoding="utf-8") as fh:
                done = max(sum(1 for _ in fh) - 1, 0)
        except OSError:
            done = 0
        return (
            f"interrupted; {done} finished pair(s) kept in {out} (summary.csv lists them); "
            "run the same command again to check the rest"
        )
    if _WRITTEN:
        return f"interrupted; the output in {_WRITTEN[-1]} was already complete"
    return "interrupted; no output was written"
