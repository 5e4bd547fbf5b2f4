"""The ``align`` command: a thin layer over ``align.pipeline`` (same knobs, same names).

The pipeline, the report writers and pandas are imported inside the commands that use them, so
``--help``, ``--version`` and a refused option answer in well under a second; the check registry is
imported here, since ``--help`` lists its checks.

Exit codes (for scripts and CI pipelines):
  0  checked, nothing critical found
  1  checked, at least one critical flag (see flags.csv)
  2  bad input or options (one-line message on stderr)
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from align import __version__
from align.checks import registry
from align.errors import AlignError

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help="Check a Chinese translation against its English original (or the reverse), offline.",
)
err = Console(stderr=True)
_WRITTEN: list[Path] = []  # output folders completed by this process (for the Ctrl-C message)

EXAMPLE = """
[bold]Examples[/]

  [cyan]align check[/]                                      run the bundled demo
  [cyan]align check reference_en/article.txt seeds/fp-japan-2025.zh.txt[/]
  [cyan]align check orig.txt trans.txt -o review/ --format csv,xlsx --force[/]
  [cyan]align check zh.txt en.txt --presplit[/]            one sentence per line

Writes alignment.csv, flags.csv, flags.xlsx, report.json, report.html and alignment.tmx into
outputs/<translation name>/ (or -o). Exit code 0: nothing critical; 1: critical flags; 2: bad input.
"""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"align {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check a Chinese translation against its English original (or the reverse), offline."""


def _default_output(translation: Path) -> Path:
    name = translation.name
    for suffix in (".txt", ".zh", ".en", ".md"):
        name = name.removesuffix(suffix)
    return Path("outputs") / (name or "report")


def _seed_hint(original: Path | None, translation: Path | None) -> None:
    """A run on the seed without its English original explains exactly what to do."""
    ref = Path("reference_en")
    if original is not None and translation is None:
        raise AlignError(
            f"only one file given ({original}); the English original is needed too: put it in "
            f"{ref}/ (see {ref}/README.md) and run: align check {ref}/<original>.txt {original}"
        )


@contextlib.contextmanager
def _progress_bar(console: Console):
    """A rich progress bar whose task follows the pipeline's stages (nothing shown with --quiet)."""
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
        TextColumn("{task.description}"),
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


def _check_output(output: Path, force: bool) -> None:
    """Refuse a bad output path before the expensive work, not after it."""
    if output.exists() and not output.is_dir():
        raise AlignError(f"{output}: exists and is not a folder; choose another --output")
    if output.is_dir() and any(output.iterdir()) and not force:
        raise AlignError(f"{output}: output folder exists and is not empty; use --force to overwrite it")
    for parent in output.parents:
        if parent.exists() and not parent.is_dir():
            raise AlignError(f"{output}: {parent} is a file, not a folder; choose another --output")


def precise_params(precise: bool):  # noqa: ANN201 - AlignParams, imported late to keep --help fast
    """The aligner settings of ``--precise`` (token-level bead score on), or None for the defaults."""
    from align.aligner import AlignParams

    return AlignParams(token_weight=1.0) if precise else None


def run_check(
    original: Path | None,
    translation: Path | None,
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
) -> int:
    from align.pipeline import check, demo_paths
    from align.report import parse_formats, write_report
    from align.report.summary import print_summary

    console = Console(quiet=quiet)
    _seed_hint(original, translation)
    if original is None:
        original, translation = demo_paths()
        output = output or Path("outputs") / "demo"
        force = True if output == Path("outputs") / "demo" else force
        console.print("[bold]align demo[/]: the bundled article pair with four planted errors")
    assert translation is not None
    fmts = parse_formats(formats)
    output = output or _default_output(translation)
    _check_output(output, force)
    for lang in (source_lang, target_lang):
        if lang is not None and lang not in ("en", "zh"):
            raise AlignError(f"unsupported language {lang!r}: use en or zh")

    with _progress_bar(console) as update:
        report = check(
            original,
            translation,
            source_lang=source_lang,
            target_lang=target_lang,
            presplit=presplit,
            embedder=embedder,
            progress=update,
            glossary=glossary,
            checks=registry.parse(checks),
            params=precise_params(precise),
        )
        if decisions is not None:
            from align.report.decisions import apply_decisions, read_decisions

            report, suppressed = apply_decisions(report, read_decisions(decisions))
            console.print(f"{suppressed} flag(s) suppressed by reviewer decisions in {decisions}")
        update("writing", 0, 1)
        try:
            files = write_report(report, output, fmts, force=force)
        except OSError as e:
            raise AlignError(f"{output}: cannot write the output folder ({e.strerror or e})") from None
        _WRITTEN.append(output)
    if report.source.lang == "zh" and report.target.lang == "en" and not source_lang:
        console.print(
            f"note: the original ({original.name}) was detected as Chinese and the translation "
            f"({translation.name}) as English, so this checks a Chinese → English translation; "
            "if the English text is the original, give it first",
            highlight=False,
        )
    print_summary(report, console)
    console.print(f"wrote {', '.join(str(f) for f in files)}")
    return 1 if report.has_critical() else 0


@app.command(epilog=EXAMPLE)
def check(
    original: Annotated[Path | None, typer.Argument(help="The original text (English or Chinese).")] = None,
    translation: Annotated[Path | None, typer.Argument(help="Its translation (the other language).")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output folder (default: outputs/<name>).")
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Language of ORIGINAL: en or zh (default: detected).")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Language of TRANSLATION: en or zh (default: detected).")
    ] = None,
    presplit: Annotated[
        bool, typer.Option(help="Inputs are one sentence per line, blank line = paragraph.")
    ] = False,
    embedder: Annotated[str, typer.Option(help="use (default), e5, or st:<model-name-or-folder>.")] = "use",
    format: Annotated[
        str | None, typer.Option("--format", help="Comma-separated: csv,json,xlsx,html,tmx (default: all).")
    ] = None,
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
            "vectors (~12 ms a sentence; +0.005 strict F1 on literary text)."
        ),
    ] = False,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output folder.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Align ORIGINAL and TRANSLATION sentence by sentence and flag what looks wrong.

    With no files, runs the bundled demo.
    """
    raise typer.Exit(
        run_check(
            original,
            translation,
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
        )
    )


@app.command()
def demo(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output folder (default: outputs/demo).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Run the check on the bundled demo article pair (same as `align check` with no files)."""
    check(output=output, force=True, quiet=quiet)


@app.command()
def bench(
    sets: Annotated[
        list[str], typer.Argument(help="mac-dev and/or bible (from ../shared/data or $ALIGN_DATA).")
    ],
    embedder: Annotated[str, typer.Option(help="use (default), e5, or st:<model>.")] = "use",
    cold: Annotated[bool, typer.Option(help="Empty embedding cache, to time a first run.")] = False,
    precise: Annotated[bool, typer.Option(help="Score the opt-in precise alignment.")] = False,
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
    """Console entry point: user errors become one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except AlignError as e:
        err.print(f"[bold red]error:[/] {e}", highlight=False, soft_wrap=True, markup=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print(_interrupted())
        sys.exit(130)
    except SystemExit as e:
        # typer turns Ctrl-C into a silent exit 130; the user still gets one line saying what happened
        if e.code == 130:
            err.print(_interrupted(), highlight=False)
        raise


def _interrupted() -> str:
    if _WRITTEN:
        return f"interrupted; the output in {_WRITTEN[-1]} was already complete"
    return "interrupted; no output was written"
