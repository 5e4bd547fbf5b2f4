"""``align batch`` / ``align.batch()``: pairs from a CSV or a folder, the same files ``align check``
writes, a summary, resume, failures that do not stop the others, Ctrl-C, worker processes and Dask.

The pairs are the bundled demo cut at paragraph boundaries (both sides have eight paragraphs, in
the same order), so each pair is a real translation, small enough to check in a second.
"""

from __future__ import annotations

import csv
import filecmp
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import align
from align import batching
from align.errors import AlignError
from align.pipeline import demo_paths

FILES = ("alignment.csv", "flags.csv", "report.json", "report.html", "alignment.tmx", "flags.xlsx")


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def pair_folder(tmp_path_factory) -> Path:
    """Four pairs NAME.en.txt / NAME.zh.txt, two demo paragraphs each."""
    folder = tmp_path_factory.mktemp("pairs")
    en_path, zh_path = demo_paths()
    en, zh = _paragraphs(en_path), _paragraphs(zh_path)
    assert len(en) == len(zh) == 8
    for k in range(4):
        (folder / f"part{k}.en.txt").write_text("\n\n".join(en[2 * k : 2 * k + 2]) + "\n", encoding="utf-8")
        (folder / f"part{k}.zh.txt").write_text("\n\n".join(zh[2 * k : 2 * k + 2]) + "\n", encoding="utf-8")
    (folder / "README.txt").write_text("not a pair\n", encoding="utf-8")
    return folder


def test_a_file_without_its_other_half_is_a_failed_pair(pair_folder, tmp_path):
    folder = tmp_path / "pairs"
    folder.mkdir()
    for name in ("part0.en.txt", "part0.zh.txt"):
        (folder / name).write_bytes((pair_folder / name).read_bytes())
    (folder / "lonely.en.txt").write_text("No translation of this one.\n", encoding="utf-8")
    summary = align.batch(folder, tmp_path / "out", formats="json")
    rows = dict(zip(summary["name"], summary["error"], strict=True))
    assert list(summary["name"]) == ["lonely", "part0"] and list(summary["status"]) == ["failed", "ok"]
    assert rows["lonely"].endswith("lonely.zh.txt: no such file")
    assert batching.exit_code(summary) == 2


@pytest.fixture(scope="module")
def first_run(pair_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "batch"
    return out, align.batch(pair_folder, out, formats="csv,json,html")


def _rows(out: Path) -> list[dict]:
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_folder_pairs_are_matched_by_name_and_the_rest_ignored(pair_folder):
    pairs = batching.read_pairs(pair_folder)
    assert [p.name for p in pairs] == ["part0", "part1", "part2", "part3"]
    assert all(p.original.name.endswith(".en.txt") and p.translation.name.endswith(".zh.txt") for p in pairs)
    back = batching.read_pairs(pair_folder, original_lang="zh")
    assert back[0].original.name == "part0.zh.txt"


def test_batch_writes_each_pair_exactly_as_check_would(first_run, pair_folder, tmp_path):
    out, summary = first_run
    assert list(summary["name"]) == ["part0", "part1", "part2", "part3"]
    assert set(summary["status"]) == {"ok"}
    one = tmp_path / "one"
    align.check(pair_folder / "part1.en.txt", pair_folder / "part1.zh.txt").write(one, "csv,json,html")
    for name in ("alignment.csv", "flags.csv", "report.json", "report.html"):
        assert filecmp.cmp(one / name, out / "part1" / name, shallow=False), name
    assert not (out / "part1" / "flags.xlsx").exists()  # only the formats asked for
    rows = _rows(out)
    assert [r["name"] for r in rows] == ["part0", "part1", "part2", "part3"]
    assert list(rows[0]) == list(batching.COLUMNS)
    for r in rows:
        assert int(r["beads"]) > 0 and float(r["seconds"]) > 0 and float(r["peak_mb"]) > 50
        flags = sum(int(r[f"flags_{k}"]) for k in align.types.FLAG_KINDS)
        assert flags == sum(int(r[s]) for s in ("critical", "major", "minor"))
    # the demo's planted errors sit in these paragraphs: the summary counts what the reports hold
    assert sum(int(r["critical"]) + int(r["major"]) for r in rows) >= 3
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="part2/report.html"' in index and index.count("<tr class=") == 4


def test_rerun_skips_finished_pairs_and_keeps_their_rows(first_run, pair_folder, monkeypatch):
    out, summary = first_run

    def refuse(*_a, **_k):
        raise AssertionError("a finished pair was run again")

    monkeypatch.setattr(batching, "run_job", refuse)
    again = align.batch(pair_folder, out, formats="csv,json,html")
    for col in ("name", "status", "beads", "critical", "major", "max_risk"):
        assert list(again[col].astype(str)) == list(summary[col].astype(str)), col
    # a folder missing one of its files is not finished: that pair alone runs again
    (out / "part2" / "report.html").unlink()
    calls = []

    def count(job, settings):
        calls.append(job.name)
        monkeypatch.undo()
        return batching.run_job(job, settings)

    monkeypatch.setattr(batching, "run_job", count)
    align.batch(pair_folder, out, formats="csv,json,html")
    assert calls == ["part2"] and (out / "part2" / "report.html").exists()


def test_a_failed_pair_is_recorded_and_the_others_go_on(pair_folder, tmp_path):
    (tmp_path / "empty.zh.txt").write_text("\n", encoding="utf-8")
    listing = tmp_path / "pairs.csv"
    listing.write_text(
        "name,original,translation\n"
        f"good,{pair_folder / 'part0.en.txt'},{pair_folder / 'part0.zh.txt'}\n"
        f"missing,{pair_folder / 'part0.en.txt'},{pair_folder / 'nope.zh.txt'}\n"
        f"blank,{pair_folder / 'part0.en.txt'},empty.zh.txt\n",
        encoding="utf-8",
    )
    # paths may be absolute or relative to the CSV (empty.zh.txt is relative)
    out = tmp_path / "out"
    summary = align.batch(listing, out, formats="json")
    status = dict(zip(summary["name"], summary["status"], strict=True))
    assert status == {"good": "ok", "missing": "failed", "blank": "failed"}
    errors = dict(zip(summary["name"], summary["error"], strict=True))
    assert "nope.zh.txt: no such file" in errors["missing"]
    assert "empty" in errors["blank"] and "\n" not in errors["blank"]
    assert (out / "good" / "report.json").exists()
    assert not (out / "missing").exists() and not (out / "blank").exists()
    assert batching.exit_code(summary) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('original,translation\n"a.txt,b.txt\n', "not a readable CSV"),
        ("source,target\na.txt,b.txt\n", "original,translation"),
        ("name,original,translation\nx,a.txt,b.txt\nX,c.txt,d.txt\n", "two pairs are named"),
        ("original,translation\na.txt,\n", "line 2"),
    ],
)
def test_a_bad_pairs_csv_is_refused_in_one_line(tmp_path, content, message):
    path = tmp_path / "pairs.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AlignError, match=message) as e:
        align.batch(path, tmp_path / "out")
    assert "\n" not in str(e.value)
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_options_are_checked_before_any_pair_runs(pair_folder, tmp_path, monkeypatch):
    monkeypatch.setattr(batching, "run_job", lambda *a: pytest.fail("ran a pair"))
    with pytest.raises(AlignError, match="unknown format"):
        align.batch(pair_folder, tmp_path / "o1", formats="pdf")
    with pytest.raises(AlignError, match="unknown check"):
        align.batch(pair_folder, tmp_path / "o2", checks="spelling")
    with pytest.raises(AlignError, match="no pairs found"):
        align.batch(tmp_path, tmp_path / "o3")
    with pytest.raises(AlignError, match="scheduler address"):
        align.batch(pair_folder, tmp_path / "o4", dask="localhost")
    with pytest.raises(AlignError, match="at least 1"):
        align.batch(pair_folder, tmp_path / "o5", workers=0)


