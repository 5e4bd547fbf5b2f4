"""The terminal summary a translator sees after ``align check``: counts by kind and the worst flags.

User text (file names, sentences, messages, model names) is always printed literally: it is
escaped before it meets rich markup, so ``no[st]such.txt`` stays ``no[st]such.txt``. When stdout is
not a terminal (piped, redirected, captured by CI), lines are never wrapped: a path or a word is
never broken at column 80.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from align.types import FLAG_KINDS, SEVERITY_RANK, Report

SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "cyan"}
PIPED_WIDTH = 1000
"""Console width when the output is not a terminal: wide enough that nothing is wrapped."""


def make_console(*, quiet: bool = False, stderr: bool = False, file: TextIO | None = None) -> Console:
    """A console for the summary: the terminal's width on a terminal; unwrapped lines when piped."""
    probe = Console(file=file, stderr=stderr, quiet=quiet)
    if probe.is_terminal:
        return probe
    return Console(file=file, stderr=stderr, quiet=quiet, width=PIPED_WIDTH, soft_wrap=True)


def is_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (stdout by default) is an interactive terminal."""
    stream = stream if stream is not None else sys.stdout
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def worst_flags(report: Report, limit: int = 10) -> list[tuple[int, object]]:
    items = [(i, f) for i, fl in enumerate(report.flags) for f in fl]
    items.sort(key=lambda x: (SEVERITY_RANK[x[1].severity], -x[1].confidence, x[0]))
    return items[:limit]


def print_summary(report: Report, console: Console, *, limit: int = 10) -> None:
    src, tgt = report.source, report.target
    names = {"en": "English", "zh": "Chinese"}

    def side(label: str, doc) -> str:
        name = f" {escape(Path(doc.name).name)}" if doc.name else ""
        return f"{label}{name}: [bold]{len(doc)}[/] {names.get(doc.lang, doc.lang)} sentences"

    console.print(
        f"{side('original', src)}; {side('translation', tgt)}; [bold]{len(report.beads)}[/] beads "
        f"(embedder {escape(str(report.signature.get('embedder', '?')))})",
        highlight=False,
    )
    for w in report.warnings:
        console.print(f"[bold yellow]warning:[/] {escape(w)}", highlight=False)
    counts = report.counts()
    sev = {s: 0 for s in SEVERITY_STYLE}
    for fl in report.flags:
        for f in fl:
            sev[f.severity] += 1
    t = Table(title="Flags by kind", show_edge=False)
    for k in FLAG_KINDS:
        t.add_column(k, justify="right")
    t.add_row(*(str(counts[k]) for k in FLAG_KINDS))
    console.print(t, soft_wrap=False)
    console.print(" ".join(f"[{SEVERITY_STYLE[s]}]{s} {n}[/]" for s, n in sev.items()))
    worst = worst_flags(report, limit)
    if not worst:
        if report.unrelated:  # flags were withheld, not absent: never say "no problems" here
            console.print("[bold red]Not checked:[/] the texts do not look like translations of each other.")
        else:
            console.print("[green]No problems found.[/]")
        return
    console.print(f"[bold]Worst {len(worst)} flags[/] (all of them: flags.csv / report.html)")
    src_tag, tgt_tag = report.source.lang.upper(), report.target.lang.upper()
    for i, f in worst:
        s, t_ = report.bead_text(i, "source"), report.bead_text(i, "target")
        console.print(
            f"[{SEVERITY_STYLE[f.severity]}]{f.severity:<8}[/] [bold]{f.kind:<14}[/] "
            f"bead {i}: {escape(f.message)}",
            highlight=False,
        )
        console.print(f"    {src_tag}: {_clip(s, f.source_span)}", highlight=False)
        console.print(f"    {tgt_tag}: {_clip(t_, f.target_span)}", highlight=False)


def _clip(text: str, span: tuple[int, int] | None, width: int = 100) -> str:
    """Show the flagged span in context (reverse video), trimmed to about ``width`` characters."""
    if span:
        a, b = span
        lo = max(0, a - 40)
        hi = min(len(text), b + 40)
        pre, mid, post = text[lo:a], text[a:b], text[b:hi]
        return (
            ("…" if lo else "")
            + escape(pre)
            + "[bold reverse]"
            + escape(mid)
            + "[/]"
            + escape(post)
            + ("…" if hi < len(text) else "")
        )
    return escape(text if len(text) <= width else text[: width - 1] + "…")
