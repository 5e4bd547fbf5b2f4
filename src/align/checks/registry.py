"""The checks run on every bead, by name.

A check is anything callable as ``check(ctx: CheckContext) -> dict[bead index, list[Flag]]``. The
text checks (numbers, names, lexical meaning shifts) only need a bead's two texts; ``pair_check``
adapts their ``check_pair(src_text, src_lang, tgt_text, tgt_lang)`` to that shape.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from align.checks.context import CheckContext
from align.errors import AlignError
from align.types import Flag

Check = Callable[[CheckContext], dict[int, list[Flag]]]


def pair_check(module: str) -> Check:
    """Run ``align.checks.<module>.check_pair`` on every bead that has text on both sides."""

    def run(ctx: CheckContext) -> dict[int, list[Flag]]:
        fn = importlib.import_module(f"align.checks.{module}").check_pair
        out: dict[int, list[Flag]] = {}
        for i, bead in enumerate(ctx.beads):
            if bead.is_null:
                continue
            src, tgt = ctx.bead_texts(i)
            flags = fn(src, ctx.source.lang, tgt, ctx.target.lang)
            if flags:
                out[i] = list(flags)
        return out

    run.__name__ = f"{module}_check"
    return run


def _coverage(ctx: CheckContext) -> dict[int, list[Flag]]:
    from align.checks.coverage import coverage_check

    return coverage_check(ctx)


def _name(ctx: CheckContext) -> dict[int, list[Flag]]:
    from align.checks.names.check import names_check

    return names_check(ctx)


def _clause(ctx: CheckContext) -> dict[int, list[Flag]]:
    from align.checks.clauses import clause_check

    return clause_check(ctx)


CHECKS: dict[str, Check] = {
    "coverage": _coverage,
    "number": pair_check("numbers"),
    # names; one the translation adds is fine when the original named it just before
    "name": _name,
    "lexical": pair_check("lexical"),
    # untranslated words, a statement made a question, a swapped subject pronoun, a visible hole
    "form": pair_check("form"),
    # a clause or phrase of one side that the other does not render (leave-one-out on sentence
    # vectors; about 4 ms a bead, see benchmarks/RESULTS.md)
    "clause": _clause,
    # span-level omissions/additions inside a sentence: opt-in until it is more precise
    # (about 0.04 s per bead; see benchmarks/RESULTS.md)
    "divergence": pair_check("divergence"),
}
DEFAULT_CHECKS: tuple[str, ...] = ("coverage", "number", "name", "lexical", "form", "clause")


def resolve(names: tuple[str, ...] | list[str] | None) -> list[tuple[str, Check]]:
    names = tuple(names) if names else DEFAULT_CHECKS
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise AlignError(f"unknown check {unknown[0]!r}; choose from: {', '.join(CHECKS)}")
    return [(n, CHECKS[n]) for n in names]