def test_ctrl_c_leaves_finished_pairs_and_no_half_written_one(pair_folder, tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = batching._write_pair
    written = []

    def interrupt_second(folder, files):
        if written:
            raise KeyboardInterrupt
        real(folder, files)
        written.append(folder.name)

    monkeypatch.setattr(batching, "_write_pair", interrupt_second)
    with pytest.raises(KeyboardInterrupt):
        align.batch(pair_folder, out, formats="json")
    assert written == ["part0"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "index.html",
        "part0",
        "summary.csv",
    ]
    assert [r["name"] for r in _rows(out)] == ["part0"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary folder left


def test_worker_processes_write_what_one_process_writes(first_run, pair_folder, tmp_path):
    out, _ = first_run
    two = tmp_path / "two"
    summary = align.batch(pair_folder, two, workers=2, formats="csv,json,html")
    assert set(summary["status"]) == {"ok"} and list(summary["name"]) == ["part0", "part1", "part2", "part3"]
    for name in ("part0", "part3"):
        for f in ("alignment.csv", "flags.csv", "report.json", "report.html"):
            assert filecmp.cmp(out / name / f, two / name / f, shallow=False), (name, f)


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason='needs pip install -e ".[dask]"')
def test_dask_local_cluster_writes_what_worker_processes_write(first_run, pair_folder, tmp_path):
    out, _ = first_run
    on_dask = tmp_path / "dask"
    summary = align.batch(pair_folder, on_dask, workers=2, dask="local", formats="csv,json,html")
    assert set(summary["status"]) == {"ok"}
    for name in ("part0", "part1", "part2", "part3"):
        assert filecmp.cmp(out / name / "report.json", on_dask / name / "report.json", shallow=False), name


def test_cli_batch_exit_codes_and_summary(pair_folder, tmp_path):
    out = tmp_path / "cli"
    cmd = [
        sys.executable,
        "-m",
        "align",
        "batch",
        str(pair_folder),
        "-o",
        str(out),
        "--format",
        "json",
        "-j",
        "2",
    ]
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr  # the demo's planted errors include critical ones
    assert "4 pairs: 4 checked, 0 failed" in run.stdout
    assert (out / "summary.csv").exists() and (out / "index.html").exists()
    bad = subprocess.run(
        [*cmd[:4], str(tmp_path / "nothing"), "-o", str(out)], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
