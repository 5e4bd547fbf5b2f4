"""The tabular views of a report, shared by the CSV, XLSX and notebook outputs.

Columns are part of the public contract (documented in the README); add new ones at the end.

The rows are plain dicts (:func:`alignment_rows`, :func:`flag_rows`); the CSV and XLSX writers use
them as they are, and only the notebook's DataFrames (:func:`alignment_frame`, :func:`flag_frame`)
import pandas, which took 0.2-0.3 s of every ``align check``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from align.types import SEVERITY_RANK, Flag, Report

if TYPE_CHECKING:
    import pandas as pd

ALIGNMENT_COLUMNS = [
    "bead",
    "source_ids",
    "target_ids",
    "kind",
    "source_text",
    "target_text",
    "score",
    "risk",
    "severity",
    "flags",
    "source_paragraph",
    "target_paragraph",
]

FLAG_COLUMNS = [
    "bead",
    "source_ids",
    "target_ids",
    "kind",
    "check",
    "severity",
    "confidence",
    "risk",
    "message",
    "source_text",
    "target_text",
    "source_span",
    "target_span",
    "source_excerpt",
    "target_excerpt",
    "pair_key",
]


def ids(side: str, idx: tuple[int, ...]) -> str:
    """``s3 s4`` style ids (``s`` source, ``t`` target); empty for a null side."""
    return " ".join(f"{side[0]}{i}" for i in idx)


def worst_severity(flags: tuple[Flag, ...]) -> str:
    return min((f.severity for f in flags), key=SEVERITY_RANK.__getitem__) if flags else ""


def pair_key(source_text: str, target_text: str) -> str:
    """A content hash of a sentence pair: review decisions follow the text, not the row number."""
    norm = "\x1f".join(" ".join(t.split()) for t in (source_text, target_text))
    # a letter prefix keeps spreadsheets from reading an all-digit or "12e45" key as a number
    return "p" + hashlib.sha256(norm.encode()).hexdigest()[:16]


def _span_text(text: str, span: tuple[int, int] | None) -> str:
    return text[span[0] : span[1]] if span else ""


def _span_str(span: tuple[int, int] | None) -> str:
    return f"{span[0]}-{span[1]}" if span else ""


def alignment_frame(report: Report) -> pd.DataFrame:
    """One row per bead, in order: every input sentence appears in exactly one row."""
    import pandas as pd

    return _with_units(pd.DataFrame(alignment_rows(report), columns=ALIGNMENT_COLUMNS), report)


def alignment_rows(report: Report) -> list[dict[str, Any]]:
    """The rows of :func:`alignment_frame` (without the ``unit`` column), as dicts."""
    rows = []
    for i, bead in enumerate(report.beads):
        fl = report.flags[i]
        src_par = sorted({report.source.sentences[k].paragraph for k in bead.source})
        tgt_par = sorted({report.target.sentences[k].paragraph for k in bead.target})
        rows.append(
            {
                "bead": i,
                "source_ids": ids("source", bead.source),
                "target_ids": ids("target", bead.target),
                "kind": bead.kind,
                "source_text": report.bead_text(i, "source"),
                "target_text": report.bead_text(i, "target"),
                "score": round(bead.score, 4),
                "risk": round(report.risk[i], 4),
                "severity": worst_severity(fl),
                "flags": "; ".join(f"{f.kind}: {f.message}" for f in fl),
                "source_paragraph": " ".join(str(p) for p in src_par),
                "target_paragraph": " ".join(str(p) for p in tgt_par),
            }
        )
    return rows


def flag_frame(report: Report) -> pd.DataFrame:
    """One row per flag, most severe and most confident first within reading order of beads."""
    import pandas as pd

    return _with_units(pd.DataFrame(flag_rows(report), columns=FLAG_COLUMNS), report)


def flag_rows(report: Report) -> list[dict[str, Any]]:
    """The rows of :func:`flag_frame` (without the ``unit`` column), as dicts."""
    rows = []
    for i, bead in enumerate(report.beads):
        src = report.bead_text(i, "source")
        tgt = report.bead_text(i, "target")
        key = pair_key(src, tgt)
        for f in report.flags[i]:
            rows.append(
                {
                    "bead": i,
                    "source_ids": ids("source", bead.source),
                    "target_ids": ids("target", bead.target),
                    "kind": f.kind,
                    "check": f.check,
                    "severity": f.severity,
                    "confidence": round(f.confidence, 3),
                    "risk": round(report.risk[i], 4),
                    "message": f.message,
                    "source_text": src,
                    "target_text": tgt,
                    "source_span": _span_str(f.source_span),
                    "target_span": _span_str(f.target_span),
                    "source_excerpt": _span_text(src, f.source_span),
                    "target_excerpt": _span_text(tgt, f.target_span),
                    "pair_key": key,
                }
            )
    return rows


def _with_units(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """A ``unit`` column last (the unit id of a bilingual file's bead), only when there are units:
    the tables of two plain texts keep their columns."""
    if report.units:
        frame["unit"] = [report.units[int(b)] for b in frame["bead"]] if len(frame) else []
    return frame


def with_unit_column(
    columns: Sequence[str], rows: list[dict[str, Any]], report: Report
) -> tuple[list[str], list[dict[str, Any]]]:
    """``columns`` and ``rows`` with the ``unit`` column :func:`_with_units` adds to a frame."""
    if not report.units:
        return list(columns), rows
    for row in rows:
        row["unit"] = report.units[int(row["bead"])]
    return [*columns, "unit"], rows


def as_frame_values(columns: Sequence[str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows (each with every column) with each value as a DataFrame of them holds it
    (``to_dict("records")``), so that the writers that skip pandas write exactly what they wrote
    through it: a column of numbers with a float or a missing value among them is all floats (missing:
    NaN), a column of strings has NaN for a missing one, numpy scalars are Python numbers."""
    out = [dict(r) for r in rows]
    for col in columns:
        values = [r.get(col) for r in out]
        present = [v for v in values if v is not None]
        if present and all(_is_number(v) for v in present):
            as_float = len(present) < len(values) or any(isinstance(_native(v), float) for v in present)
            for r in out:
                v = r.get(col)
                r[col] = math.nan if v is None else (float(v) if as_float else int(v))
        elif present and all(isinstance(v, str) for v in present):
            for r in out:
                if r.get(col) is None:
                    r[col] = math.nan
        else:
            for r in out:
                r[col] = _native(r.get(col))
    return out


def _native(v: Any) -> Any:
    """A numpy scalar as the Python number it holds; anything else as it is."""
    return v.item() if type(v).__module__ == "numpy" and hasattr(v, "item") else v


def _is_number(v: Any) -> bool:
    v = _native(v)
    return isinstance(v, int | float) and not isinstance(v, bool)
