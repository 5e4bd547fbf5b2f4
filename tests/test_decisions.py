"""Reading an editor's verdicts back and suppressing the false alarms on the next run."""

from __future__ import annotations

import dataclasses

import pytest
from openpyxl import load_workbook

from align.errors import AlignError
from align.report.decisions import (
    SUPPRESSED_RISK,
    Decisions,
    apply_decisions,
    normalise_decision,
    read_decisions,
)
from align.report.tables import flag_frame, pair_key
from align.report.xlsx import SHEET_COLUMNS, write_xlsx
from align.types import Report
from browser.sample import make_report


def _review(report: Report, tmp_path, verdicts: dict[tuple[int, str], str]):
    """Write flags.xlsx, fill in 'decision' as an editor would (by bead and kind), save it."""
    path = tmp_path / "flags.xlsx"
    write_xlsx(report, path)
    wb = load_workbook(path)
    ws = wb["flags"]
    col = {name: i + 1 for i, name in enumerate(SHEET_COLUMNS)}
    for r in range(2, ws.max_row + 1):
        key = (ws.cell(row=r, column=col["bead"]).value, ws.cell(row=r, column=col["kind"]).value)
        if key in verdicts:
            ws.cell(row=r, column=col["decision"]).value = verdicts[key]
    wb.save(path)
    return path


def _keys(report: Report, beads_kinds) -> set[tuple[str, str]]:
    return {
        (pair_key(report.bead_text(i, "source"), report.bead_text(i, "target")), k) for i, k in beads_kinds
    }


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("false-alarm", "false-alarm"),
        (" False Alarm ", "false-alarm"),
        ("FALSE_ALARM", "false-alarm"),
        ("fa", "false-alarm"),
        ("FA ", "false-alarm"),
        ("accept", "accept"),
        ("Fixed", "fixed"),
        ("", ""),
        (None, ""),
        ("fast", "fast"),
    ],
)
def test_normalise_decision(raw, norm):
    assert normalise_decision(raw) == norm


def test_read_xlsx_decisions(tmp_path):
    report = make_report()
    path = _review(
        report,
        tmp_path,
        {
            (0, "number"): "false-alarm",
            (1, "name"): "False alarm",
            (4, "number"): "FA",
            (5, "omission"): "accept",
        },
    )
    d = read_decisions(path)
    assert isinstance(d, Decisions)
    assert set(d) == _keys(report, [(0, "number"), (1, "name"), (4, "number")])
    assert len(d) == 3 and d.rows == len(flag_frame(report))
    assert dict(d.counts) == {"false-alarm": 3, "accept": 1}


def test_apply_decisions_removes_matching_flags_and_lowers_risk(tmp_path):
    report = make_report()
    path = _review(report, tmp_path, {(0, "number"): "false-alarm", (1, "name"): "false-alarm"})
    new, n = apply_decisions(report, read_decisions(path))
    assert n == 2
    assert [f.kind for f in new.flags[0]] == ["term"]  # the other flag of bead 0 stays
    assert new.flags[1] == ()
    assert new.risk[1] == min(report.risk[1], SUPPRESSED_RISK)
    assert new.risk[0] == report.risk[0]  # still flagged: risk unchanged
    for i in range(2, len(report.beads)):
        assert new.flags[i] == report.flags[i] and new.risk[i] == report.risk[i]
    assert report.flags[1]  # the original report is untouched


def test_matching_follows_the_text_not_the_row_or_bead_number(tmp_path):
    report = make_report()
    path = _review(report, tmp_path, {(1, "name"): "false-alarm", (5, "omission"): "false-alarm"})
    decisions = read_decisions(path)
    order = list(reversed(range(len(report.beads))))
    shuffled = dataclasses.replace(
        report,
        beads=tuple(report.beads[i] for i in order),
        flags=tuple(report.flags[i] for i in order),
        risk=tuple(report.risk[i] for i in order),
    )
    new, n = apply_decisions(shuffled, decisions)
    assert n == 2
    for j, i in enumerate(order):
        if i in (1, 5):
            assert new.flags[j] == ()
        else:
            assert new.flags[j] == report.flags[i]


def test_changed_text_is_not_suppressed(tmp_path):
    report = make_report()
    path = _review(report, tmp_path, {(1, "name"): "false-alarm"})
    s = report.target.sentences
    edited = dataclasses.replace(s[1], text=s[1].text.replace("玛丽", "玛莉"))
    changed = dataclasses.replace(
        report, target=dataclasses.replace(report.target, sentences=(s[0], edited, *s[2:]))
    )
    new, n = apply_decisions(changed, read_decisions(path))
    assert n == 0 and new.flags == changed.flags


def test_read_csv_with_bom_semicolons_and_legacy_encoding(tmp_path):
    report = make_report()
    frame = flag_frame(report)
    frame["decision"] = ""
    frame["comment"] = ""
    frame.loc[frame["kind"] == "term", "decision"] = "false alarm"
    frame.loc[frame["kind"] == "addition", "decision"] = "fixed"
    utf8 = tmp_path / "flags.csv"
    frame.to_csv(utf8, index=False, encoding="utf-8-sig")
    semi = tmp_path / "flags-excel.csv"
    frame.to_csv(semi, index=False, sep=";", encoding="gb18030")
    want = _keys(report, [(0, "term")])
    assert set(read_decisions(utf8)) == want
    assert set(read_decisions(semi)) == want


def test_column_names_are_matched_loosely_and_extra_columns_ignored(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text(
        "Note,Pair_Key , KIND,Decision\nx,ABCDEF0123456789,Number,False-Alarm\ny,,number,false-alarm\n"
    )
    assert set(read_decisions(p)) == {("abcdef0123456789", "number")}


def test_missing_columns_unreadable_and_missing_files(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("pair_key,decision\nabc,false-alarm\n")
    with pytest.raises(AlignError, match="missing column.*kind"):
        read_decisions(p)
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(AlignError, match="cannot read"):
        read_decisions(bad)
    with pytest.raises(AlignError, match="not found"):
        read_decisions(tmp_path / "nope.xlsx")
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    with pytest.raises(AlignError):
        read_decisions(binary)
    with pytest.raises(AlignError) as info:
        read_decisions(p)
    assert "\n" not in str(info.value)


def test_workbook_without_the_columns_is_refused(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["bead", "kind", "message"])
    wb.active.append([1, "number", "x"])
    path = tmp_path / "other.xlsx"
    wb.save(path)
    with pytest.raises(AlignError, match="missing column.*pair_key.*decision"):
        read_decisions(path)


def test_no_false_alarms_returns_the_same_report(tmp_path):
    report = make_report()
    path = _review(report, tmp_path, {(0, "number"): "accept"})
    new, n = apply_decisions(report, read_decisions(path))
    assert n == 0 and new is report
    new, n = apply_decisions(report, set())
    assert n == 0 and new is report
