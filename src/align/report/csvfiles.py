"""``alignment.csv`` (every bead) and ``flags.csv`` (one row per flag) for editors and scripts.

UTF-8 with a BOM so that Excel opens Chinese text correctly when double-clicked.

Written with the ``csv`` module, byte for byte what ``DataFrame.to_csv`` wrote before (the same
quoting, an empty field for a missing value, floats in their shortest form): importing pandas for
it took 0.2-0.3 s of every run (``tests/test_report_csv.py`` compares the two).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.report.tables import (
    ALIGNMENT_COLUMNS,
    FLAG_COLUMNS,
    alignment_rows,
    as_frame_values,
    flag_rows,
    with_unit_column,
)
from align.types import Report

REVIEW_COLUMNS = ["decision", "comment"]


def write_csv(report: Report, folder: Path) -> None:
    columns, rows = with_unit_column(ALIGNMENT_COLUMNS, alignment_rows(report), report)
    write_table(folder / "alignment.csv", columns, rows)
    columns, rows = with_unit_column(FLAG_COLUMNS, flag_rows(report), report)
    # empty review columns, so an editor can fill flags.csv in and pass it back with --decisions
    for row in rows:
        row.update(dict.fromkeys(REVIEW_COLUMNS, ""))
    write_table(folder / "flags.csv", [*columns, *REVIEW_COLUMNS], rows)


def write_table(path: Path, columns: Sequence[str], rows: list[dict[str, Any]]) -> None:
    """``rows`` as a CSV file with a header, as ``pd.DataFrame(rows, columns).to_csv(path,
    index=False, encoding="utf-8-sig", lineterminator="\\n")`` writes it."""
    values = as_frame_values(columns, rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(columns)
        out.writerows([_cell(r.get(c)) for c in columns] for r in values)


def _cell(value: Any) -> Any:
    """A value as pandas hands it to the csv writer: missing (None, NaN) is an empty field."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value
