"""Word documents in, and back out with the findings as Word comments.

Translators and editors receive and return .docx files; asking them to save as plain text first
loses the way back to the document. ``read_docx`` gives the body's text (paragraphs and table
cells in document order, one line each, a blank line between) with each paragraph's offsets, and
``write_reviewed_docx`` puts comments on a copy of the same document, anchored on exactly the
flagged words, so the reviewer reads the findings in Word's own review pane.

Both walk the document the same way (``_paragraphs``), which is what lets an offset into the text
find its words again. Headers, footers, footnotes and text boxes are not part of the text: they
are rarely translated in step with the body and would only misalign it.

python-docx is imported when a function is called, not with this module.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import io
import os
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import AlignError
from align.io import MAX_BYTES

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _RPR = f"{_W}p", f"{_W}r", f"{_W}t", f"{_W}rPr"
# run children that carry text, exactly those python-docx's Run.text reads
_TEXT_TAGS = {f"{_W}{t}" for t in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab")}
# block-level parts whose paragraphs are not body text (properties never hold paragraphs)
_SKIP_BLOCKS = {f"{_W}{t}" for t in ("sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "del", "moveFrom")}
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: an encrypted .docx or a Word 97 .doc


@dataclass(frozen=True)
class DocxText:
    """The body text of a Word document and where each kept paragraph lies in it.

    ``text`` has one paragraph (or table-cell paragraph) per line, paragraphs separated by a blank
    line; line breaks and tabs inside a paragraph are spaces, so offsets map one to one onto the
    document's characters. ``paragraphs[i]`` is the ``(start, end)`` of the i-th kept paragraph.
    """

    text: str
    paragraphs: tuple[tuple[int, int], ...]


def is_docx(path: str | os.PathLike) -> bool:
    """True for a name ending in .docx (any case): read it with ``read_docx``."""
    return Path(path).suffix.lower() == ".docx"


def read_docx(path: str | os.PathLike) -> DocxText:
    """The body text of a .docx; ``AlignError`` with one line for anything that is not a Word document."""
    name = str(path)
    doc = _open(_read_bytes(Path(path), name), name)
    text, spans = _layout(_paragraphs(doc))
    if not text:
        raise AlignError(f"{name}: the Word document has no text to check")
    return DocxText(text, spans)


def write_reviewed_docx(
    source_docx: str | os.PathLike,
    out_path: str | os.PathLike,
    comments: Sequence[tuple[int, int, str]],
    author: str = "align",
    initials: str = "AL",
) -> int:
    """Write a copy of ``source_docx`` to ``out_path`` with one Word comment per ``(start, end, text)``.

    Offsets are into ``read_docx(source_docx).text``. Runs are split at the span's edges (each part
    keeps the run's formatting) so the comment covers exactly the flagged words; a span that
    crosses paragraphs is anchored on its part in the first one, and an empty span on the whole
    paragraph. A span outside the text is skipped. The input is never written to; the output
    appears in one rename. Returns the number of comments written.
    """
    src, out = Path(source_docx), Path(out_path)
    name = str(src)
    data = _read_bytes(src, name)
    with contextlib.suppress(OSError):
        if out.exists() and out.samefile(src):
            raise AlignError(f"{out}: is the input document; write the reviewed copy to another file")
    doc = _open(data, name)
    paras = _paragraphs(doc)
    _, spans = _layout(paras)
    written = 0
    for start, end, note in comments:
        where = _locate(spans, start, end)
        if where is None:
            continue
        i, a, b = where
        runs = _anchor(paras[i], a, b)
        if runs:
            doc.add_comment(runs, text=note, author=author, initials=initials)
            written += 1
    _save_atomically(doc, out)
    return written


# -- opening -------------------------------------------------------------------------------------


def _read_bytes(p: Path, name: str) -> bytes:
    if not p.exists():
        raise AlignError(f"{name}: no such file")
    if p.is_dir():
        raise AlignError(f"{name}: is a directory, expected a Word document")
    if p.stat().st_size > MAX_BYTES:
        raise AlignError(f"{name}: too large for one document (limit {MAX_BYTES // 10**6} MB)")
    try:
        return p.read_bytes()
    except OSError as e:
        raise AlignError(f"{name}: cannot read ({e.strerror})") from None


def _open(data: bytes, name: str) -> Any:
    """A python-docx ``Document`` from bytes, each way a file can fail named in one line."""
    if not data:
        raise AlignError(f"{name}: file is empty")
    if data.startswith(_CFB):
        raise AlignError(
            f"{name}: is a password-protected Word file or an old .doc; open it in Word and save it "
            "as .docx without a password"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04"):  # a zip's first entry, but no central directory: cut short
            raise AlignError(f"{name}: damaged Word file (the zip archive is truncated or corrupt)")
        raise AlignError(f"{name}: is not a Word .docx file (not a zip archive)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise AlignError(f"{name}: damaged Word file ({_one_line(e)})") from None
    if "word/document.xml" not in names:
        what = (
            "an Excel workbook"
            if "xl/workbook.xml" in names
            else "a PowerPoint presentation"
            if "ppt/presentation.xml" in names
            else "a zip archive"
        )
        raise AlignError(f"{name}: is {what}, not a Word document")
    import docx  # python-docx: only when a Word document is actually read

    try:
        return docx.Document(io.BytesIO(data))
    except ValueError as e:  # python-docx: "... is not a Word file, content type is '...'"
        if "macroEnabled" in str(e) or "template" in str(e):
            raise AlignError(f"{name}: is a macro-enabled document or a template; save it as .docx") from None
        raise AlignError(f"{name}: is not a Word document ({_one_line(e)})") from None
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, SyntaxError) as e:
        # SyntaxError covers lxml's XMLSyntaxError: a part that is not well-formed XML
        raise AlignError(f"{name}: damaged Word file ({_one_line(e)})") from None


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:200] or type(e).__name__


# -- the document's paragraphs and their text -------------------------------------------------


@dataclass
class _Para:
    """A kept paragraph: its ``w:p`` and how its visible text sits inside the runs' text."""

    p: Any
    lead: int  # characters of leading whitespace dropped from the runs' text
    length: int  # length of the kept (stripped) text


