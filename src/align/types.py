"""The one data model every stage passes on: sentences, documents, beads, flags, report.

Everything here is frozen and free of I/O so a result can be hashed, compared in tests and
handed to a notebook without fear of a later stage mutating an earlier one's output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Side = Literal["source", "target"]
Lang = Literal["en", "zh"]
FlagKind = Literal["omission", "addition", "mistranslation", "number", "name", "term"]
Severity = Literal["critical", "major", "minor"]

FLAG_KINDS: tuple[str, ...] = ("omission", "addition", "mistranslation", "number", "name", "term")
SEVERITIES: tuple[str, ...] = ("critical", "major", "minor")
SEVERITY_RANK = {"critical": 0, "major": 1, "minor": 2}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one side.

    ``start``/``end`` are character offsets into the side's normalised text (``Document.text``),
    so a report can always point back at the exact characters.
    """

    side: Side
    idx: int
    text: str
    paragraph: int
    start: int
    end: int

    @property
    def id(self) -> str:
        """Stable id used in every output: ``s12`` (source) or ``t7`` (target)."""
        return f"{self.side[0]}{self.idx}"


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded, newline-normalised text and its sentences, in order."""

    lang: str
    text: str
    sentences: tuple[Sentence, ...]
    name: str = ""
    encoding: str = "utf-8"

    def __len__(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True, slots=True)
class Bead:
    """A monotone alignment unit: consecutive source sentences matched to consecutive target ones.

    One side may be empty: ``()`` on the target side is a 1-0 bead (nothing in the translation
    for those source sentences), ``()`` on the source side a 0-1 bead.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float = 0.0

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def is_null(self) -> bool:
        return not self.source or not self.target


@dataclass(frozen=True, slots=True)
class Flag:
    """A finding an editor should look at.

    Spans are ``(start, end)`` character offsets into the bead's *joined* text of that side
    (sentences joined with a single space for English, with nothing for Chinese; see
    ``Report.bead_text``), or ``None`` when the flag concerns the whole side. ``check`` names the
    check that raised it, so an editor (and a risk model) can tell which family of rules spoke.
    """

    kind: str
    severity: str
    confidence: float
    message: str
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    check: str = ""  # the check that raised it (``coverage``, ``number`` …); set by the pipeline

    def __post_init__(self) -> None:
        if self.kind not in FLAG_KINDS:
            raise ValueError(f"unknown flag kind {self.kind!r}; expected one of {FLAG_KINDS}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}; expected one of {SEVERITIES}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be in [0, 1], got {self.confidence}")


def joiner(lang: str) -> str:
    """How sentences of one language are glued into one bead text (and spans computed)."""
    return "" if lang == "zh" else " "


def joined_spans(texts: Sequence[str], lang: str) -> list[tuple[int, int]]:
    """Where each of ``texts`` lies in ``joiner(lang).join(texts)``."""
    glue, pos, out = len(joiner(lang)), 0, []
    for t in texts:
        out.append((pos, pos + len(t)))
        pos += len(t) + glue
    return out


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a check: both documents, the beads and what was found in each.

    ``flags[i]`` and ``risk[i]`` belong to ``beads[i]``. ``signature`` records the settings that
    produced the result so any number in it can be reproduced (as sacrebleu does for scores).
    """

    source: Document
    target: Document
    beads: tuple[Bead, ...]
    flags: tuple[tuple[Flag, ...], ...]
    risk: tuple[float, ...]
    signature: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    timings: dict = field(default_factory=dict, compare=False)
    unrelated: bool = False  # the texts do not look like translations of each other (flags withheld)
    units: tuple[str, ...] = ()  # a bilingual file's unit id of each bead (empty: two plain texts)

    def bead_text(self, i: int, side: Side) -> str:
        """The joined text of one side of bead ``i``; flag spans index into this string."""
        doc = self.source if side == "source" else self.target
        ids = self.beads[i].source if side == "source" else self.beads[i].target
        return joiner(doc.lang).join(doc.sentences[k].text for k in ids)

    def flagged(self) -> list[int]:
        """Indices of beads with at least one flag."""
        return [i for i, fl in enumerate(self.flags) if fl]

    def counts(self) -> dict[str, int]:
        """Number of flags by kind (every kind present, zero where none)."""
        out = dict.fromkeys(FLAG_KINDS, 0)
        for fl in self.flags:
            for f in fl:
                out[f.kind] += 1
        return out

    def has_critical(self) -> bool:
        """True when an editor must act: a critical flag, or texts that are not a translation pair."""
        return self.unrelated or any(f.severity == "critical" for fl in self.flags for f in fl)

    def to_frame(self):
        """One row per bead (pandas), the same columns as ``alignment.csv``."""
        from align.report.tables import alignment_frame

        return alignment_frame(self)

    def write(self, folder, formats=None, *, force: bool = False) -> list:
        """Write the report files into ``folder`` (atomically) and return their paths.

        ``formats``: ``"csv,json"``, a list, or None for all (csv, json, xlsx, html, tmx), the files
        ``align check`` writes; ``force`` overwrites an existing folder. The same as
        ``align.report.write_report``, reachable from the report a notebook holds. A translation
        read from a .docx also gets ``reviewed.docx``: the document with each flag as a comment.
        """
        from pathlib import Path

        from align.report import write_report  # the writers pull in pandas and openpyxl

        docx = Path(self.target.name) if self.target.name.lower().endswith(".docx") else None
        docx = docx if docx is not None and docx.is_file() else None
        return write_report(self, folder, formats, force=force, translation_docx=docx)

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        df = self.to_frame()
        return df[df["flags"] != ""].to_html(index=False) if len(df) else "<p>empty report</p>"


def spans_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two character spans share any text (``None``, no span, shares nothing)."""
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]
