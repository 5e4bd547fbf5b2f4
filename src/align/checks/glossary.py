"""Glossary: approved renderings of key terms, checked in every bead.

A glossary is a CSV with a header ``source,target[,note]``; ``target`` may list several approved
renderings separated by ``|``. A ``term`` flag is raised where the original contains a source term
and the aligned translation contains none of its renderings. English terms match whole words,
case-insensitively; Chinese terms match as substrings.
"""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass
from os import PathLike

import regex

from align.checks.base import Check
from align.checks.context import CheckContext
from align.errors import AlignError
from align.io import read_text
from align.types import Flag


@dataclass(frozen=True, slots=True)
class Term:
    source: str
    renderings: tuple[str, ...]
    note: str = ""


def read_glossary(path: str | PathLike) -> tuple[Term, ...]:
    """Read a glossary CSV (any common encoding); a one-line ``AlignError`` if it is malformed.

    Errors name the line: an unterminated quote (which would swallow the rest of the file into
    one garbage term), a row without a source or a target. A file that needed repairs to decode
    (binary content, stray bytes) is refused rather than read into garbage terms.
    """
    import warnings

    from align.io import InputWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text, _ = read_text(path)
    repairs = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    if repairs:
        detail = repairs[0].removeprefix(f"{path}: ")
        raise AlignError(f"{path}: not a clean CSV text file ({detail}); save the glossary as CSV UTF-8")
    reader = csv.reader(_io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            what = "unterminated quote" if "end of data" in str(e) else str(e)
            raise AlignError(
                f'{path}, line {start}: {what} (a field opened with " is never closed)'
                if what == "unterminated quote"
                else f"{path}, line {start}: not valid CSV ({what})"
            ) from None
        if any(c.strip() for c in row):
            rows.append((start, row))
    header = [h.strip().lower() for h in rows[0][1]] if rows else []
    if not {"source", "target"} <= set(header):
        raise AlignError(f"{path}: a glossary needs a header row with columns source,target[,note]")
    terms = []
    for n, cells in rows[1:]:
        row = {h: (cells[i] if i < len(cells) else "").strip() for i, h in reversed(list(enumerate(header)))}
        renderings = tuple(r.strip() for r in row["target"].split("|") if r.strip())
        if not row["source"] or not renderings:
            raise AlignError(f"{path}, line {n}: both source and target are needed")
        terms.append(Term(row["source"], renderings, row.get("note", "")))
    return tuple(terms)


def _finder(term: str):
    """Whole-word, case-insensitive for Latin script; plain substring for Chinese."""
    if regex.search(r"\p{Han}", term):
        return regex.compile(regex.escape(term))
    return regex.compile(r"(?<!\w)" + regex.escape(term) + r"(?!\w)", regex.IGNORECASE)


def _compiled(terms: tuple[Term, ...]):
    return [(t, _finder(t.source), [_finder(r) for r in t.renderings]) for t in terms]


def glossary_flags(ctx: CheckContext, terms: tuple[Term, ...]) -> dict[int, list[Flag]]:
    """A ``term`` flag where a bead's original has a glossary term and its translation none of the
    approved renderings."""
    compiled = _compiled(terms)
    out: dict[int, list[Flag]] = {}
    for i, bead in enumerate(ctx.beads):
        if bead.is_null:
            continue  # an omitted or added sentence is flagged as such already
        src, tgt = ctx.bead_texts(i)
        for term, find, renderings in compiled:
            m = find.search(src)
            if m is None or any(r.search(tgt) for r in renderings):
                continue
            approved = " / ".join(f'"{r}"' for r in term.renderings)
            note = f" ({term.note})" if term.note else ""
            out.setdefault(i, []).append(
                Flag(
                    "term",
                    "major",
                    0.9,
                    f'glossary term "{m.group()}" should be rendered as {approved}{note}; '
                    "the translation has none of them",
                    source_span=(m.start(), m.end()),
                )
            )
    return out


class TermCheck(Check):
    """The user's glossary: runs when ``--glossary`` gives one (read and validated before any work)."""

    name = "term"
    kinds = ("term",)
    default = False
    needs = "glossary"
    summary = "a glossary term without any of its approved renderings (needs --glossary)"

    def run(self, ctx: CheckContext) -> dict[int, list[Flag]]:
        return glossary_flags(ctx, ctx.options["glossary"])
