"""Readers for the ``*.align`` format and the evaluation sets.

Synthetic data trees (in ``tmp_path``) test the loader everywhere; the checks on the real shared
data skip with a reason where ``../shared/data`` is absent, as in a user's clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.bench import datasets
from align.bench.datasets import (
    Doc,
    data_root,
    format_align,
    load_set,
    parse_align_line,
    read_align,
    read_lines,
    write_align,
)

ROOT = data_root()
needs_data = pytest.mark.skipif(
    ROOT is None, reason="evaluation data not found (../shared/data or $ALIGN_DATA); real-data checks skipped"
)

# --------------------------------------------------------------------------------------------------
# Format
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[0,1]:[0]", ((0, 1), (0,))),
        ("[]:[3]", ((), (3,))),
        ("[2]:[]", ((2,), ())),
        ("[0, 1]:[2, 3]\n", ((0, 1), (2, 3))),  # Bertalign's spacing
        ("  [ 4 ] : [ ]  ", ((4,), ())),
        ("[]:[]", ((), ())),
    ],
)
def test_parse_align_line(line: str, expected: tuple) -> None:
    assert parse_align_line(line) == expected


@pytest.mark.parametrize(
    "line", ["", "0:1", "[0]", "[0]:[1]:[2]", "[a]:[1]", "[0,,1]:[2]", "[-1]:[0]", "[0]:[1.5]"]
)
def test_parse_align_line_rejects(line: str) -> None:
    with pytest.raises(ValueError):
        parse_align_line(line)


def test_format_align() -> None:
    assert format_align([((0, 1), (0,)), ((), (1,)), ((2,), ())]) == "[0,1]:[0]\n[]:[1]\n[2]:[]\n"
    assert format_align([]) == ""


_ids = st.lists(st.integers(0, 10_000), max_size=6).map(tuple)
_beads = st.lists(st.tuples(_ids, _ids), max_size=30)


@given(_beads)
def test_format_parse_round_trip(beads: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
    text = format_align(beads)
    assert " " not in text
    assert [parse_align_line(line) for line in text.splitlines()] == beads


def test_write_read_round_trip(tmp_path: Path) -> None:
    beads = [((0, 1), (0,)), ((), (1,)), ((2,), ()), ((3,), (2, 3, 4))]
    path = tmp_path / "x.align"
    write_align(beads, path)
    assert path.read_text(encoding="utf-8") == "[0,1]:[0]\n[]:[1]\n[2]:[]\n[3]:[2,3,4]\n"
    assert read_align(path) == beads


def test_read_align_tolerates_spaces_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.align"
    path.write_text("[0, 1]:[0]\n\n[2]:[1, 2]\n", encoding="utf-8")
    assert read_align(path) == [((0, 1), (0,)), ((2,), (1, 2))]


def test_read_lines_keeps_line_count(tmp_path: Path) -> None:
    # Blank lines, a U+2028 inside a line, CRLF and a missing final newline: ids are line numbers,
    # so only the terminator of each line may go.
    path = tmp_path / "t"
    path.write_bytes("a\n\nb\u2028c\r\n  d  \ne".encode())
    assert read_lines(path) == ("a", "", "b\u2028c", "  d  ", "e")
    path.write_text("", encoding="utf-8")
    assert read_lines(path) == ()
    path.write_text("\n", encoding="utf-8")
    assert read_lines(path) == ("",)


# --------------------------------------------------------------------------------------------------
# Data root and loader on a synthetic tree
# --------------------------------------------------------------------------------------------------


def test_data_root_follows_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGN_DATA", str(tmp_path))
    assert data_root() == tmp_path
    monkeypatch.setenv("ALIGN_DATA", str(tmp_path / "absent"))
    assert data_root() is None


def test_default_root_is_sibling_of_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALIGN_DATA", raising=False)
    assert (datasets.PROJECT_ROOT / "pyproject.toml").is_file()
    assert datasets._default_root() == datasets.PROJECT_ROOT.parent / "shared" / "data"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_load_mac_dev_shaped_tree(tmp_path: Path) -> None:
    base = tmp_path / "mac-dev"
    _write(base / "zh" / "001", "一。\n二。\n\n")  # 3 lines, the last one empty
    _write(base / "en" / "001", "One two.\n")
    _write(base / "gold" / "001.align", "[0,1]:[0]\n[2]:[]\n")
    _write(base / "bertalign" / "001.align", "[0, 1, 2]:[0]\n")
    _write(base / "zh" / "002", "三。\n")
    _write(base / "en" / "002", "Three.\n")
    _write(base / "gold" / "002.align", "[0]:[0]\n")  # no Bertalign output for 002

    docs = load_set("mac-dev", tmp_path)
    assert [d.name for d in docs] == ["001", "002"]
    d = docs[0]
    assert isinstance(d, Doc)
    assert (d.src_lang, d.tgt_lang) == ("zh", "en")
    assert d.src_lines == ("一。", "二。", "")
    assert d.tgt_lines == ("One two.",)
    assert d.gold == (((0, 1), (0,)), ((2,), ()))
    assert d.bertalign == (((0, 1, 2), (0,)),)
    assert d.src_verse is None and d.tgt_verse is None
    assert docs[1].bertalign is None
    hash(d)  # frozen and made of tuples


def test_load_bible_shaped_tree(tmp_path: Path) -> None:
    base = tmp_path / "bible"
    _write(base / "en" / "001", "In the beginning.\nAnd the earth.\n")
    _write(base / "zh" / "001", "起初。\n地是。\n空虚。\n")
    _write(base / "en.verse", "Gen:1:1\nGen:1:2\n")
    _write(base / "zh.verse", "Gen:1:1\nGen:1:2\nGen:1:2\n")
    _write(base / "gold" / "001.align", "[0]:[0]\n[1]:[1,2]\n")
    docs = load_set("bible", tmp_path)
    (d,) = docs
    assert (d.src_lang, d.tgt_lang) == ("en", "zh")
    assert d.src_verse == ("Gen:1:1", "Gen:1:2")
    assert d.tgt_verse == ("Gen:1:1", "Gen:1:2", "Gen:1:2")


def test_verse_count_mismatch_is_an_error(tmp_path: Path) -> None:
    base = tmp_path / "bible"
    _write(base / "en" / "001", "a\nb\n")
    _write(base / "zh" / "001", "c\n")
    _write(base / "en.verse", "Gen:1:1\n")
    _write(base / "zh.verse", "Gen:1:1\n")
    _write(base / "gold" / "001.align", "[0,1]:[0]\n")
    with pytest.raises(ValueError, match="verse ids"):
        load_set("bible", tmp_path)


def test_missing_set_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="mac-dev") as info:
        load_set("mac-dev", tmp_path)
    msg = str(info.value)
    assert "\n" not in msg and str(tmp_path / "mac-dev") in msg
    (tmp_path / "mac-dev" / "zh").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="mac-dev/en"):
        load_set("mac-dev", tmp_path)


def test_unknown_set() -> None:
    with pytest.raises(ValueError, match="unknown evaluation set"):
        load_set("nope")


# --------------------------------------------------------------------------------------------------
# The real shared data
# --------------------------------------------------------------------------------------------------


def _covers_in_order(beads: tuple, n_src: int, n_tgt: int) -> bool:
    src = [i for b in beads for i in b[0]]
    tgt = [i for b in beads for i in b[1]]
    return src == list(range(n_src)) and tgt == list(range(n_tgt))


@needs_data
@pytest.mark.parametrize(("name", "n_docs", "src_lang"), [("mac-dev", 6, "zh"), ("bible", 1, "en")])
def test_real_sets_load_and_alignments_cover_every_line(name: str, n_docs: int, src_lang: str) -> None:
    docs = load_set(name, ROOT)
    assert len(docs) == n_docs
    for d in docs:
        assert d.src_lang == src_lang
        # Gold and Bertalign each use every line of both files exactly once, in order: this checks
        # the line reading (count kept exactly) and the source/target direction at once.
        assert _covers_in_order(d.gold, len(d.src_lines), len(d.tgt_lines)), d.name
        assert d.bertalign is not None
        assert _covers_in_order(d.bertalign, len(d.src_lines), len(d.tgt_lines)), d.name
    if name == "bible":
        (d,) = docs
        assert (len(d.src_lines), len(d.tgt_lines)) == (5000, 6301)
        assert d.src_verse is not None and len(d.src_verse) == 5000
        assert d.tgt_verse is not None and len(d.tgt_verse) == 6301


@needs_data
def test_read_mqm_one_segment_per_system_and_id_with_its_label() -> None:
    from align.bench.datasets import read_mqm

    segs = read_mqm(data_root())
    keys = [(s.system, s.doc, s.seg_id) for s in segs]
    assert len(keys) == len(set(keys))
    assert not any("<v>" in s.src or "<v>" in s.tgt for s in segs)
    human = [s for s in segs if s.human]
    assert 0 < len(human) < len(segs)
    assert 0 < sum(s.major_accuracy for s in segs) < len(segs)
