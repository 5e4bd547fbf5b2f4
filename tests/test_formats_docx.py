"""Word documents: body text with offsets in, the same document with anchored comments out."""

from __future__ import annotations

import zipfile

import docx
import openpyxl
import pytest
from docx.enum.text import WD_BREAK
from docx.text.run import Run

from align.errors import AlignError
from align.formats.docx import DocxText, is_docx, read_docx, write_reviewed_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

TITLE = "Japan's Quiet Rearmament Tests an Old Alliance"
MIXED = ["The defense budget will climb by ", "16 percent", ", to about ", "$52 billion", "."]
ZH = "下一财年的防卫预算将增长16%，达到约520亿美元。"


@pytest.fixture
def source(tmp_path):
    """A document with a header and footer, mixed bold runs, an empty paragraph, a table with a
    nested table, a line break and a tab inside a paragraph, and an indented Chinese paragraph."""
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "HEADER: Example News"
    section.footer.paragraphs[0].text = "FOOTER: page 1"
    d.add_heading(TITLE, level=1)
    p = d.add_paragraph()
    for i, part in enumerate(MIXED):
        p.add_run(part).bold = i % 2 == 1
    d.add_paragraph("")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Year"
    table.cell(0, 1).text = "Share of GDP"
    table.cell(1, 0).text = "2027"
    table.cell(1, 1).text = "2 percent"
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "NATO benchmark"
    broken = d.add_paragraph("Mr. Arai said:")
    broken.runs[0].add_break(WD_BREAK.LINE)
    broken.add_run("\t“We are paying for the road.”")
    d.add_paragraph("\u3000\u3000" + ZH)
    path = tmp_path / "article.docx"
    d.save(path)
    return path


EXPECTED = [
    TITLE,
    "".join(MIXED),
    "Year",
    "Share of GDP",
    "2027",
    "2 percent",
    "NATO benchmark",
    "Mr. Arai said:  “We are paying for the road.”",
    ZH,
]


def test_read_docx_body_and_tables_in_order(source):
    got = read_docx(source)
    assert isinstance(got, DocxText)
    assert got.text == "\n\n".join(EXPECTED)
    assert [got.text[s:e] for s, e in got.paragraphs] == EXPECTED
    assert "HEADER" not in got.text and "FOOTER" not in got.text


def _span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(words, i + 1)
    return i, i + len(words)


def _anchored(document) -> dict[int, list[tuple[str, bool]]]:
    """comment id → the (text, bold) of each w:t between its range start and end."""
    out: dict[int, list[tuple[str, bool]]] = {}
    open_ids: set[int] = set()
    for el in document.element.body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(int(el.get(f"{W}id")))
            out.setdefault(int(el.get(f"{W}id")), [])
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(int(el.get(f"{W}id")))
        elif el.tag == f"{W}t":
            bold = bool(Run(el.getparent(), None).bold)  # type: ignore[arg-type]
            for cid in open_ids:
                out[cid].append((el.text, bold))
    return out


def test_comments_anchor_on_the_flagged_words(source, tmp_path):
    before = source.read_bytes()
    text = read_docx(source).text
    a, b = _span(text, "percent, to about $52")  # starts inside a bold run, ends inside another
    c, d = _span(text, "2 percent")  # in a table cell
    e, f = _span(text, "520亿美元")
    comments = [
        (a, b, "number: 16 percent vs 16%"),
        (c, d, "check the share"),
        (e, f, "520亿 = 52 billion"),
        (text.index("Year"), text.index("Year"), "whole cell"),  # empty span: the whole paragraph
        (text.index("about"), text.index("NATO") + 4, "crosses paragraphs"),
        (len(text) + 5, len(text) + 9, "outside the text"),
    ]
    out = tmp_path / "out" / "article.reviewed.docx"
    assert write_reviewed_docx(source, out, comments, author="Reviewer", initials="RV") == 5
    assert source.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left behind

    result = docx.Document(out)
    notes = list(result.comments)
    assert [n.text for n in notes] == [c[2] for c in comments[:5]]
    assert {(n.author, n.initials) for n in notes} == {("Reviewer", "RV")}
    anchored = _anchored(result)
    by_text = {n.text: "".join(t for t, _ in anchored[n.comment_id]) for n in notes}
    assert by_text == {
        "number: 16 percent vs 16%": "percent, to about $52",
        "check the share": "2 percent",
        "520亿 = 52 billion": "520亿美元",
        "whole cell": "Year",
        "crosses paragraphs": "about $52 billion.",
    }
    # the split runs keep their own formatting: bold stays bold, plain stays plain
    first = next(n for n in notes if n.text.startswith("number"))
    # (", to about " is cut once more where the paragraph-crossing comment starts)
    assert anchored[first.comment_id] == [
        ("percent", True),
        (", to ", False),
        ("about ", False),
        ("$52", True),
    ]
    # and the document reads the same as before: nothing added to or lost from the text
    assert read_docx(out).text == text
    para = result.paragraphs[1]
    assert "".join(r.text for r in para.runs) == "".join(MIXED)
    assert [(r.text, bool(r.bold)) for r in para.runs if r.text] == [
        ("The defense budget will climb by ", False),
        ("16 ", True),
        ("percent", True),
        (", to ", False),
        ("about ", False),
        ("$52", True),
        (" billion", True),
        (".", False),
    ]


def test_several_comments_in_one_paragraph_and_leading_spaces(source, tmp_path):
    text = read_docx(source).text
    spans = [_span(text, "防卫预算"), _span(text, "16%"), _span(text, "road")]
    out = tmp_path / "r.docx"
    assert write_reviewed_docx(source, out, [(s, e, f"c{i}") for i, (s, e) in enumerate(spans)]) == 3
    result = docx.Document(out)
    anchored = _anchored(result)
    assert {n.text: "".join(t for t, _ in anchored[n.comment_id]) for n in result.comments} == {
        "c0": "防卫预算",
        "c1": "16%",
        "c2": "road",
    }
    assert {(n.author, n.initials) for n in result.comments} == {("align", "AL")}


def test_output_may_not_replace_the_input(source):
    with pytest.raises(AlignError, match="is the input document"):
        write_reviewed_docx(source, source, [(0, 5, "x")])


def _one_line_error(path) -> str:
    with pytest.raises(AlignError) as e:
        read_docx(path)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(path))
    return msg


def test_not_word_documents(tmp_path, source):
    text = tmp_path / "notes.docx"
    text.write_text("just text, saved with the wrong name", encoding="utf-8")
    assert "not a zip archive" in _one_line_error(text)

    other = tmp_path / "photos.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("img/readme.txt", "not a document")
    assert "is a zip archive, not a Word document" in _one_line_error(other)

    book = tmp_path / "budget.docx"
    openpyxl.Workbook().save(book)
    assert "Excel workbook" in _one_line_error(book)

    locked = tmp_path / "locked.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    assert "password-protected" in _one_line_error(locked)

    cut = tmp_path / "cut.docx"
    data = source.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert "damaged Word file" in _one_line_error(cut)

    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item)
            zout.writestr(item, body[:-40] if item.filename == "word/document.xml" else body)
    assert "damaged Word file" in _one_line_error(damaged)

    empty = tmp_path / "empty.docx"
    docx.Document().save(empty)
    assert "no text" in _one_line_error(empty)
    assert "no such file" in _one_line_error(tmp_path / "missing.docx")


def test_is_docx():
    assert is_docx("a.docx") and is_docx("A.DOCX") and not is_docx("a.doc") and not is_docx("a.txt")
