"""``flags.xlsx``: the review sheet an editor works through and hands back.

One row per flag (the columns of ``FLAG_COLUMNS``) plus two empty columns for the editor:
``decision`` (a dropdown: accept / false-alarm / fixed) and ``comment``. Reading the sheet back
(:mod:`align.report.decisions`) suppresses the flags marked false-alarm on the next run, matched
by ``pair_key`` so edits to the documents elsewhere do not break the link.

Two details exist because editors and version control meet this file:

* Text that starts with ``=`` (or ``+``, ``-``, ``@``) is stored as a plain string, never a formula,
  so a translation cannot run anything when the sheet is opened.
* The bytes are deterministic: document-property timestamps come from the report signature
  (see :func:`align.report.tmx.report_created`) and the ZIP entries get the same fixed time, so
  writing the same report twice gives identical files.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from align.report.tables import FLAG_COLUMNS, as_frame_values, flag_rows
from align.report.tmx import report_created
from align.types import Report

try:  # rich text in cells arrived in openpyxl 3.1; older versions just get plain text
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
except ImportError:  # pragma: no cover - openpyxl < 3.1
    CellRichText = None  # type: ignore[assignment,misc]

REVIEW_COLUMNS = ["decision", "comment"]
SHEET_COLUMNS = FLAG_COLUMNS + REVIEW_COLUMNS
DECISION_CHOICES = ("accept", "false-alarm", "fixed")
EXCEL_CELL_LIMIT = 32_767

SEVERITY_FILLS = {
    "critical": "F8D7DA",
    "major": "FDE5C8",
    "minor": "FFF6C7",
}
HIGHLIGHT_COLOR = "B00020"
HEADER_FILL = "DCE3EA"

WIDTHS = {
    "bead": 7,
    "source_ids": 10,
    "target_ids": 10,
    "kind": 14,
    "check": 11,
    "severity": 10,
    "confidence": 11,
    "risk": 8,
    "message": 48,
    "source_text": 55,
    "target_text": 55,
    "source_span": 11,
    "target_span": 11,
    "source_excerpt": 22,
    "target_excerpt": 22,
    "pair_key": 19,
    "decision": 13,
    "comment": 32,
}
WRAPPED = {"message", "source_text", "target_text", "source_excerpt", "target_excerpt", "comment"}

COLUMN_HELP = {
    "bead": "Bead number (0-based) in reading order; a bead is a group of aligned sentences.",
    "source_ids": "Source sentence ids (s0, s1, ...) in the bead; empty if nothing in the original.",
    "target_ids": "Target sentence ids (t0, t1, ...) in the bead; empty if nothing in the translation.",
    "kind": "What was found: omission, addition, mistranslation, number, name or term.",
    "check": "The check that raised the flag (coverage, number, name, lexical, form, clause ...).",
    "severity": "critical, major or minor.",
    "confidence": "How sure the check is (0-1).",
    "risk": "Overall risk score of the bead (0-1).",
    "message": "Plain-language explanation, quoting the words concerned.",
    "source_text": "The bead's original text; the flagged words are shown in bold red.",
    "target_text": "The bead's translation; the flagged words are shown in bold red.",
    "source_span": "Character offsets start-end of the flagged words in source_text (empty = whole side).",
    "target_span": "Character offsets start-end of the flagged words in target_text (empty = whole side).",
    "source_excerpt": "The flagged words of the original.",
    "target_excerpt": "The flagged words of the translation.",
    "pair_key": "Content hash of the sentence pair; links your decision to the text, not the row number.",
    "decision": "Your verdict: accept (real problem), false-alarm (suppress on the next run) or fixed.",
    "comment": "Free notes for the translator or the next reviewer.",
}


def _clean(value: str) -> str:
    """Strip characters the xlsx format cannot hold and respect Excel's per-cell limit."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= EXCEL_CELL_LIMIT else value[: EXCEL_CELL_LIMIT - 1] + "…"


def _parse_span(span: str, length: int) -> tuple[int, int] | None:
    if not span:
        return None
    try:
        a, b = (int(x) for x in span.split("-"))
    except ValueError:
        return None
    a, b = max(0, min(a, length)), max(0, min(b, length))
    return (a, b) if a < b else None


def _rich(text: str, span: tuple[int, int] | None):
    """The cell value for a text column: the span's words highlighted when rich text is available."""
    text_clean = _clean(text)
    if CellRichText is None or span is None or text_clean != text:
        return text_clean  # offsets no longer valid once characters were removed
    a, b = span
    parts: list = []
    if a:
        parts.append(text[:a])
    parts.append(TextBlock(InlineFont(b=True, color=HIGHLIGHT_COLOR), text[a:b]))
    if b < len(text):
        parts.append(text[b:])
    return CellRichText(parts)


