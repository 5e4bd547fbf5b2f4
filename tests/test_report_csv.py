"""alignment.csv / flags.csv are written without pandas (issue 18: importing it took 0.2-0.3 s of
every run), byte for byte what ``DataFrame.to_csv`` wrote."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from align.report.csvfiles import write_csv, write_table
from align.report.tables import alignment_frame, as_frame_values, flag_frame
from browser.sample import make_report


def _pandas_csv(report, folder) -> None:
    """The writer as it was (pandas)."""
    alignment_frame(report).to_csv(
        folder / "alignment.csv", index=False, encoding="utf-8-sig", lineterminator="\n"
    )
    flags = flag_frame(report)
    flags["decision"] = ""
    flags["comment"] = ""
    flags.to_csv(folder / "flags.csv", index=False, encoding="utf-8-sig", lineterminator="\n")


@pytest.mark.parametrize("variant", ["plain", "units", "no flags"])
def test_csv_files_are_what_pandas_wrote(tmp_path, variant) -> None:
    report = make_report()
    if variant == "units":
        report = dataclasses.replace(report, units=tuple(f"tu-{i}" for i in range(len(report.beads))))
    elif variant == "no flags":
        report = dataclasses.replace(report, flags=tuple(() for _ in report.beads))
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    _pandas_csv(report, old)
    write_csv(report, new)
    for name in ("alignment.csv", "flags.csv"):
        assert (new / name).read_bytes() == (old / name).read_bytes(), name


# every row has every column (as the report's rows do); numbers, strings, missing values, numpy scalars
ODD_ROWS = [
    {"i": 1, "x": 0.1, "y": 1, "z": "a,b", "w": None, "v": np.float64(1e-05), "u": 3, "t": True},
    {
        "i": 2,
        "x": math.nan,
        "y": 2.5,
        "z": 'say "hi"\nthere',
        "w": "",
        "v": np.float64(2.0),
        "u": None,
        "t": 1,
    },
    {"i": np.int64(3), "x": 1e16, "y": 3, "z": "", "w": "=1+1", "v": np.float64(-0.0), "u": 4, "t": None},
]


def test_write_table_matches_to_csv_on_odd_values(tmp_path) -> None:
    columns = ["i", "x", "y", "z", "w", "v", "u", "t"]
    pd.DataFrame(ODD_ROWS, columns=columns).to_csv(
        tmp_path / "old.csv", index=False, encoding="utf-8-sig", lineterminator="\n"
    )
    write_table(tmp_path / "new.csv", columns, ODD_ROWS)
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "old.csv").read_bytes()
    write_table(tmp_path / "empty.csv", columns, [])
    pd.DataFrame([], columns=columns).to_csv(
        tmp_path / "empty-old.csv", index=False, encoding="utf-8-sig", lineterminator="\n"
    )
    assert (tmp_path / "empty.csv").read_bytes() == (tmp_path / "empty-old.csv").read_bytes()


def test_frame_values_are_the_records_of_a_frame() -> None:
    columns = ["i", "x", "y", "z", "w", "v", "u", "t"]
    want = pd.DataFrame(ODD_ROWS, columns=columns).to_dict("records")
    got = as_frame_values(columns, ODD_ROWS)
    for a, b in zip(got, want, strict=True):
        for c in columns:
            x, y = a.get(c), b[c]
            if isinstance(y, float) and math.isnan(y):
                assert isinstance(x, float) and math.isnan(x), c
            else:
                assert x == y and type(x) is type(y), (c, x, y)
