"""``reviewed.docx``: the translation as the editor sent it, with each flag as a Word comment.

Editors work in Word and expect findings where the words are, not in a separate sheet. Flag spans
index into a bead's joined text; the translation's sentences know their offsets in the document
text ``align.formats.docx.read_docx`` returned, so each span maps back to the document's characters
and the comment is anchored on exactly the flagged words. A flag with no span on the translation
side is anchored on the bead's whole translation; one whose bead has no translation at all (an
omission) on the translated sentence just before the gap (or just after it, at the start).
"""

from __future__ import annotations

from pathlib import Path

from align.types import Report, joined_spans

NAME = "reviewed.docx"
_EXCERPT = 300


def _doc_span(report: Report, i: int, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """Offsets in the translation's document text of ``span`` (bead ``i``'s target side)."""
    ids = report.beads[i].target
    if not ids:
        return None
    sents = [report.target.sentences[k] for k in ids]
    if span is None:
        return sents[0].start, sents[-1].end
    pieces = joined_spans([x.text for x in sents], report.target.lang)

    def at(offset: int, closing: bool) -> int:
        for x, (a, b) in zip(sents, pieces, strict=True):
            if a <= offset < b or (closing and a < offset <= b):
                return x.start + (offset - a)
        return sents[-1].end if closing else sents[0].start

    start, end = at(span[0], False), at(max(span[1], span[0] + 1), True)
    return (start, end) if end > start else (sents[0].start, sents[-1].end)


def _gap_anchor(report: Report, i: int) -> tuple[int, int] | None:
    """Where an omission shows in the translation: the translated sentence before it, else after it."""
    for k in [*range(i - 1, -1, -1), *range(i + 1, len(report.beads))]:
        ids = report.beads[k].target
        if ids:
            x = report.target.sentences[ids[-1] if k < i else ids[0]]
            return x.start, x.end
    return None


def flag_comments(report: Report) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` of one comment per flag, offsets into the translation's document text."""
    out = []
    for i, flags in enumerate(report.flags):
        for f in flags:
            where = _doc_span(report, i, f.target_span)
            note = f"{f.severity} {f.kind} ({f.check}): {f.message}"
            if report.units:
                note = f"unit {report.units[i]}: {note}"
            if where is None:
                where = _gap_anchor(report, i)
                src = report.bead_text(i, "source")
                if f.source_span:
                    src = src[f.source_span[0] : f.source_span[1]]
                clipped = src if len(src) <= _EXCERPT else src[:_EXCERPT] + "…"
                note += f" — missing after this sentence; the original: “{clipped}”"
            if where is not None:
                out.append((where[0], where[1], note))
    return out


def write_reviewed_docx(report: Report, translation_docx: str | Path, path: Path) -> int:
    """Write ``path``: a copy of ``translation_docx`` with every flag as a comment; returns how many."""
    from align.formats.docx import write_reviewed_docx as write

    return write(translation_docx, path, flag_comments(report))
