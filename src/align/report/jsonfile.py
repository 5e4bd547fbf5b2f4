"""``report.json``: the complete result in a documented, versioned schema (docs/report-schema.md).

Schema 2 (2 added each flag's ``check``). Readers should check ``schema`` and ignore keys they do
not know; new keys may be added without a version bump, removing or changing one bumps it.
"""

from __future__ import annotations

import json
from pathlib import Path

from align.types import Document, Report

SCHEMA_VERSION = 2


def _doc(doc: Document) -> dict:
    return {
        "lang": doc.lang,
        "name": Path(doc.name).name if doc.name else "",
        "encoding": doc.encoding,
        "sentences": [
            {"id": s.idx, "text": s.text, "paragraph": s.paragraph, "start": s.start, "end": s.end}
            for s in doc.sentences
        ],
    }


def report_dict(report: Report, *, timings: bool = False) -> dict:
    """The report as JSON-ready data; ``timings`` adds the run's seconds per stage (not reproducible,
    so only on request: ``align check --timings``)."""
    beads = []
    for i, b in enumerate(report.beads):
        unit = {"unit": report.units[i]} if report.units else {}
        beads.append(
            {
                **unit,
                "source": list(b.source),
                "target": list(b.target),
                "score": round(b.score, 6),
                "risk": round(report.risk[i], 6),
                "flags": [
                    {
                        "kind": f.kind,
                        "check": f.check,
                        "severity": f.severity,
                        "confidence": round(f.confidence, 6),
                        "message": f.message,
                        "source_span": list(f.source_span) if f.source_span else None,
                        "target_span": list(f.target_span) if f.target_span else None,
                    }
                    for f in report.flags[i]
                ],
            }
        )
    out = {
        "schema": SCHEMA_VERSION,
        "signature": report.signature,
        "warnings": list(report.warnings),
        "summary": {"beads": len(report.beads), "flags": report.counts()},
        "source": _doc(report.source),
        "target": _doc(report.target),
        "beads": beads,
    }
    if timings:
        from align.timing import AGGREGATES, peak_memory_mb

        out["timings"] = {k: round(v, 4) for k, v in report.timings.items()}
        out["timings"]["total"] = round(sum(v for k, v in report.timings.items() if k not in AGGREGATES), 4)
        out["timings"]["peak_memory_mb"] = round(peak_memory_mb())
        if peak_memory_mb(children=True) >= 1:  # the forked checks of a long document
            out["timings"]["peak_memory_forked_mb"] = round(peak_memory_mb(children=True))
    return out


def write_json(report: Report, path: Path, *, timings: bool = False) -> None:
    data = report_dict(report, timings=timings)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
