"""The CLI end to end, as a user types it: exit codes, files written, one-line errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from align.checks import registry
from align.pipeline import demo_paths

ALIGN = [sys.executable, "-m", "align"]


def run(args, cwd, **kw):
    env = dict(os.environ)
    return subprocess.run(ALIGN + args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, **kw)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("cli")
    r = run(["check"], cwd)
    return cwd, r


def test_demo_command_writes_the_outputs(demo_run):
    cwd, r = demo_run
    assert r.returncode == 1, r.stderr  # the demo has critical planted errors
    out = cwd / "outputs" / "demo"
    for name in ("alignment.csv", "flags.csv", "report.json"):
        assert (out / name).is_file(), name
    assert "omission" in r.stdout and "Worst" in r.stdout


def test_outputs_are_consistent(demo_run):
    cwd, _ = demo_run
    out = cwd / "outputs" / "demo"
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert rep["schema"] == 2
    n_src, n_tgt = len(rep["source"]["sentences"]), len(rep["target"]["sentences"])
    assert [k for b in rep["beads"] for k in b["source"]] == list(range(n_src))
    assert [k for b in rep["beads"] for k in b["target"]] == list(range(n_tgt))
    with open(out / "alignment.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(rep["beads"])
    with open(out / "flags.csv", encoding="utf-8-sig", newline="") as f:
        flags = list(csv.DictReader(f))
    assert len(flags) == sum(len(b["flags"]) for b in rep["beads"]) > 0
    kinds_of = {c.name: c.kinds for c in registry.CHECKS}
    for b in rep["beads"]:
        for f in b["flags"]:
            assert f["kind"] in ("omission", "addition", "mistranslation", "number", "name", "term")
            assert 0 <= f["confidence"] <= 1 and 0 <= b["risk"] <= 1
            # every flag names the check that raised it, and that check declares the flag's kind
            assert f["kind"] in kinds_of[f["check"]]
    assert [r["check"] for r in flags] == [f["check"] for b in rep["beads"] for f in b["flags"]]


def test_existing_output_needs_force(tmp_path):
    en, zh = demo_paths()
    out = tmp_path / "o"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    r = run(["check", str(en), str(zh), "-o", str(out), "--format", "json"], tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert (out / "keep.txt").exists()
    r = run(["check", str(en), str(zh), "-o", str(out), "--format", "json", "--force", "-q"], tmp_path)
    assert r.returncode == 1 and r.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "nope.txt", "nope2.txt"], "no such file"),
        (["check", "seed.zh.txt"], "reference_en"),
        (["check", "seed.zh.txt", "seed.zh.txt"], "both files look like Chinese"),
        (["check", "seed.zh.txt", "empty.txt"], "empty"),
        (["check", "--format", "pdf", "seed.zh.txt", "seed.zh.txt"], "unknown format"),
        (["check", "--embedder", "labse", "en.txt", "seed.zh.txt"], "unknown embedder"),
        (["check", "en.txt", "en.txt"], "both files look like English"),
        (["check", "en.txt", "."], "is a directory"),
        (["check", "en.txt", "photo.png"], "binary file"),
        (["check", "en.txt", "   \t.txt"], "no such file"),
        (["check", "en.txt", "seed.zh.txt", "-o", "en.txt"], "exists and is not a folder"),
        (["check", "en.txt", "seed.zh.txt", "-o", "en.txt/sub"], "is a file, not a folder"),
    ],
)
def test_bad_input_one_line_error(tmp_path, args, message):
    (tmp_path / "seed.zh.txt").write_text("日本与美国。第二句。", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Japan and America. Second.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run(args, tmp_path)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "outputs").exists() or not any((tmp_path / "outputs").iterdir())


def test_version_and_help(tmp_path):
    r = run(["--version"], tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("align ")
    r = run(["check", "--help"], tmp_path)
    assert r.returncode == 0 and "Examples" in r.stdout and "reference_en" in r.stdout


def test_seed_is_bundled():
    seed = Path(__file__).resolve().parents[1] / "seeds" / "fp-japan-2025.zh.txt"
    assert seed.read_text(encoding="utf-8").startswith("日本与美国关系")


def test_outputs_are_byte_identical_across_runs(demo_run, tmp_path):
    """Deterministic: a second process on the same input writes the same bytes in every format."""
    cwd, _ = demo_run
    first = cwd / "outputs" / "demo"
    en, zh = demo_paths()
    second = tmp_path / "again"
    r = run(["check", str(en), str(zh), "-o", str(second), "-q"], tmp_path)
    assert r.returncode == 1, r.stderr
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_reviewer_decisions_suppress_false_alarms_on_the_next_run(demo_run, tmp_path):
    """An editor marks a flag false-alarm in flags.xlsx; the next run does not raise it again."""
    import openpyxl

    cwd, _ = demo_run
    sheet = tmp_path / "reviewed.xlsx"
    wb = openpyxl.load_workbook(cwd / "outputs" / "demo" / "flags.xlsx")
    ws = wb["flags"]
    header = [c.value for c in ws[1]]
    kind_col, decision_col = header.index("kind"), header.index("decision")
    row = next(r for r in ws.iter_rows(min_row=2) if r[kind_col].value == "number")
    row[decision_col].value = "false-alarm"
    wb.save(sheet)
    en, zh = demo_paths()
    out = tmp_path / "second"
    r = run(
        ["check", str(en), str(zh), "-o", str(out), "--decisions", str(sheet), "--format", "csv"], tmp_path
    )
    assert r.returncode == 1, r.stderr
    assert "1 flag(s) suppressed" in r.stdout
    with open(out / "flags.csv", encoding="utf-8-sig", newline="") as f:
        kinds = [row["kind"] for row in csv.DictReader(f)]
    assert "number" not in kinds and {"omission", "addition", "mistranslation"} <= set(kinds)


def test_checks_option_selects_checks(tmp_path):
    en, zh = demo_paths()
    r = run(
        ["check", str(en), str(zh), "-o", str(tmp_path / "o"), "--format", "json", "--checks", "number"],
        tmp_path,
    )
    assert r.returncode == 0, r.stderr  # the number flag is major, not critical
    rep = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert rep["signature"]["checks"] == ["number"]
    assert {f["kind"] for b in rep["beads"] for f in b["flags"]} == {"number"}
    r = run(["check", str(en), str(zh), "--checks", "spelling"], tmp_path)
    assert r.returncode == 2 and "unknown check" in r.stderr


def test_precise_alignment_on_the_demo(demo_run, tmp_path):
    """``--precise`` adds the token-level bead score: recorded in the signature, and on the demo it
    keeps the same beads and the same four planted flags as the default run."""
    en, zh = demo_paths()
    r = run(["check", str(en), str(zh), "-o", str(tmp_path / "p"), "--precise", "-q"], tmp_path)
    assert r.returncode == 1, r.stderr
    precise = json.loads((tmp_path / "p" / "report.json").read_text(encoding="utf-8"))
    default = json.loads((demo_run[0] / "outputs" / "demo" / "report.json").read_text(encoding="utf-8"))
    assert precise["signature"]["params"]["token_weight"] == 1.0
    assert default["signature"]["params"]["token_weight"] == 0.0
    beads = [(b["source"], b["target"]) for b in precise["beads"]]
    assert beads == [(b["source"], b["target"]) for b in default["beads"]]
    kinds = sorted(f["kind"] for b in precise["beads"] for f in b["flags"])
    assert kinds == sorted(f["kind"] for b in default["beads"] for f in b["flags"])
    assert len(kinds) == 4


def test_demo_command_is_check_without_files(tmp_path):
    r = run(["demo", "-q", "-o", str(tmp_path / "d")], tmp_path)
    assert r.returncode == 1 and r.stdout == "", r.stderr
    assert (tmp_path / "d" / "flags.csv").is_file() and (tmp_path / "d" / "report.html").is_file()


# Ctrl-C, delivered as a real SIGINT from inside the run at a chosen moment (deterministic, unlike a
# timer): exit 130, one line, no traceback, and no output folder or temporary folder left behind.
# The child restores Python's own SIGINT handler: a test run started in the background by a
# non-interactive shell inherits SIGINT as ignored, and the interrupt would then never arrive.
_INTERRUPT_AT = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
import {module} as m
real = m.{name}
def interrupted(*a, **k):
    out = real(*a, **k)
    os.kill(os.getpid(), signal.SIGINT)
    return out
m.{name} = interrupted
from align.cli import main
sys.argv = ["align", "check", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("align.pipeline", "align_vectors"),  # after embedding, while aligning
        ("align.report.jsonfile", "write_json"),  # one report file already in the temporary folder
    ],
)
def test_ctrl_c_leaves_nothing_half_written(tmp_path, module, name):
    en, zh = demo_paths()
    out = tmp_path / "out"
    code = _INTERRUPT_AT.format(module=module, name=name)
    args = [str(en), str(zh), "-o", str(out), "--format", "json,csv"]
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert r.returncode == 130, r.stderr
    assert r.stderr.strip() == "interrupted; no output was written"
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_overwriting_keeps_the_previous_output(tmp_path):
    en, zh = demo_paths()
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("previous")
    code = _INTERRUPT_AT.format(module="align.report.jsonfile", name="write_json")
    args = [str(en), str(zh), "-o", str(out), "--format", "json,csv", "--force"]
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)
    assert r.returncode == 130 and "Traceback" not in r.stderr, r.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in out.iterdir()] == ["report.json"]
    assert (out / "report.json").read_text() == "previous"


def test_reversed_order_is_explained_and_input_repairs_are_reported(tmp_path):
    """Chinese given first: say what was detected. A NUL byte dropped: say so, in stdout and report.json."""
    en, zh = demo_paths()
    broken = tmp_path / "zh.txt"
    broken.write_bytes(zh.read_bytes().replace("。".encode(), "。\x00".encode(), 1))
    r = run(["check", str(broken), str(en), "-o", str(tmp_path / "o"), "--format", "json"], tmp_path)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    flat = " ".join(r.stdout.split())
    assert "detected as Chinese" in flat and "give it first" in flat
    assert "1 NUL byte(s) removed" in flat
    rep = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert any("NUL byte" in w for w in rep["warnings"])


def test_unrelated_files_are_not_reported_as_clean(tmp_path):
    """With its flags withheld, a wrong file pair must not read "No problems found"."""
    en, _ = demo_paths()
    seed = Path(__file__).resolve().parents[1] / "seeds" / "fp-japan-2025.zh.txt"
    r = run(["check", str(en), str(seed), "-o", str(tmp_path / "o"), "--format", "json"], tmp_path)
    assert r.returncode == 1, r.stderr  # the unrelated pair counts as critical
    out = " ".join(r.stdout.split())
    assert "do not look like translations" in out and "Not checked" in out
    assert "No problems found" not in out


def test_severity_from_the_rules_on_request_and_a_bad_source_refused(demo_run, tmp_path):
    en, zh = demo_paths()
    bad = run(["check", str(en), str(zh), "-o", str(tmp_path / "x"), "--severity", "strict"], tmp_path)
    assert bad.returncode == 2 and not (tmp_path / "x").exists()
    assert bad.stderr.strip().count("\n") == 0 and "unknown severity source 'strict'" in bad.stderr
    r = run(["check", str(en), str(zh), "-o", str(tmp_path / "rules"), "--severity", "rules", "-q"], tmp_path)
    assert r.returncode == 1, r.stderr  # the demo's dropped sentence is critical either way
    rules = json.loads((tmp_path / "rules" / "report.json").read_text(encoding="utf-8"))
    cwd, _ = demo_run
    learned = json.loads((cwd / "outputs" / "demo" / "report.json").read_text(encoding="utf-8"))
    assert rules["signature"]["severity"] == "rules"
    assert learned["signature"]["severity"].startswith("learned (")

    def flags(rep):
        return sorted((f["kind"], f["message"]) for b in rep["beads"] for f in b["flags"])

    assert flags(rules) == flags(learned)
