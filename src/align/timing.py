"""Where a run's time goes: the stage names every timing uses, their order, and a printed table.

``Report.timings`` holds seconds per stage (``read``, ``segment``, ``embed``, ``lexicon``,
``tokens``, ``align``, ``check:<name>`` for each check, ``severity`` (the flag model), ``risk``,
``write:<format>``); ``align check
--timings`` prints them with ``format_timings`` and records them in ``report.json``, and
``benchmarks/bench_stages.py`` prints the same breakdown for the benchmark texts.
"""

from __future__ import annotations

import resource
import sys
from collections.abc import Mapping

# The stages in pipeline order; ``check:*`` and ``write:*`` entries are placed where their prefix is.
ORDER = (
    "startup", "read", "segment", "embed", "lexicon", "tokens", "align", "check:", "severity", "risk",
    "write:",
)
# Summaries of other entries: shown in a report.json but not added into the total.
AGGREGATES = ("check",)


def ordered(timings: Mapping[str, float]) -> list[tuple[str, float]]:
    """The stages of ``timings`` in pipeline order (aggregates left out), each once."""

    def rank(name: str) -> int:
        for k, prefix in enumerate(ORDER):
            if name == prefix or (prefix.endswith(":") and name.startswith(prefix)):
                return k
        return len(ORDER)

    items = [(k, float(v)) for k, v in timings.items() if k not in AGGREGATES]
    return sorted(items, key=lambda kv: rank(kv[0]))  # stable: checks keep the order they ran in


def peak_memory_mb(children: bool = False) -> float:
    """This process's peak resident memory in MB (what ``/usr/bin/time -v`` calls maximum RSS);
    ``children``: the largest of its finished child processes' (the forked checks of a long
    document, ``align.parallel``), 0 when there were none. A forked child's figure counts the pages
    it shares with this process too."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB elsewhere


def format_timings(timings: Mapping[str, float], *, total: float | None = None) -> str:
    """A plain table: stage, seconds, share of the total; then the total and peak memory."""
    rows = ordered(timings)
    whole = total if total is not None else sum(v for _, v in rows)
    width = max([len(k) for k, _ in rows] + [len("total")])
    lines = [f"{'stage':<{width}}  seconds  share"]
    for name, sec in rows:
        share = 100.0 * sec / whole if whole > 0 else 0.0
        lines.append(f"{name:<{width}}  {sec:7.2f}  {share:4.0f}%")
    lines.append(f"{'total':<{width}}  {whole:7.2f}")
    forked = peak_memory_mb(children=True)
    also = f" (forked processes: {forked:.0f} MB at most)" if forked >= 1 else ""
    lines.append(f"peak memory {peak_memory_mb():.0f} MB{also}")
    return "\n".join(lines)
