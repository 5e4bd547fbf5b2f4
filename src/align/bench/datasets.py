"""Read the shared evaluation sets (MAC-Dev, Bible, MQM) and the ``*.align`` bead format.

The data is never copied into the repository (licences, copyrighted novel excerpts): it is read in
place from ``$ALIGN_DATA`` or ``<project root>/../shared/data``. A user's clone has no such folder,
so :func:`data_root` answers ``None`` rather than raising, and tests/benchmarks skip on that.

Beads are plain ``(source_ids, target_ids)`` tuples of ints here, the smallest thing the metric
needs; converting to :class:`align.types.Bead` is left to callers so this module stays free of the
rest of the package.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]

# src/align/bench/datasets.py -> parents[3] is the directory holding pyproject.toml.
PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _default_root() -> Path:
    """``$ALIGN_DATA`` if set, else the sibling ``shared/data`` of the project root."""
    env = os.environ.get("ALIGN_DATA")
    return Path(env) if env else PROJECT_ROOT.parent / "shared" / "data"


#: Where the evaluation data is expected (computed at import; :func:`data_root` re-reads the env).
DATA_ROOT: Path = _default_root()

# (source language, target language, has verse files) per set, as the data README defines them.
SETS: dict[str, tuple[str, str, bool]] = {
    "mac-dev": ("zh", "en", False),
    "bible": ("en", "zh", True),
}


def data_root() -> Path | None:
    """The evaluation data folder, or ``None`` when it does not exist (e.g. in a user's clone).

    The environment is read at call time, not import time, so a test can point ``ALIGN_DATA``
    elsewhere with ``monkeypatch.setenv``.
    """
    root = _default_root()
    return root if root.is_dir() else None


# --------------------------------------------------------------------------------------------------
# The ``[0,1]:[0]`` format
# --------------------------------------------------------------------------------------------------

_LINE_RE = re.compile(r"^\s*\[([^\[\]]*)\]\s*:\s*\[([^\[\]]*)\]\s*$")


def _parse_ids(text: str, line: str) -> tuple[int, ...]:
    text = text.strip()
    if not text:
        return ()
    out = []
    for piece in text.split(","):
        piece = piece.strip()
        if not piece.isdigit():  # rejects "", "-1", "1.0": ids are 0-based line numbers
            raise ValueError(f"bad sentence id {piece!r} in alignment line {line!r}")
        out.append(int(piece))
    return tuple(out)


def parse_align_line(line: str) -> BeadPair:
    """Parse one bead, e.g. ``[0,1]:[0]``, ``[]:[3]`` or ``[0, 1] : [2]`` (spaces tolerated).

    Bertalign writes ``[0, 1]`` and the gold files ``[0,1]``, so both must read the same. Anything
    else raises ``ValueError`` naming the line, because a silently skipped bead would skew scores.
    """
    m = _LINE_RE.match(line)
    if not m:
        raise ValueError(f"not an alignment line (expected '[ids]:[ids]'): {line.rstrip()!r}")
    return _parse_ids(m.group(1), line), _parse_ids(m.group(2), line)


def read_align(path: str | Path) -> list[BeadPair]:
    """Read a ``*.align`` file: one bead per line, in order; blank lines are ignored."""
    with open(path, encoding="utf-8-sig") as f:
        return [parse_align_line(line) for line in f if line.strip()]


def format_align(beads: Iterable[Sequence[Sequence[int]]]) -> str:
    """Beads in the gold files' compact form (``[0,1]:[0]``, no spaces), one per line.

    The text ends with a newline when there is at least one bead, like the files in the data.
    """
    lines = [
        "[" + ",".join(str(int(i)) for i in src) + "]:[" + ",".join(str(int(i)) for i in tgt) + "]"
        for src, tgt in beads
    ]
    return "".join(line + "\n" for line in lines)


def write_align(beads: Iterable[Sequence[Sequence[int]]], path: str | Path) -> None:
    """Write beads to ``path`` in the format :func:`read_align` reads back."""
    Path(path).write_text(format_align(beads), encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Evaluation sets
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Doc:
    """One bitext of an evaluation set with its gold and Bertalign alignments.

    Tuples throughout so a ``Doc`` is hashable and cannot be mutated by a benchmark run.
    ``src_verse``/``tgt_verse`` give each line's verse id (Bible only, else ``None``);
    ``bertalign`` is ``None`` if that folder lacks the document.
    """

    name: str
    src_lines: tuple[str, ...]
    tgt_lines: tuple[str, ...]
    src_lang: str
    tgt_lang: str
    gold: tuple[BeadPair, ...]
    bertalign: tuple[BeadPair, ...] | None = None
    src_verse: tuple[str, ...] | None = None
    tgt_verse: tuple[str, ...] | None = None


def read_lines(path: str | Path) -> tuple[str, ...]:
    """Lines of a one-sentence-per-line file, with the exact line count of the file.

    Only the line terminator (``\\n`` or ``\\r\\n``) is removed: the ids in ``*.align`` are line
    numbers, so ``str.splitlines`` (which also splits on U+2028, form feeds, …) or stripping blank
    lines would shift every id after the first such line.
    """
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    if not text:
        return ()
    parts = text.split("\n")
    if parts[-1] == "":  # the usual final newline does not start another line
        parts.pop()
    return tuple(p[:-1] if p.endswith("\r") else p for p in parts)


def _read_verses(path: Path, n_lines: int) -> tuple[str, ...]:
    verses = tuple(v.strip() for v in read_lines(path))
    if len(verses) != n_lines:
        raise ValueError(f"{path} has {len(verses)} verse ids but the text has {n_lines} lines")
    return verses


def load_set(name: str, root: str | Path | None = None) -> list[Doc]:
    """Load every document of the evaluation set ``name`` (``mac-dev`` or ``bible``).

    Documents are those of the source-language folder, in name order. ``root`` defaults to
    :func:`data_root`. A missing set raises ``FileNotFoundError`` with a one-line message, so a
    benchmark run fails with something a user can act on instead of a traceback into ``open``.
    """
    if name not in SETS:
        raise ValueError(f"unknown evaluation set {name!r}; expected one of {sorted(SETS)}")
    src_lang, tgt_lang, has_verses = SETS[name]
    base = Path(root) if root is not None else _default_root()
    set_dir = base / name
    for sub in (set_dir, set_dir / src_lang, set_dir / tgt_lang, set_dir / "gold"):
        if not sub.is_dir():
            raise FileNotFoundError(
                f"evaluation set {name!r} not found: missing folder {sub} (set ALIGN_DATA to the data folder)"
            )

    src_verse_all = tgt_verse_all = None
    if has_verses:
        # The verse files are per line of the (single) Bible document, named by language.
        src_verse_all = set_dir / f"{src_lang}.verse"
        tgt_verse_all = set_dir / f"{tgt_lang}.verse"
        for p in (src_verse_all, tgt_verse_all):
            if not p.is_file():
                raise FileNotFoundError(f"evaluation set {name!r}: missing verse file {p}")

    docs = []
    for src_path in sorted(p for p in (set_dir / src_lang).iterdir() if p.is_file()):
        doc_id = src_path.name
        tgt_path = set_dir / tgt_lang / doc_id
        gold_path = set_dir / "gold" / f"{doc_id}.align"
        for p in (tgt_path, gold_path):
            if not p.is_file():
                raise FileNotFoundError(f"evaluation set {name!r}: missing file {p}")
        src_lines = read_lines(src_path)
        tgt_lines = read_lines(tgt_path)
        bert_path = set_dir / "bertalign" / f"{doc_id}.align"
        docs.append(
            Doc(
                name=doc_id,
                src_lines=src_lines,
                tgt_lines=tgt_lines,
                src_lang=src_lang,
                tgt_lang=tgt_lang,
                gold=tuple(read_align(gold_path)),
                bertalign=tuple(read_align(bert_path)) if bert_path.is_file() else None,
                src_verse=_read_verses(src_verse_all, len(src_lines)) if src_verse_all else None,
                tgt_verse=_read_verses(tgt_verse_all, len(tgt_lines)) if tgt_verse_all else None,
            )
        )
    return docs


# MQM systems that are human translations; every other system is MT.
MQM_HUMAN = ("ref", "refB", "Human-A.0", "Human-B.0")


@dataclass(frozen=True)
class MqmSegment:
    """One translated segment of mqm-zhen/ted (Chinese source, English translation) and its label."""

    system: str
    doc: str
    seg_id: str
    src: str
    tgt: str
    major_accuracy: bool  # some rater marked a Major ``Accuracy/*`` error
    accuracy: bool = False  # some rater marked an ``Accuracy/*`` error of any severity

    @property
    def human(self) -> bool:
        return self.system in MQM_HUMAN


def read_mqm(root: str | Path) -> list[MqmSegment]:
    """mqm-zhen/ted's segments (one per system, document and segment id), ``<v>`` marks removed."""
    segs: dict[tuple[str, str, str], MqmSegment] = {}
    with open(Path(root) / "mqm-zhen" / "ted" / "mqm_ted_zhen.tsv", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 9:
                continue
            system, doc, _doc_id, seg_id, _rater, source, target, category, severity = row[:9]
            key = (system, doc, seg_id)
            acc = category.startswith("Accuracy/")
            major = acc and severity == "Major"
            seg = segs.get(key)
            if seg is None:
                clean = [t.replace("<v>", "").replace("</v>", "") for t in (source, target)]
                segs[key] = MqmSegment(system, doc, seg_id, clean[0], clean[1], major, acc)
            elif (major and not seg.major_accuracy) or (acc and not seg.accuracy):
                segs[key] = MqmSegment(
                    system, doc, seg_id, seg.src, seg.tgt, seg.major_accuracy or major, seg.accuracy or acc
                )
    return list(segs.values())


@dataclass(frozen=True)
class Wmt21Pair:
    """One pair of wmt21-ced-enzh (English source, Chinese MT) and its critical-error label."""

    id: str
    src: str
    tgt: str
    critical: bool  # labelled ERR


def read_wmt21(root: str | Path, split: str) -> list[Wmt21Pair]:
    """wmt21-ced-enzh ``split`` (train, dev). The Chinese is pre-tokenised with spaces; they are
    removed, since the checks expect running text."""
    rows = []
    with open(Path(root) / "wmt21-ced-enzh" / f"{split}.tsv", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 5:
                rows.append(Wmt21Pair(parts[0], parts[1], parts[2].replace(" ", ""), parts[4] == "ERR"))
    return rows
