"""Read an editor's reviewed ``flags.xlsx`` (or ``flags.csv``) and suppress the false alarms.

Every false flag costs an editor time, and costs it again on every re-run unless the verdict is
remembered. Decisions are keyed by ``(pair_key, kind)``: ``pair_key`` is a hash of the bead's two
texts (see :func:`align.report.tables.pair_key`), so a verdict survives re-alignment, renumbered
beads, sorted or filtered rows and edits elsewhere in the documents; it lapses only when the pair
itself changes — exactly when the editor should look again.

Granularity: a false-alarm verdict on one row suppresses every flag *of that kind* in that bead
(the pair and the kind are all that identify a flag across runs; messages may change wording).

Risk: a bead whose flags are all suppressed keeps ``min(risk, 0.1)`` rather than its old value,
because the risk was driven by findings the editor has now dismissed; 0.1 keeps it low in any
risk ranking without claiming the pair is certainly perfect (the alignment score still stands).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from align.errors import AlignError
from align.report.tables import pair_key
from align.types import Flag, Report

SUPPRESSED_RISK = 0.1
"""Ceiling on the risk of a bead whose flags were all dismissed as false alarms."""

REQUIRED_COLUMNS = ("pair_key", "kind", "decision")
_FALSE_ALARM = {"falsealarm", "fa", "falsepositive", "fp"}
_SQUASH = re.compile(r"[\s_\-‐–—]+")


def normalise_decision(value: object) -> str:
    """``"False alarm"``, ``" false-alarm "``, ``"FA"`` → ``"false-alarm"``; other words lower-cased.

    Editors type verdicts by hand as often as they pick them from the dropdown.
    """
    if value is None:
        return ""
    squashed = _SQUASH.sub("", str(value).strip().lower())
    if squashed in _FALSE_ALARM:
        return "false-alarm"
    return squashed


@dataclass(frozen=True, slots=True)
class Decisions:
    """The verdicts read from a reviewed sheet.

    Behaves as the set of ``(pair_key, kind)`` marked false-alarm (``in``, ``len``, iteration);
    ``rows`` and ``counts`` are there so a caller can report what was read.
    """

    false_alarms: frozenset[tuple[str, str]] = frozenset()
    rows: int = 0
    counts: tuple[tuple[str, int], ...] = ()
    source: str = ""
    row_keys: tuple[str, ...] = ()
    """The ``pair_key`` of every non-empty row (with repeats), to tell how many match this run."""

    def __contains__(self, item: object) -> bool:
        return item in self.false_alarms

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(sorted(self.false_alarms))

    def __len__(self) -> int:
        return len(self.false_alarms)


def _key_text(value: object) -> str:
    """A cell as text; integers Excel made of an all-digit key are turned back into digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows_from_xlsx(path: Path) -> tuple[list[str], Iterable[tuple]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
        ws = wb["flags"] if "flags" in wb.sheetnames else wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        wb.close()
    except Exception as e:  # a damaged workbook fails in many ways (zip, XML, openpyxl internals)
        raise AlignError(f"{path}: cannot read as an Excel workbook ({type(e).__name__}: {e})") from None
    if not rows:
        return [], []
    return [_key_text(h) for h in rows[0]], rows[1:]


def _rows_from_csv(path: Path) -> tuple[list[str], Iterable[tuple]]:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise AlignError(f"{path}: cannot read ({e.strerror or e})") from None
    if b"\x00" in data[:4096]:
        raise AlignError(
            f"{path}: not a CSV text file (binary content); save the sheet as .xlsx or CSV UTF-8"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Only ASCII columns (pair_key, kind, decision) matter, and latin-1 never fails; this
        # accepts a sheet Excel saved in a legacy code page (cp1252, GBK) without guessing.
        text = data.decode("latin-1")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows = []
    while True:
        start = reader.line_num + 1
        try:
            rows.append(next(reader))
        except StopIteration:
            break
        except csv.Error as e:
            what = "an unterminated quote" if "end of data" in str(e) else f"invalid CSV ({e})"
            raise AlignError(f"{path}, line {start}: {what}; save the sheet as .xlsx or CSV again") from None
    if not rows:
        return [], []
    return [h.strip() for h in rows[0]], [tuple(r) for r in rows[1:]]


def read_decisions(path: Path | str) -> Decisions:
    """Read a reviewed sheet (``.xlsx`` as written by ``write_xlsx``, or a CSV with its columns).

    Returns the ``(pair_key, kind)`` pairs marked false-alarm. Raises ``AlignError`` with a
    one-line reason when the file is missing, unreadable or lacks a needed column.
    """
    path = Path(path)
    if not path.is_file():
        raise AlignError(f"{path}: decisions file not found")
    if path.suffix.lower() in (".xlsx", ".xlsm") or zipfile.is_zipfile(path):
        header, body = _rows_from_xlsx(path)
    else:
        header, body = _rows_from_csv(path)
    index = {h.strip().lower(): i for i, h in reversed(list(enumerate(header))) if h}
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if missing:
        raise AlignError(
            f"{path}: missing column(s) {', '.join(missing)}; expected the flags sheet written by align "
            f"(with columns {', '.join(REQUIRED_COLUMNS)})"
            + ("; add a 'decision' column and mark rows false-alarm" if missing == ["decision"] else "")
        )
    ik, ikind, idec = (index[c] for c in REQUIRED_COLUMNS)
    found: set[tuple[str, str]] = set()
    counts: dict[str, int] = {}
    keys: list[str] = []
    n = 0
    for row in body:
        cells = list(row)
        if not any(c not in (None, "") for c in cells):
            continue
        n += 1

        def cell(i: int, cells: list = cells) -> object:
            return cells[i] if i < len(cells) else None

        key = _key_text(cell(ik)).lower()
        if key:
            keys.append(key)
        decision = normalise_decision(cell(idec))
        if not decision:
            continue
        counts[decision] = counts.get(decision, 0) + 1
        kind = _key_text(cell(ikind)).lower()
        if decision == "false-alarm" and key and kind:
            found.add((key, kind))
    return Decisions(frozenset(found), n, tuple(sorted(counts.items())), str(path), tuple(keys))


def apply_decisions(report: Report, decisions: Decisions | Iterable[tuple[str, str]]) -> tuple[Report, int]:
    """A new report without the flags marked false-alarm, and how many flags were removed.

    Matching is by content (the bead's texts are re-hashed), so bead order and numbering do not
    matter. A bead that loses all its flags has its risk capped at ``SUPPRESSED_RISK``.
    """
    wanted = decisions.false_alarms if isinstance(decisions, Decisions) else frozenset(decisions)
    if not wanted:
        return report, 0
    new_flags: list[tuple[Flag, ...]] = []
    new_risk: list[float] = []
    suppressed = 0
    for i, flags in enumerate(report.flags):
        risk = report.risk[i]
        if flags:
            key = pair_key(report.bead_text(i, "source"), report.bead_text(i, "target"))
            kept = tuple(f for f in flags if (key, f.kind) not in wanted)
            suppressed += len(flags) - len(kept)
            if not kept:
                risk = min(risk, SUPPRESSED_RISK)
            flags = kept
        new_flags.append(flags)
        new_risk.append(risk)
    if not suppressed:
        return report, 0
    return dataclasses.replace(report, flags=tuple(new_flags), risk=tuple(new_risk)), suppressed


@dataclass(frozen=True, slots=True)
class DecisionMatch:
    """How a reviewed sheet fits this run: rows whose sentence pair is not in it match nothing."""

    rows: int
    unmatched: int

    @property
    def foreign(self) -> bool:
        """Most rows match nothing: the sheet seems to come from another pair of texts."""
        return self.rows > 0 and self.unmatched > self.rows / 2

    def message(self, suppressed: int, source: str) -> str:
        """One line for the terminal: what was suppressed, what matched nothing, and a hint."""
        line = f"{suppressed} flag(s) suppressed by reviewer decisions in {source}"
        if self.unmatched:
            line += f"; {self.unmatched} of {self.rows} row(s) matched nothing in this run"
        if self.foreign:
            line += (
                " (the sheet seems to come from another pair of texts, or the texts changed: "
                "was it written for these files?)"
            )
        return line


def match_decisions(report: Report, decisions: Decisions) -> DecisionMatch:
    """Count the sheet's rows whose ``pair_key`` is no sentence pair of ``report``.

    Call it on the report before ``apply_decisions`` (the keys are the same after it).
    """
    text = report.bead_text
    keys = {pair_key(text(i, "source"), text(i, "target")) for i in range(len(report.beads))}
    rows = decisions.row_keys
    return DecisionMatch(len(rows), sum(k not in keys for k in rows))
