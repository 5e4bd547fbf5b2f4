"""flags.xlsx: the review sheet (columns, dropdown, colours, rich text, safety, identical bytes)."""

from __future__ import annotations

import dataclasses
import time
import zipfile

from openpyxl import load_workbook

from align.report.tables import FLAG_COLUMNS, flag_frame
from align.report.xlsx import DECISION_CHOICES, SEVERITY_FILLS, SHEET_COLUMNS, write_xlsx
from browser.sample import make_report


def _write(report, tmp_path, name="flags.xlsx"):
    path = tmp_path / name
    write_xlsx(report, path)
    return path


def test_flags_sheet_layout_and_values(tmp_path):
    report = make_report()
    wb = load_workbook(_write(report, tmp_path))
    assert wb.sheetnames == ["flags", "about"]
    ws = wb["flags"]
    header = [c.value for c in ws[1]]
    assert header == FLAG_COLUMNS + ["decision", "comment"] == SHEET_COLUMNS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    frame = flag_frame(report)
    assert ws.max_row == 1 + len(frame) == 1 + sum(len(f) for f in report.flags)
    for r, rec in enumerate(frame.to_dict("records"), start=2):
        row = {name: ws.cell(row=r, column=c).value for c, name in enumerate(SHEET_COLUMNS, start=1)}
        for name in FLAG_COLUMNS:
            want, got = rec[name], row[name]
            if isinstance(want, str):
                assert (got or "") == want, (r, name)
            else:
                assert got == want, (r, name)
        assert row["decision"] is None and row["comment"] is None
        fill = ws.cell(row=r, column=1).fill.fgColor.rgb
        assert fill.endswith(SEVERITY_FILLS[rec["severity"]])
    assert ws.column_dimensions["I"].width > ws.column_dimensions["A"].width  # source_text is wide
    assert ws.cell(row=2, column=SHEET_COLUMNS.index("message") + 1).alignment.wrap_text


def test_decision_dropdown(tmp_path):
    report = make_report()
    ws = load_workbook(_write(report, tmp_path))["flags"]
    dvs = ws.data_validations.dataValidation
    assert len(dvs) == 1
    dv = dvs[0]
    assert dv.type == "list"
    assert dv.formula1.strip('"').split(",") == list(DECISION_CHOICES)
    col = chr(ord("A") + SHEET_COLUMNS.index("decision"))
    n = sum(len(f) for f in report.flags)
    assert str(dv.sqref) == f"{col}2:{col}{n + 1}"


def test_span_excerpt_is_highlighted_with_rich_text(tmp_path):
    report = make_report()
    ws = load_workbook(_write(report, tmp_path), rich_text=True)["flags"]
    frame = flag_frame(report)
    checked = 0
    for r, rec in enumerate(frame.to_dict("records"), start=2):
        for side in ("source", "target"):
            cell = ws.cell(row=r, column=SHEET_COLUMNS.index(f"{side}_text") + 1)
            bold = [
                b.text
                for b in getattr(cell.value, "__iter__", lambda: iter(()))()
                if hasattr(b, "font") and b.font is not None and b.font.b
            ]
            if rec[f"{side}_excerpt"]:
                assert bold == [rec[f"{side}_excerpt"]], (r, side)
                assert str(cell.value) == rec[f"{side}_text"]
                checked += 1
            else:
                assert bold == []
    assert checked >= 4


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    report = make_report()
    s = report.target.sentences
    evil = dataclasses.replace(s[0], text='=HYPERLINK("http://x","click")')
    report = dataclasses.replace(report, target=dataclasses.replace(report.target, sentences=(evil, *s[1:])))
    path = _write(report, tmp_path)
    ws = load_workbook(path)["flags"]
    col = SHEET_COLUMNS.index("target_text") + 1
    cell = ws.cell(row=2, column=col)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","click")'
    with zipfile.ZipFile(path) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()


def test_about_sheet_documents_columns_and_signature(tmp_path):
    report = make_report()
    ws = load_workbook(_write(report, tmp_path))["about"]
    pairs = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    for name in SHEET_COLUMNS:
        assert pairs.get(name), name
    for k, v in report.signature.items():
        assert pairs[k] == str(v)
    values = [r[1] for r in ws.iter_rows(values_only=True)]
    assert report.warnings[0] in values


def test_bytes_are_identical_across_runs_and_clock(tmp_path, monkeypatch):
    report = make_report()
    a = _write(report, tmp_path, "a.xlsx")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86_400 * 400)  # zipfile stamps time.time()
    b = _write(report, tmp_path, "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        core = z.read("docProps/core.xml").decode()
        stamps = {i.date_time for i in z.infolist()}
    assert len(stamps) == 1 and stamps.pop() == (2024, 5, 6, 7, 8, 8)  # ZIP stores even seconds
    assert "2024-05-06T07:08:09Z" in core
    other = _write(make_report(signature={"created": "2025-01-02T03:04:05Z"}), tmp_path, "c.xlsx")
    assert other.read_bytes() != a.read_bytes()


def test_report_without_flags_gives_header_only_sheet(tmp_path):
    report = make_report()
    clean = dataclasses.replace(report, flags=tuple(() for _ in report.beads))
    wb = load_workbook(_write(clean, tmp_path))
    ws = wb["flags"]
    assert ws.max_row == 1 and [c.value for c in ws[1]] == SHEET_COLUMNS
