"""A clause or phrase of one side with no counterpart on the other: the omission (or addition) of
part of a sentence that is otherwise translated.

Why: a translation that drops "following a meeting with X on Sunday" or "after a two-month
consultation with industry groups" from a long sentence keeps most of the meaning, so the bead's
similarity stays ordinary and the coverage check, which works on whole sentences, sees nothing; the
word-level ``divergence`` check (opt-in) scores single words and gives up on a long span whose
removal also lowers the pair's similarity. Here each sentence is cut into its clauses and phrases at
punctuation (and, in English, before an adjunct such as "following …", "after …", "including …"),
and a chunk is reported when leaving it out brings the two sides *much* closer: the sentence
embedding of the rest matches the other side at least ``GAIN_MIN`` better than the whole does. A
chunk that is translated, however freely, lowers the match when it is left out.

Measured (``benchmarks/bench_clauses.py``): one chunk of at least 3 English content words / 5 Han
characters deleted from a faithful translation is found in about a fifth to a quarter of beads, while
faithful translations are flagged in under 1 % of beads (MAC-Dev literary 1 %, Bible and WMT21 0.2-
0.5 %, MQM-TED news none); see benchmarks/RESULTS.md. Precision was preferred: an editor pays for
every false flag.

The vectors are multilingual USE, memoised in memory (as for ``divergence``), whatever embedder the
aligner used: the gain threshold is calibrated for it.
"""

from __future__ import annotations

import re

from align.checks.divergence import shared_embedder
from align.lexicon import STOPWORDS, en_tokens
from align.segment import _split_en_block, _split_zh_block
from align.types import Flag

# How much closer (cosine) the rest of the sentence must come to the other side without the chunk,
# for a chunk of the original (omission) and of the translation (addition). Set on faithful
# translations so that each kind flags about 1 % of MAC-Dev beads, the freest set: literary
# translators add more than they drop, and an addition for clarity is legitimate, hence the stricter
# value (at 0.10 additions flag 2.5 % of MAC-Dev beads).
GAIN_MIN = {"omission": 0.10, "addition": 0.12}
# A chunk must carry this much content to be judged: English content words / Han characters.
MIN_SIZE = {"en": 3, "zh": 5}
CONFIDENCE = 0.6

# English chunk boundaries: clause punctuation, a spaced hyphen, and the start of a common adjunct.
_EN_CUT = re.compile(
    r"\s*[,;:()\u2014\u2013]\s*|\s+-+\s+|\s+(?=(?:following|after|before|during|amid|despite|while|"
    r"whereas|including|according to|in order to|as part of)\b)"
)
_ZH_CUT = re.compile(r"[，,；;：:、（）()—]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_END = ".!?。！？…"


def _pieces(text: str, start: int, end: int, cut: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-blank stretches of ``text[start:end]`` between matches of ``cut`` (absolute offsets)."""
    out, pos = [], start
    for m in cut.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < end:
        out.append((pos, end))
    trimmed = []
    for s, e in out:
        seg = text[s:e]
        s2 = s + len(seg) - len(seg.lstrip())
        e2 = s + len(seg.rstrip().rstrip(_END))  # the highlight stops before the full stop
        if e2 > s2:
            trimmed.append((s2, e2))
    return trimmed


def chunks(text: str, lang: str) -> list[tuple[int, int]]:
    """Clauses and phrases of ``text`` as character spans, only from sentences that have two or more
    (a whole sentence without counterpart is the coverage check's business)."""
    # the project's own sentence splitter, so "U.S. Defense Secretary" stays one sentence
    split = _split_en_block if lang == "en" else _split_zh_block
    cut = _EN_CUT if lang == "en" else _ZH_CUT
    out: list[tuple[int, int]] = []
    for s, e in split(text, 0, len(text)):
        parts = _pieces(text, s, e, cut)
        if len(parts) >= 2:
            out += parts
    return out


def _size(text: str, lang: str) -> int:
    if lang == "en":
        return sum(
            1 for t in en_tokens(text) if t.lemma not in STOPWORDS and any(c.isalpha() for c in t.text)
        )
    return len(_HAN.findall(text))


def _without(text: str, s: int, e: int, lang: str) -> str:
    if lang == "zh":
        return text[:s] + text[e:]
    return (text[:s].rstrip() + " " + text[e:].lstrip()).strip()


def _with_end(text: str, e: int) -> int:
    """``e`` moved past the sentence-final punctuation that follows it: a chunk that ends its
    sentence is left out together with its full stop (as the gain threshold was calibrated)."""
    while e < len(text) and text[e] in _END:
        e += 1
    return e


def unmatched_chunks(
    text: str, lang: str, other: str, min_gain: float = GAIN_MIN["omission"]
) -> list[tuple[tuple[int, int], float]]:
    """Chunks of ``text`` whose removal raises its similarity to ``other`` by at least ``min_gain``,
    with that gain, largest first."""
    cands = [(s, e) for s, e in chunks(text, lang) if _size(text[s:e], lang) >= MIN_SIZE[lang]]
    if not cands or not other.strip():
        return []
    V = shared_embedder().encode(
        [text, other] + [_without(text, s, _with_end(text, e), lang) for s, e in cands]
    )
    base = float(V[0] @ V[1])
    found = [(span, float(V[2 + k] @ V[1]) - base) for k, span in enumerate(cands)]
    return sorted(((sp, g) for sp, g in found if g >= min_gain), key=lambda x: -x[1])


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """An ``omission`` for each chunk of the original, an ``addition`` for each chunk of the
    translation, that the other side does not render (either direction, en↔zh)."""
    if {src_lang, tgt_lang} != {"en", "zh"} or not src_text.strip() or not tgt_text.strip():
        return []
    flags = []
    for (s, e), gain in unmatched_chunks(src_text, src_lang, tgt_text, GAIN_MIN["omission"]):
        flags.append(
            Flag(
                "omission",
                "major",
                CONFIDENCE,
                f'the original\'s "{src_text[s:e]}" has no counterpart in the translation (omitted?; '
                f"the rest matches {gain:.2f} better without it)",
                source_span=(s, e),
            )
        )
    for (s, e), gain in unmatched_chunks(tgt_text, tgt_lang, src_text, GAIN_MIN["addition"]):
        flags.append(
            Flag(
                "addition",
                "major",
                CONFIDENCE,
                f'"{tgt_text[s:e]}" in the translation has no counterpart in the original (added?; '
                f"the rest matches {gain:.2f} better without it)",
                target_span=(s, e),
            )
        )
    return flags
