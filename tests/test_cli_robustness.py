"""A new user's first hour (issue 17): every failure gets a clear, early, one-line answer.

Through the CLI (``.venv/bin/align`` next to ``sys.executable``) where it is CLI behaviour: the exit
code and the key words of the one-line message are asserted. Refused options never reach the
expensive work, so most of these tests take about a second each.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align.pipeline import demo_paths

ALIGN = str(Path(sys.executable).with_name("align"))
ROOT = Path(__file__).resolve().parents[1]
EN = "Japan and America are close allies. They meet every year in Tokyo to talk about trade.\n"
ZH = "日本和美国是亲密的盟友。他们每年在东京会面讨论贸易。\n"


def run(args, cwd, *, env=None, input=None, cache=None):
    e = dict(os.environ)
    if cache is not None:
        e["ALIGN_CACHE"] = str(cache)
    e.update(env or {})
    return subprocess.run(
        [ALIGN, *args], cwd=cwd, capture_output=True, text=True, env=e, timeout=300, input=input
    )


def one_line(r) -> str:
    lines = r.stderr.strip().splitlines()
    assert "Traceback" not in r.stderr and len(lines) == 1, r.stderr
    return lines[0]


@pytest.fixture
def pair(tmp_path):
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    return tmp_path


# 1. exit codes ---------------------------------------------------------------------------------

_CRASH = """
import sys
import align.pipeline as p
def boom(*a, **k):
    raise RuntimeError("boom in the pipeline")
