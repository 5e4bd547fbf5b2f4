"""The check registry: one table of classes that the pipeline, the CLI help and the README read, and
a check from outside the package added by writing one class in one file."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from align.checks import registry
from align.checks.base import Check, PairCheck
from align.errors import AlignError

ROOT = Path(__file__).resolve().parent.parent

TOY = '''
from align.checks.base import PairCheck
from align.checks.registry import register
from align.types import Flag


@register
class Hedge(PairCheck):
    """Flags every translation that has the word 或许 ("perhaps"): a toy plug-in for the tests."""

    name = "hedge"
    kinds = ("mistranslation",)
    default = True
    summary = "a hedge word in the translation"

    def check_pair(self, src, src_lang, tgt, tgt_lang):
        i = tgt.find("或许")
        if i < 0:
            return []
        return [Flag("mistranslation", "minor", 0.5, "hedge word 或许 added", target_span=(i, i + 2))]
'''


def test_every_check_is_a_named_class_with_known_flag_kinds() -> None:
    from align.types import FLAG_KINDS

    names = registry.names()
    assert len(names) == len(set(names))
    for cls in registry.CHECKS:
        assert issubclass(cls, Check) and cls.name and cls.summary
        assert cls.kinds and set(cls.kinds) <= set(FLAG_KINDS)
    assert registry.default_names() == ["coverage", "number", "name", "lexical", "form", "clause"]
    assert "term" in names and "divergence" in registry.optional_names()


def test_resolve_validates_names_and_needed_options_before_any_work() -> None:
    with pytest.raises(AlignError, match="unknown check 'nosuch'"):
        registry.resolve(["nosuch"])
    with pytest.raises(AlignError, match="needs --glossary"):
        registry.resolve(["term"])
    assert [c.name for c in registry.resolve("number, lexical")] == ["number", "lexical"]
    assert [c.name for c in registry.resolve(None, options={"glossary": ()})][-1] == "term"
    every = [c.name for c in registry.resolve("all")]
    assert "divergence" in every and "term" not in every


def test_register_refuses_a_taken_name() -> None:
    class Clash(PairCheck):
        name = "number"
        kinds = ("number",)
        summary = "x"

    with pytest.raises(ValueError, match="registered already"):
        registry.register(Clash)
    assert Clash not in registry.CHECKS


def test_readme_table_of_checks_is_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- checks-table:start -->\n", "\n<!-- checks-table:end -->"
    table = readme[readme.index(start) + len(start) : readme.index(end)]
    assert table == registry.markdown_table()


def test_cli_help_lists_every_check_from_the_registry() -> None:
    from typer.testing import CliRunner

    from align.cli import app

    out = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "400"}).output
    for name in registry.names():
        assert name in out


def test_a_plugin_check_in_one_file_runs_and_is_named_everywhere(tmp_path: Path) -> None:
    """A toy check written as one class in one file, loaded through ALIGN_PLUGINS: it is listed by
    ``--help``, its flag lands in flags.csv with its name, and report.html shows it."""
    (tmp_path / "hedgecheck.py").write_text(TOY, encoding="utf-8")
    from align.pipeline import demo_paths

    en, zh = demo_paths()
    planted = tmp_path / "article.zh.txt"
    body = zh.read_text(encoding="utf-8")
    first = body.index("。") + 1
    planted.write_text(body[:first] + "或许" + body[first:], encoding="utf-8")
    env = {
        **os.environ,
        "ALIGN_PLUGINS": "hedgecheck",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH", "")])),
        "COLUMNS": "400",
    }
    exe = [str(Path(sys.executable).parent / "align")]
    help_out = subprocess.run([*exe, "check", "--help"], env=env, capture_output=True, text=True)
    assert "hedge" in help_out.stdout
    out = tmp_path / "out"
    run = subprocess.run(
        [*exe, "check", str(en), str(planted), "-o", str(out), "--quiet"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1) and (out / "flags.csv").is_file(), run.stderr
    with (out / "flags.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    hedge = [r for r in rows if r["check"] == "hedge"]
    assert len(hedge) == 1 and hedge[0]["target_excerpt"] == "或许"
    assert all(r["check"] in registry.names() for r in rows if r is not hedge[0])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["schema"] == 2 and "hedge" in report["signature"]["checks"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "hedge word 或许 added" in html and ">hedge</span>" in html


def test_a_plugin_that_cannot_be_imported_is_one_warning_line(tmp_path: Path) -> None:
    env = {**os.environ, "ALIGN_PLUGINS": "no_such_plugin_module"}
    run = subprocess.run(
        [str(Path(sys.executable).parent / "align"), "--version"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0
    assert run.stderr.count("\n") == 1 and "no_such_plugin_module" in run.stderr