def _set_text(cell, value: str) -> None:
    """Assign a string so openpyxl never turns it into a formula (``=cmd|...`` injection)."""
    if value == "":
        cell.value = None  # keep the cell (and its fill) but store no empty string
        return
    cell.value = value
    cell.data_type = "s"


def _flags_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.active
    ws.title = "flags"
    records = as_frame_values(FLAG_COLUMNS, flag_rows(report))  # what flag_frame's records held
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for c, name in enumerate(SHEET_COLUMNS, start=1):
        cell = ws.cell(row=1, column=c, value=name)
        cell.font = bold
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    fills = {k: PatternFill("solid", fgColor=v) for k, v in SEVERITY_FILLS.items()}
    for r, rec in enumerate(records, start=2):
        fill = fills.get(rec["severity"])
        for c, name in enumerate(SHEET_COLUMNS, start=1):
            cell = ws.cell(row=r, column=c)
            value = rec.get(name, "")
            if name in ("source_text", "target_text"):
                side = name.split("_")[0]
                span = _parse_span(rec[f"{side}_span"], len(value))
                rich = _rich(value, span)
                if isinstance(rich, str):
                    _set_text(cell, rich)
                else:
                    cell.value = rich
            elif isinstance(value, str):
                _set_text(cell, _clean(value))
            else:
                cell.value = value.item() if hasattr(value, "item") else value
            cell.alignment = wrap if name in WRAPPED else top
            if fill is not None:
                cell.fill = fill
    last_row = max(ws.max_row, 2)
    for c, name in enumerate(SHEET_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(name, 12)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(SHEET_COLUMNS))}{max(ws.max_row, 1)}"
    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISION_CHOICES) + '"',
        allow_blank=True,
        showDropDown=False,  # (sic) openpyxl/Excel: False means the arrow IS shown
        errorTitle="Unknown decision",
        error="Choose accept, false-alarm or fixed (or leave empty).",
        promptTitle="Decision",
        prompt="accept = real problem; false-alarm = suppress next run; fixed = corrected",
    )
    dv.showErrorMessage = True
    dv.showInputMessage = True
    col = get_column_letter(SHEET_COLUMNS.index("decision") + 1)
    dv.add(f"{col}2:{col}{last_row}")
    ws.add_data_validation(dv)


def _about_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet("about")
    bold = Font(bold=True)
    rows: list[tuple[str, str]] = [
        ("align review sheet", ""),
        ("", ""),
        (
            "How to review",
            "Work through the 'flags' sheet. Set 'decision' to accept, false-alarm or fixed. Rows marked "
            "false-alarm are suppressed when the check is run again with this file as decisions.",
        ),
        ("Original", f"{report.source.name or '(unnamed)'} ({report.source.lang})"),
        ("Translation", f"{report.target.name or '(unnamed)'} ({report.target.lang})"),
        ("", ""),
        ("Column", "Meaning"),
    ]
    header_rows = {1, 7}
    rows += [(name, COLUMN_HELP.get(name, "")) for name in SHEET_COLUMNS]
    rows.append(("", ""))
    header_rows.add(len(rows) + 1)
    rows.append(("Signature", "Settings that produced this report"))
    sig = report.signature if isinstance(report.signature, dict) else {}
    rows += [(str(k), str(v)) for k, v in sig.items()]
    if report.warnings:
        rows.append(("", ""))
        header_rows.add(len(rows) + 1)
        rows.append(("Warnings", ""))
        rows += [("", w) for w in report.warnings]
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, (a, b) in enumerate(rows, start=1):
        ca, cb = ws.cell(row=r, column=1), ws.cell(row=r, column=2)
        _set_text(ca, _clean(a))
        _set_text(cb, _clean(b))
        ca.alignment = Alignment(vertical="top")
        cb.alignment = wrap
        if r in header_rows:
            ca.font = cb.font = bold
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100


def _deterministic_zip(data: bytes, stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """Re-pack the xlsx with one fixed time on every entry (zipfile stamps the wall clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the wall clock on save, whatever we set
                y, mo, d, h, mi, sec = stamp
                iso = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}Z".encode()
                pattern = rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"
                body = re.sub(pattern, rb"\g<1>" + iso + rb"\g<2>", body)
            zout.writestr(fixed, body)
    return out.getvalue()


def write_xlsx(report: Report, path: Path) -> None:
    """Write the review workbook (sheets ``flags`` and ``about``) to ``path``."""
    wb = Workbook()
    _flags_sheet(wb, report)
    _about_sheet(wb, report)
    created = report_created(report).replace(tzinfo=None)
    wb.properties.created = created
    wb.properties.modified = created
    wb.properties.creator = "align"
    wb.properties.title = "align review sheet"
    buf = io.BytesIO()
    wb.save(buf)
    stamp = (created.year, created.month, created.day, created.hour, created.minute, created.second)
    Path(path).write_bytes(_deterministic_zip(buf.getvalue(), stamp))
