"""A finished ``align check`` ends without the interpreter's teardown (issue 18: freeing the run's
objects took 0.3 s), yet exits with its code, with every line printed and every file written; under a
profiler (which writes its data after ``main`` returns) it exits normally."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from align.pipeline import demo_paths

ALIGN = str(Path(sys.executable).with_name("align"))


def test_the_command_ends_with_everything_written(tmp_path) -> None:
    en, zh = demo_paths()
    out = tmp_path / "out"
    r = subprocess.run(
        [ALIGN, "check", str(en), str(zh), "-o", str(out), "--format", "csv,json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 1, r.stderr  # the demo has critical flags
    assert r.stdout.rstrip().endswith(
        f"wrote {out / 'alignment.csv'}, {out / 'flags.csv'}, {out / 'report.json'}"
    )
    assert sorted(p.name for p in out.iterdir()) == ["alignment.csv", "flags.csv", "report.json"]


def test_a_profiler_still_gets_its_data(tmp_path) -> None:
    en, zh = demo_paths()
    prof = tmp_path / "run.prof"
    args = [str(en), str(zh), "-o", str(tmp_path / "out"), "--format", "json", "--checks", "number", "-q"]
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "align", "check", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode in (0, 1), r.stderr
    assert prof.is_file() and prof.stat().st_size > 0