def _blocks(el: Any) -> Iterator[Any]:
    """Every ``w:p`` under a block container in document order: body, table cells, nested tables,
    content controls. A paragraph's own nested paragraphs (text boxes) are not visited."""
    for child in el:
        if child.tag == _P:
            yield child
        elif isinstance(child.tag, str) and child.tag not in _SKIP_BLOCKS:
            yield from _blocks(child)


def _runs(p: Any) -> list[Any]:
    """The ``w:r`` elements whose text is this paragraph's (inside hyperlinks, insertions, fields),
    not those of a text box drawn inside it or of a compatibility fallback."""
    out = []
    for r in p.iter(_R):
        anc = r.getparent()
        while anc is not None and anc is not p and anc.tag not in (_P, _FALLBACK):
            anc = anc.getparent()
        if anc is p:
            out.append(r)
    return out


def _child_text(c: Any) -> str:
    if c.tag not in _TEXT_TAGS:
        return ""
    if c.tag == _T:
        return c.text or ""
    return str(c)


def _run_text(r: Any) -> str:
    """The run's text with line breaks and tabs as spaces: one line per paragraph, same length."""
    return "".join(_child_text(c) for c in r).replace("\n", " ").replace("\t", " ")


def _paragraphs(doc: Any) -> list[_Para]:
    out = []
    for p in _blocks(doc.element.body):
        raw = "".join(_run_text(r) for r in _runs(p))
        kept = raw.strip()
        if kept:
            out.append(_Para(p, len(raw) - len(raw.lstrip()), len(kept)))
    return out


def _layout(paras: list[_Para]) -> tuple[str, tuple[tuple[int, int], ...]]:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in paras:
        if parts:
            pos += 2
        raw = "".join(_run_text(r) for r in _runs(para.p))
        kept = raw[para.lead : para.lead + para.length]
        parts.append(kept)
        spans.append((pos, pos + len(kept)))
        pos += len(kept)
    return "\n\n".join(parts), tuple(spans)


# -- anchoring comments --------------------------------------------------------------------------


def _locate(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int, int] | None:
    """``(paragraph index, start, end)`` inside that paragraph's kept text; None when outside the text.

    A span starting in the blank line between paragraphs belongs to the next one; a span running
    past its paragraph is cut there; an empty span covers the whole paragraph.
    """
    if not spans or start < 0 or start > spans[-1][1]:
        return None
    i = max(0, bisect.bisect_right([s for s, _ in spans], start) - 1)
    ps, pe = spans[i]
    if start >= pe and end > start and i + 1 < len(spans):
        i += 1
        ps, pe = spans[i]
        start = ps
    a, b = start - ps, min(end, pe) - ps
    if b <= a or a >= pe - ps:
        return i, 0, pe - ps
    return i, a, b


def _text_runs(p: Any) -> list[tuple[Any, int, int]]:
    """``(run, start, end)`` of each run in the paragraph's raw text."""
    out = []
    pos = 0
    for r in _runs(p):
        n = len(_run_text(r))
        out.append((r, pos, pos + n))
        pos += n
    return out


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _split_run(r: Any, k: int) -> None:
    """Split ``r`` before its k-th character: a copy after it takes the rest, formatting (rPr) kept."""
    right = copy.deepcopy(r)
    pos = 0
    for left_child, right_child in zip(list(r), list(right), strict=True):
        if left_child.tag == _RPR:
            continue
        n = len(_child_text(left_child))
        if pos + n <= k:
            right.remove(right_child)
        elif pos >= k:
            r.remove(left_child)
        else:  # a w:t straddling the edge
            text = left_child.text or ""
            _set_text(left_child, text[: k - pos])
            _set_text(right_child, text[k - pos :])
        pos += n
    r.addnext(right)


def _anchor(para: _Para, a: int, b: int) -> list[Any]:
    """The runs covering characters [a, b) of the paragraph's kept text, split to fit exactly."""
    from docx.text.run import Run

    lo, hi = a + para.lead, b + para.lead
    for edge in (lo, hi):
        for r, s, e in _text_runs(para.p):
            if s < edge < e:
                _split_run(r, edge - s)
                break
    covered = [r for r, s, e in _text_runs(para.p) if e > s and s >= lo and e <= hi]
    if not covered:
        covered = [r for r, s, e in _text_runs(para.p) if e > s]
    return [Run(r, None) for r in covered]  # type: ignore[arg-type]  # add_comment reads only ._r


def _save_atomically(doc: Any, out: Path) -> None:
    """Save through a temporary file beside ``out`` and rename: no half-written document, ever."""
    out.parent.mkdir(parents=True, exist_ok=True)
    from align.io import atomic_file

    with atomic_file(out) as tmp:
        doc.save(str(tmp))
