"""``index.html`` of an ``align batch`` folder: one sortable table of the pairs, each linking its report.

Self-contained like ``report.html`` (inline CSS and a few lines of script, no CDN); the table is
plain rows, so with scripts off it is still all there, only not sortable. Values come from the
same rows as ``summary.csv``, escaped by Jinja2.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from align.io import write_text_atomically
from align.report.html import _environment
from align.types import FLAG_KINDS, SEVERITIES

TEMPLATE = "index.html.j2"
_NUMBER = {"beads", *SEVERITIES, *(f"flags_{k}" for k in FLAG_KINDS), "max_risk", "seconds", "peak_mb"}
_SHOWN = (
    "name",
    "status",
    "beads",
    *SEVERITIES,
    *(f"flags_{k}" for k in FLAG_KINDS),
    "max_risk",
    "seconds",
    "error",
)


def _label(key: str) -> str:
    # the pair's name is "pair": a flag kind is called "name" too
    return "pair" if key == "name" else key.removeprefix("flags_").replace("_", " ")


def render_index(rows: Sequence[dict], formats: Sequence[str]) -> str:
    columns = [{"key": k, "label": _label(k), "type": "number" if k in _NUMBER else "text"} for k in _SHOWN]
    items = []
    for r in rows:
        ok = r.get("status") == "ok"
        crit = str(r.get("critical", "")) not in ("", "0", "0.0")
        items.append(
            {
                "name": r.get("name", ""),
                "status": r.get("status", ""),
                "is_critical": crit,
                "link": f"{quote(str(r.get('name', '')))}/report.html" if ok and "html" in formats else "",
                "cells": {k: ("" if r.get(k) is None else r.get(k)) for k in _SHOWN},
            }
        )
    totals = {
        "ok": sum(1 for r in rows if r.get("status") == "ok"),
        "failed": sum(1 for r in rows if r.get("status") != "ok"),
        "critical": sum(1 for i in items if i["is_critical"]),
    }
    return _environment().get_template(TEMPLATE).render(columns=columns, rows=items, totals=totals)


def write_index(folder: Path, rows: Sequence[dict], formats: Sequence[str]) -> Path:
    """Write ``folder/index.html`` through a temporary file (a reader never sees half a page)."""
    path = folder / "index.html"
    write_text_atomically(path, render_index(rows, formats))
    return path