p.check = boom
from align.cli import main
sys.argv = ["align", "check", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("cache_is_a_file", [False, True])
def test_internal_error_exits_3_naming_a_log_with_the_traceback(pair, cache_is_a_file):
    cache = pair / "cache"
    if cache_is_a_file:
        cache.write_text("not a folder")
    env = dict(os.environ, ALIGN_CACHE=str(cache), TMPDIR=str(pair))
    args = [str(pair / "en.txt"), str(pair / "zh.txt"), "-o", str(pair / "out")]
    r = subprocess.run(
        [sys.executable, "-c", _CRASH, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert r.returncode == 3, r.stderr
    line = [ln for ln in r.stderr.splitlines() if not ln.startswith(("align:", "warning:"))]
    assert len(line) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "internal error" in line[0] and "RuntimeError: boom" in line[0]
    log = Path(line[0].split("traceback is in ")[1].split(";")[0])
    assert log.is_file() and log.parent == (pair if cache_is_a_file else cache)
    assert "Traceback" in log.read_text() and "boom in the pipeline" in log.read_text()


def test_help_documents_exit_codes_and_stdin(tmp_path):
    r = run(["check", "--help"], tmp_path, env={"COLUMNS": "200"})
    assert r.returncode == 0
    flat = " ".join(r.stdout.split())
    assert "Exit codes" in flat and "3 internal error" in flat and "stdin" in flat
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{c}`" in codes for c in "0123") and "log file" in codes


# 2. the cache is never a point of failure -------------------------------------------------------


def _vectors(n, seed=0):
    rng = np.random.default_rng(seed)
    return {f"sentence {seed}-{i}": rng.random(16, dtype=np.float32) for i in range(n)}


@pytest.mark.parametrize("damage", ["junk", "pages"])
def test_corrupt_embedding_cache_is_moved_aside_and_rebuilt(tmp_path, damage, capsys):
    from align.embed.cache import EmbeddingCache

    path = tmp_path / "embeddings.sqlite"
    cache = EmbeddingCache(path)
    items = _vectors(3000)
    cache.put_many("m", items)
    cache._db.close()
    if damage == "junk":
        path.write_bytes(os.urandom(8192))
    else:  # damaged pages in the middle of a valid database
        data = bytearray(path.read_bytes())
        mid = len(data) // 3
        data[mid : mid + 65536] = b"\xab" * 65536
        path.write_bytes(bytes(data))
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    cache = EmbeddingCache(path)
    got = cache.get_many("m", list(items))
    assert len(got) < len(items)  # what was lost is simply recomputed
    cache.put_many("m", {"new": np.ones(16, np.float32)})
    assert list(cache.get_many("m", ["new"])) == ["new"] and not cache.in_memory
    aside = [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert any(n.startswith("embeddings.sqlite.corrupt-") and n[-1].isdigit() for n in aside), aside
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "corrupt" in err and "moved it aside" in err


def test_unusable_cache_folder_means_one_warning_and_an_in_memory_cache(tmp_path, monkeypatch, capsys):
    from align import paths
    from align.embed.cache import EmbeddingCache

    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file")
    monkeypatch.setenv("ALIGN_CACHE", str(not_a_folder))
    paths._usable.cache_clear()
    try:
        cache = EmbeddingCache()
        cache.put_many("m", {"a": np.ones(4, np.float32)})
        assert cache.in_memory and list(cache.get_many("m", ["a"])) == ["a"]
        built = []
        value = paths.pickle_cached("thing-v1", "thing-*.pkl", list, lambda: built.append(1) or [1, 2])
        assert value == [1, 2] and built == [1]
        scratch = paths.cache_dir()  # for jieba: a private folder that works, never an exception
        assert scratch.is_dir() and scratch != not_a_folder
    finally:
        paths._usable.cache_clear()
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "not usable" in err and str(not_a_folder) in err


def test_read_only_filesystem_cache(tmp_path, monkeypatch, capsys):
    """EROFS (or a read-only folder, which root would not notice) is found by actually writing."""
    from align import paths

    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path / "ro"))
    (tmp_path / "ro").mkdir()

    def read_only(*a, **k):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(paths.tempfile, "mkstemp", read_only)
    paths._usable.cache_clear()
    try:
        assert paths.usable_cache_dir() is None
    finally:
        paths._usable.cache_clear()
    assert "Read-only file system" in capsys.readouterr().err


def test_corrupt_pickle_and_jieba_caches_are_rebuilt(tmp_path, monkeypatch):
    from align import paths

    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path))
    (tmp_path / "thing-v1.pkl").write_bytes(b"\x80\x05junk")
    assert paths.pickle_cached("thing-v1", "thing-*.pkl", list, lambda: [3]) == [3]
    assert paths.pickle_cached("thing-v1", "thing-*.pkl", list, lambda: [4]) == [3]  # rewritten
    (tmp_path / "jieba.cache").write_bytes(os.urandom(4096))
    code = "from align.text.zh import zh_words; print(len(zh_words('日本和美国是盟友。')))"
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, ALIGN_CACHE=str(tmp_path)),
        timeout=120,
    )
    assert r.returncode == 0 and int(r.stdout) > 2, r.stderr


def test_cli_runs_with_the_cache_path_pointing_to_a_file(tmp_path):
    """The issue's case end to end (about 20 s: nothing is cached): one warning, a normal result."""
    cache = tmp_path / "cache-file"
    cache.write_text("x")
    en, zh = demo_paths()
    args = ["check", str(en), str(zh), "-o", "o", "--format", "json", "--checks", "number", "-q"]
    r = run(args, tmp_path, cache=cache)
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("warning:") == 1 and "not usable" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "o" / "report.json").is_file() and cache.read_text() == "x"


_WRITER = """
import sys
import numpy as np
from align.embed.cache import EmbeddingCache
c = EmbeddingCache(sys.argv[1])
rng = np.random.default_rng(int(sys.argv[2]))
for k in range(20):
    c.put_many("m", {f"{sys.argv[2]}-{k}-{i}": rng.random(64, dtype=np.float32) for i in range(100)})
    assert len(c.get_many("m", [f"{sys.argv[2]}-{k}-{i}" for i in range(100)])) == 100
"""


def test_two_processes_write_one_cache_at_once(tmp_path):
    db = tmp_path / "shared.sqlite"
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(db), str(seed)], stderr=subprocess.PIPE)
        for seed in (1, 2)
    ]
    errs = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errs
    assert not any("warning" in e for e in errs), errs
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM vec").fetchone()[0] == 4000


# 3. validate everything before the heavy work --------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--decisions", "missing.xlsx"], "decisions file not found"),
        (["--decisions", "fake.csv"], "missing column"),
        (["--glossary", "missing.csv"], "no such file"),
        (["--glossary", "unterminated.csv"], "line 3: unterminated quote"),
        (["--glossary", "binary.csv"], "binary.csv"),
        (["--checks", "numbr"], "unknown check"),
        (["--checks", "term"], "needs --glossary"),
        (["--format", "pdf"], "unknown format"),
        (["--embedder", "labse"], "unknown embedder"),
        (["-o", "/proc/align-cannot-write-here"], "cannot write the output folder"),
    ],
)
def test_bad_options_are_refused_before_the_texts_are_read(pair, extra, message):
    (pair / "fake.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (pair / "unterminated.csv").write_text(
        'source,target\nTokyo,东京\n"middle power,中等强国\nNATO,北约\n', encoding="utf-8"
    )
    (pair / "binary.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    if extra[0] == "-o" and not Path("/proc").is_dir():
        pytest.skip("no /proc to stand for an unwritable folder")
    # a Japanese translation: had the texts been read first, that would be the message
    (pair / "ja.txt").write_text("日本とアメリカの関係は試されている。\n", encoding="utf-8")
    r = run(["check", "en.txt", "ja.txt", *extra], pair)
    assert r.returncode == 2, r.stderr
    line = one_line(r)
    assert message in line, line
    assert "Warning" not in r.stderr
    assert not (pair / "outputs").exists()


def test_glossary_with_an_unterminated_quote_names_its_line(tmp_path):
    from align.checks.glossary import read_glossary
    from align.errors import AlignError

    g = tmp_path / "g.csv"
    g.write_text('source,target\nally,盟友\n\nTokyo,"东京\nNATO,北约\n', encoding="utf-8")
    with pytest.raises(AlignError, match="line 4: unterminated quote"):
        read_glossary(g)
    g.write_text('source,target\n"multi\nline",多行\nNATO,\n', encoding="utf-8")
    with pytest.raises(AlignError, match="line 4: both source and target"):
        read_glossary(g)  # line numbers count a quoted line break


# 4. user text is printed literally -----------------------------------------------------------


def test_brackets_in_paths_and_model_names_are_printed_literally(pair):
    r = run(["check", "no[st]such.txt", "zh.txt"], pair)
    assert r.returncode == 2 and "no[st]such.txt: no such file" in one_line(r)
    r = run(["check", "--embedder", "st:nonexistent", "en.txt", "zh.txt"], pair)
    assert r.returncode == 2
    line = one_line(r)
    assert "st:nonexistent" in line and ('".[st]"' in line or "'nonexistent'" in line), line


# 5. umask and --force on a read-only folder -----------------------------------------------------


def test_outputs_follow_the_umask(tmp_path):
    from align.io import atomic_dir

    old = os.umask(0o022)
    try:
        with atomic_dir(tmp_path / "out") as tmp:
            (tmp / "a.csv").write_text("x")
            (tmp / "sub").mkdir(mode=0o700)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "out" / "a.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "out" / "sub").stat().st_mode) == 0o755


def test_force_over_a_read_only_folder_leaves_nothing_behind(tmp_path):
    from align.io import atomic_dir

    out = tmp_path / "out"
    (out / "inner").mkdir(parents=True)
    (out / "inner" / "old.txt").write_text("previous")
    (out / "report.json").write_text("previous")
    for p in (out / "inner" / "old.txt", out / "report.json"):
        p.chmod(0o444)
    (out / "inner").chmod(0o555)
    out.chmod(0o555)
    with atomic_dir(out, force=True) as tmp:
        (tmp / "report.json").write_text("new")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no hidden .out.old.<pid>
    assert [p.name for p in out.iterdir()] == ["report.json"]
    assert (out / "report.json").read_text() == "new"


def test_force_over_a_folder_of_someone_else_fails_cleanly(tmp_path, monkeypatch):
    from align import io
    from align.errors import AlignError

    out = tmp_path / "out"
    out.mkdir()
    (out / "x").write_text("x")
    monkeypatch.setattr(io.os, "geteuid", lambda: 12345)  # not the owner, and not root
    monkeypatch.setattr(io.os, "access", lambda *a, **k: False)
    with pytest.raises(AlignError, match="read-only and not yours"), io.atomic_dir(out, force=True):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# 6. "-" reads a side from standard input --------------------------------------------------------


def test_stdin_as_one_side(pair):
    from align.pipeline import load_document

    r = run(["check", "-", "-", "-o", "o"], pair, input=EN)
    assert r.returncode == 2 and "only one side" in one_line(r)
    code = "import sys\nfrom align.pipeline import load_document\nd = load_document('-', 'target')\n"
    code += "print(d.lang, len(d.sentences), d.name)"
    r = subprocess.run([sys.executable, "-c", code], input=ZH, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.split() == ["zh", "2", "<stdin>"], r.stderr
    assert load_document(pair / "en.txt", "source").lang == "en"


def test_stdin_through_the_cli(tmp_path):
    en, zh = demo_paths()
    r = run(
        ["check", str(en), "-", "-o", str(tmp_path / "o"), "--format", "json", "--checks", "number", "-q"],
        tmp_path,
        input=zh.read_text(encoding="utf-8"),
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "o" / "report.json").is_file()
    assert '"<stdin>"' in (tmp_path / "o" / "report.json").read_text(encoding="utf-8")


# 7. refuse what is not English or Chinese text -----------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("🎉🎉🎉 👍👍 🙂\n", "no English or Chinese text found"),
        ("2024 2025 — 17, 42, 3.5%\n", "no English or Chinese text found"),
        (
            "日本とアメリカの関係は、トランプ政権の下で試されている。ヘグセス国防長官が東京を訪れた。\n",
            "looks like Japanese (kana found)",
        ),
        ("Япония и Америка — близкие союзники. Они встречаются каждый год в Токио.\n", "Cyrillic"),
        (
            "Le Japon et les États-Unis sont des alliés proches. Ils se rencontrent chaque année à Tokyo "
            "pour parler du commerce et de la sécurité dans la région, mais les tensions sont fortes.\n",
            "looks like French",
        ),
    ],
)
def test_text_in_no_expected_language_is_refused_early(pair, content, message):
    (pair / "other.txt").write_text(content, encoding="utf-8")
    r = run(["check", "en.txt", "other.txt"], pair)
    assert r.returncode == 2, r.stderr
    line = one_line(r)
    assert "other.txt" in line and message in line, line
    r = run(["check", "other.txt", "zh.txt"], pair)
    assert r.returncode == 2 and message in one_line(r)


def test_language_detection_lets_real_pairs_through():
    from align.segment import unsupported_text

    en, zh = demo_paths()
    seed = ROOT / "seeds" / "fp-japan-2025.zh.txt"
    for p in (en, zh, seed):
        assert unsupported_text(p.read_text(encoding="utf-8"), p.name) is None
    # a Chinese text quoting a Japanese title, or with the middle dot of a transliterated name
    assert (
        unsupported_text("村上春树的《ノルウェイの森》在中国很受欢迎，唐纳德·特朗普也读过这本书。", "x")
        is None
    )
    # the user has said which language it is: only "no text at all" is still refused
    assert unsupported_text("Le Japon et les États-Unis sont des alliés. " * 5, "x", lang_given=True) is None


# 8. --decisions says how many rows matched nothing -------------------------------------------


def test_decisions_from_another_pair_are_reported(tmp_path, demo_report):
    from align.report.decisions import apply_decisions, match_decisions, read_decisions

    sheet = tmp_path / "other.csv"
    sheet.write_text(
        "pair_key,kind,decision\npaaaaaaaaaaaaaaaa,omission,false-alarm\npbbbbbbbbbbbbbbbb,number,false-alarm\n",
        encoding="utf-8",
    )
    decisions = read_decisions(sheet)
    match = match_decisions(demo_report, decisions)
    _, suppressed = apply_decisions(demo_report, decisions)
    assert (match.rows, match.unmatched, suppressed) == (2, 2, 0) and match.foreign
    msg = match.message(suppressed, str(sheet))
    assert "0 flag(s) suppressed" in msg and "2 of 2 row(s) matched nothing" in msg
    assert "another pair of texts" in msg


def test_cli_says_when_decisions_match_nothing(tmp_path):
    en, zh = demo_paths()
    sheet = tmp_path / "reviewed.csv"
    sheet.write_text(
        "pair_key,kind,decision\npaaaaaaaaaaaaaaaa,number,false-alarm\npbbbbbbbbbbbbbbbb,name,accept\n",
        encoding="utf-8",
    )
    args = ["check", str(en), str(zh), "-o", "o", "--format", "json", "--checks", "number"]
    r = run([*args, "--decisions", str(sheet)], tmp_path)
    assert r.returncode == 0, r.stderr
    flat = " ".join(r.stdout.split())
    assert "0 flag(s) suppressed" in flat and "2 of 2 row(s) matched nothing" in flat
    assert "another pair of texts" in flat


def test_decisions_of_this_pair_match(tmp_path, demo_report):
    from align.report.decisions import match_decisions, read_decisions
    from align.report.tables import pair_key

    i = next(i for i, fl in enumerate(demo_report.flags) if fl)
    key = pair_key(demo_report.bead_text(i, "source"), demo_report.bead_text(i, "target"))
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        f"pair_key,kind,decision\n{key},{demo_report.flags[i][0].kind},false-alarm\n"
        "pzzzzzzzzzzzzzzzz,number,accept\n",
        encoding="utf-8",
    )
    match = match_decisions(demo_report, read_decisions(sheet))
    assert (match.rows, match.unmatched, match.foreign) == (2, 1, False)
    assert "1 of 2 row(s) matched nothing" in match.message(1, "mine.csv")


def test_decisions_csv_with_an_unterminated_quote(tmp_path):
    from align.errors import AlignError
    from align.report.decisions import read_decisions

    sheet = tmp_path / "d.csv"
    sheet.write_text('pair_key,kind,decision\np1,number,"false-alarm\np2,name,accept\n', encoding="utf-8")
    with pytest.raises(AlignError, match="line 2: an unterminated quote"):
        read_decisions(sheet)


# 9. README: install lines and examples ----------------------------------------------------------


def test_readme_install_lines_and_the_missing_original_hint(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up and run the demo", 1)[1].split("\n## ", 1)[0]
    assert "pip install -e .  " in setup or "pip install -e .\n" in setup
    assert 'pip install -e ".[dev]"' in setup and '".[notebook]"' in setup
    real = readme.split("## Check a real article", 1)[1].split("\n## ", 1)[0]
    assert real.index("Put the English original in `reference_en/` first") < real.index(
        "align check reference_en/fp-japan-2025.en.txt"
    )
    (tmp_path / "reference_en").mkdir()
    seed = ROOT / "seeds" / "fp-japan-2025.zh.txt"
    r = run(["check", "reference_en/fp-japan-2025.en.txt", str(seed)], tmp_path)
    assert r.returncode == 2
    line = one_line(r)
    assert "put the English original in reference_en/ first" in line and "README" in line
    r = run(["check", str(seed)], tmp_path)
    assert r.returncode == 2 and "reference_en" in one_line(r)


def test_pyproject_declares_markupsafe_and_a_notebook_extra():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(d.startswith("markupsafe") for d in meta["dependencies"])
    assert any(d.startswith("matplotlib") for d in meta["optional-dependencies"]["notebook"])


# 10. piped output: unwrapped summary, plain progress lines ---------------------------------------


def test_piped_output_is_not_wrapped_and_progress_is_plain(tmp_path):
    """stdout piped, stderr a terminal (``align check a b | less``): plain stage lines on stderr,
    and a summary whose long lines and paths are not wrapped at 80 columns."""
    import pty

    en, zh = demo_paths()
    out = tmp_path / ("a-rather-long-output-folder-name-" * 3 + "end")
    args = ["check", str(en), str(zh), "-o", str(out), "--format", "json", "--checks", "number,coverage"]
    master, slave = pty.openpty()
    try:
        r = subprocess.run(
            [ALIGN, *args],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=slave,
            text=True,
            env=dict(os.environ, COLUMNS="80"),
            timeout=300,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end is closed and everything was read
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    err = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    assert r.returncode == 1, err
    wrote = next(ln for ln in r.stdout.splitlines() if ln.startswith("wrote "))
    assert wrote == f"wrote {out / 'report.json'}"  # one line, the long path unbroken
    assert any(len(ln) > 100 for ln in r.stdout.splitlines())
    progress = err.strip().splitlines()
    assert progress and progress[0].startswith("align: embedding"), err
    assert any("align: aligning" in p for p in progress) and all(p.startswith("align: ") for p in progress)
    r = run([*args, "--force", "-q"], tmp_path)
    assert r.returncode == 1 and r.stdout == "" and r.stderr == ""


def test_summary_console_is_wide_when_piped():
    import io

    from align.report.summary import PIPED_WIDTH, make_console

    console = make_console(file=io.StringIO())
    assert not console.is_terminal and console.width == PIPED_WIDTH
    console.print("x" * 300, "[st]", markup=False)
    assert "x" * 300 + " [st]" in console.file.getvalue()


def test_help_shows_no_type_label_on_flags() -> None:
    """``--help``, ``--version``, ``--force`` … are flags: no ``<bool>`` label (typer adds one)."""
    env = {**os.environ, "COLUMNS": "200"}
    for args in (["--help"], ["check", "--help"], ["demo", "--help"], ["bench", "--help"]):
        out = subprocess.run([ALIGN, *args], capture_output=True, text=True, env=env)
        assert out.returncode == 0 and "--help" in out.stdout
        assert "<bool>" not in out.stdout, args
