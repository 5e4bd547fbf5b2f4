"""TMX 1.4 export: the checked alignment as a translation memory for CAT tools.

A translator who has reviewed a report can load ``alignment.tmx`` into OmegaT, Trados, memoQ and
the like and reuse every aligned pair. We write one ``<tu>`` per bead that has text on both sides;
the check's verdict travels along as ``x-align-*`` properties so a CAT tool (or a later script)
can tell which units an editor should distrust.

The output is deterministic — same report, same bytes — so it can be diffed and committed. The
``creationdate`` therefore comes from ``report.signature["created"]`` when the pipeline recorded
one (a ``datetime``, epoch seconds, ISO 8601 or TMX ``YYYYMMDDThhmmssZ`` string) and is otherwise
the fixed :data:`FALLBACK_CREATED`, never the wall clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from align import __version__
from align.report.tables import worst_severity
from align.types import FLAG_KINDS, Report

FALLBACK_CREATED = datetime(2000, 1, 1, tzinfo=UTC)
"""Timestamp used when the report's signature has no usable ``created`` entry."""

TMX_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry at all; a stray one would make the whole file unreadable.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANG_TAGS = {"zh": "zh-CN", "en": "en"}


def report_created(report: Report) -> datetime:
    """The report's creation time as an aware UTC datetime, or the fixed fallback.

    Shared by the TMX and XLSX writers so both stamp the same moment; a malformed value falls
    back rather than failing, because a timestamp is never worth losing an editor's output over.
    """
    value = report.signature.get("created") if isinstance(report.signature, dict) else None
    dt: datetime | None = None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        try:
            dt = datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            dt = None
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            dt = datetime.strptime(text, TMX_DATE_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            try:
                dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                dt = None
    if dt is None:
        return FALLBACK_CREATED
    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    # ZIP (xlsx) cannot store dates before 1980; keep one rule for every writer.
    return dt if dt.year >= 1980 else FALLBACK_CREATED


def tmx_lang(lang: str) -> str:
    """BCP 47 tag a CAT tool expects: ``zh`` → ``zh-CN`` (the toolkit handles Simplified Chinese)."""
    return _LANG_TAGS.get(lang, lang)


def _tool_version(report: Report) -> str:
    try:
        return str(__version__)
    except ImportError:
        sig = report.signature if isinstance(report.signature, dict) else {}
        return str(sig.get("version") or sig.get("align") or "unknown")


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _prop(parent: ET.Element, kind: str, value: str) -> None:
    el = ET.SubElement(parent, "prop", {"type": kind})
    el.text = _clean(value)


def build_tmx(report: Report) -> ET.Element:
    """The ``<tmx>`` element tree for ``report`` (separate from writing so tests can inspect it)."""
    src_lang = tmx_lang(report.source.lang)
    tgt_lang = tmx_lang(report.target.lang)
    root = ET.Element("tmx", {"version": "1.4"})
    null_beads = sum(1 for b in report.beads if b.is_null)
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "align",
            "creationtoolversion": _tool_version(report),
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": src_lang,
            "o-tmf": "align",
            "creationdate": report_created(report).strftime(TMX_DATE_FORMAT),
        },
    )
    # Null beads (1-0 / 0-1) are not translation pairs; say how many were left out.
    _prop(header, "x-align-null-beads", str(null_beads))
    _prop(header, "x-align-beads", str(len(report.beads)))
    if report.source.name:
        _prop(header, "x-align-source-file", report.source.name)
    if report.target.name:
        _prop(header, "x-align-target-file", report.target.name)
    body = ET.SubElement(root, "body")
    for i, bead in enumerate(report.beads):
        if bead.is_null:
            continue
        # a bilingual file's unit keeps its id, so the memory can be matched back to the file
        tu = ET.SubElement(body, "tu", {"tuid": report.units[i] if report.units else str(i)})
        flags = report.flags[i]
        if flags:
            present = {f.kind for f in flags}
            _prop(tu, "x-align-flags", " ".join(k for k in FLAG_KINDS if k in present))
            _prop(tu, "x-align-severity", worst_severity(flags))
        _prop(tu, "x-align-score", f"{bead.score:.4f}")
        _prop(tu, "x-align-bead", bead.kind)
        for lang, side in ((src_lang, "source"), (tgt_lang, "target")):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            seg = ET.SubElement(tuv, "seg")
            seg.text = _clean(report.bead_text(i, side))
    return root


def write_tmx(report: Report, path: Path) -> None:
    """Write ``report`` as a TMX 1.4 file (UTF-8) at ``path``."""
    root = build_tmx(report)
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="unicode")
    data = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + xml + "\n"
    Path(path).write_bytes(data.encode("utf-8"))
