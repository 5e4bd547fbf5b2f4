"""The tabular views of a report, shared by the CSV, XLSX and notebook outputs.

Columns are part of the public contract (documented in the README); add new ones at the end.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from align.types import SEVERITY_RANK, Flag, Report

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
    return _with_units(pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS), report)


def flag_frame(report: Report) -> pd.DataFrame:
    """One row per flag, most severe and most confident first within reading order of beads."""
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
    return _with_units(pd.DataFrame(rows, columns=FLAG_COLUMNS), report)


def _with_units(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """A ``unit`` column last (the unit id of a bilingual file's bead), only when there are units:
    the tables of two plain texts keep their columns."""
    if report.units:
        frame["unit"] = [report.units[int(b)] for b in frame["bead"]] if len(frame) else []
    return frame
