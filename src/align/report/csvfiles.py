"""``alignment.csv`` (every bead) and ``flags.csv`` (one row per flag) for editors and scripts.

UTF-8 with a BOM so that Excel opens Chinese text correctly when double-clicked.
"""

from __future__ import annotations

from pathlib import Path

from align.report.tables import alignment_frame, flag_frame
from align.types import Report


def write_csv(report: Report, folder: Path) -> None:
    alignment_frame(report).to_csv(
        folder / "alignment.csv", index=False, encoding="utf-8-sig", lineterminator="\n"
    )
    flags = flag_frame(report)
    # empty review columns, so an editor can fill flags.csv in and pass it back with --decisions
    flags["decision"] = ""
    flags["comment"] = ""
    flags.to_csv(folder / "flags.csv", index=False, encoding="utf-8-sig", lineterminator="\n")
