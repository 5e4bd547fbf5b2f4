"""Sentence segmentation for English and Chinese, with character offsets.

Every sentence keeps its side, index, paragraph and ``start``/``end`` offsets into the document's
normalised text, so nothing is ever lost: the sentences of a paragraph, in order, cover every
non-space character of it.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable

import regex

from align.errors import AlignError
from align.io import InputWarning, han_ratio
from align.text.zh import HAN, zh_words
from align.types import Document, Sentence, Side

_PARA_SPLIT = regex.compile(r"\n[ \t\u3000]*\n\s*")
_WS = regex.compile(r"\s+")
# Terminal punctuation of Chinese sentences; ASCII ! ? ; and a Latin full stop only before space.
_ZH_TERMINAL = "。！？!?"
_ZH_CLOSERS = "”’」』）)】》〉\"'"
_ZH_OPENERS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_LINE_END_TERMINAL = regex.compile(r"[.!?。！？…:：;；]['\"”’」』）)】》]*\s*$")


def detect_lang(text: str) -> str:
    """``zh`` or ``en`` from the script of the text (Han characters vs Latin letters)."""
    return "zh" if han_ratio(text) >= 0.5 else "en"


# Only the start of a long text is looked at: the script and the small words show in a few pages.
_LANG_SAMPLE = 100_000
# kana, less ー and ・ (the long-vowel mark and the middle dot also appear in Chinese text)
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}--[\u30fc\u30fb]]", regex.V1)
_LATIN = regex.compile(r"\p{Latin}")
_LETTER = regex.compile(r"\p{L}")
_OTHER_SCRIPTS = {
    "Korean (Hangul found)": regex.compile(r"\p{Hangul}"),
    "Cyrillic-script text (Russian or another Cyrillic language)": regex.compile(r"\p{Cyrillic}"),
    "Greek": regex.compile(r"\p{Greek}"),
    "Arabic-script text": regex.compile(r"\p{Arabic}"),
    "Hebrew": regex.compile(r"\p{Hebrew}"),
    "Thai": regex.compile(r"\p{Thai}"),
    "Devanagari-script text (Hindi or another Indian language)": regex.compile(r"\p{Devanagari}"),
}
# Frequent small words, chosen to be rare in English text: a Latin-script text whose words are
# mostly these, and hardly any English ones, is in that language.
_STOPWORDS = {
    "English": "the and of to is that it was for with as on are this be by from have has not but which "
    "they were been their said would will there what about who",
    "French": "le la les des est et une du que qui dans pour pas sur au avec ce sont il elle nous vous "
    "mais ou aux cette été leur très",
    "German": "der die das und ist nicht ein eine mit den dem zu von sich auch auf für es im sind wird "
    "wurde nach aber oder wie ich",
    "Spanish": "el los las del y que en un una por con para es se su al lo como más pero sus fue este "
    "está muy",
    "Italian": "il di che e la per un una del della sono non con gli le si da al nel è anche ma come questo",
    "Portuguese": "o os as de que e do da dos das em um uma para com não no na por mais se ao foi é são",
    "Dutch": "de het een en van dat is niet op te zijn met voor die er maar aan ook wordt om bij naar",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = regex.compile(r"\p{Latin}+(?:['’]\p{Latin}+)*")


def latin_language(text: str) -> str | None:
    """The name of the language of a Latin-script text when it is clearly not English, else None.

    Cheap: the share of each language's frequent small words among the first words of the text;
    another language must be frequent (15% of the words) and at least three times as frequent as
    English. Short texts (under 20 words) are never judged.
    """
    words = [w.lower() for w in _WORD.findall(text[:_LANG_SAMPLE])][:5000]
    if len(words) < 20:
        return None
    share = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOPSETS.items()}
    english = share.pop("English")
    best = max(share, key=share.__getitem__)
    return best if share[best] >= 0.15 and share[best] >= 3 * english else None


def unsupported_text(text: str, name: str, *, lang_given: bool = False) -> str | None:
    """A one-line reason why ``text`` is not English or Chinese to check, or None when it may be.

    * no Latin letter and no Han character at all (emoji, digits, punctuation only);
    * kana in a meaningful share of the CJK characters: Japanese;
    * mostly another script (Hangul, Cyrillic, Greek, Arabic …), or clearly another Latin-script
      language (French, German, Spanish, Italian, Portuguese, Dutch, told by their small words).

    With ``lang_given`` (``--source-lang``/``--target-lang``) only the first is refused: the user
    has said what the text is.
    """
    sample = text[:_LANG_SAMPLE]
    han = len(HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    kana = len(_KANA.findall(sample))
    letters = len(_LETTER.findall(sample))
    if han + latin == 0 and (lang_given or letters == 0):
        return f"{name}: no English or Chinese text found"
    if lang_given:
        return None
    if kana >= 3 and kana >= 0.2 * (han + kana):
        return f"{name} looks like Japanese (kana found); align checks English and Chinese"
    for what, rx in _OTHER_SCRIPTS.items():
        n = len(rx.findall(sample))
        if n and n >= 0.5 * letters:
            return f"{name} looks like {what}; align checks English and Chinese"
    if han + latin == 0:
        return f"{name}: no English or Chinese text found"
    if han_ratio(sample) < 0.5 and (other := latin_language(sample)) is not None:
        return (
            f"{name} looks like {other}, not English; align checks English and Chinese "
            "(give --source-lang/--target-lang to check it anyway)"
        )
    return None


def _paragraph_spans(text: str, presplit: bool) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by blank lines.

    A file with no blank line at all but many lines is taken as one paragraph per line (a common
    export format), otherwise every line break inside a block is just a wrap.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_SPLIT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    spans = [(s, e) for s, e in spans if text[s:e].strip()]
    if not presplit and len(spans) == 1 and text.strip().count("\n") >= 2:
        spans = []
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    return spans


# A line opening with a bullet or an item number (- • * · ● ▪ 1. 2) (3) 一、 （一）) is a list item.
_LIST_ITEM = regex.compile(
    r"^\s*(?:[-–•*·●▪■◆]\s|\d{1,2}[.)、]\s?|[(（]\d{1,2}[)）]"
    r"|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
)


def _line_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph into blocks at line breaks that follow terminal punctuation, and before
    every list item.

    Hard-wrapped prose keeps flowing across its wraps; a title line or a list line ending in
    punctuation (or a line followed by one) still starts a new sentence, and so does each bullet
    of a list (their lines rarely end in punctuation: "- Troops: about 247,000").
    """
    blocks: list[tuple[int, int]] = []
    pos = start
    block_start = start
    for line in text[start:end].split("\n"):
        line_end = pos + len(line)
        if _LIST_ITEM.match(line) and block_start < pos:
            blocks.append((block_start, pos - 1))  # a list item starts its own block
            block_start = pos
        if _LINE_END_TERMINAL.search(line):
            blocks.append((block_start, line_end))
            block_start = line_end + 1
        pos = line_end + 1
    if block_start < end:
        blocks.append((block_start, end))
    return [(s, e) for s, e in blocks if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _split_zh_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Chinese sentence boundaries inside one block.

    Splits after 。！？ and after an ellipsis (…… / …) that is not followed by a comma, keeps any
    closing quotes or brackets on the sentence, and does not split inside a quotation unless the
    quotation never closes (then it falls back to splitting everywhere).
    """
    out = _scan_zh(text, start, end, track_quotes=True)
    return out if out is not None else _scan_zh(text, start, end, track_quotes=False)  # type: ignore[return-value]


def _scan_zh(text: str, start: int, end: int, track_quotes: bool) -> list[tuple[int, int]] | None:
    bounds: list[tuple[int, int]] = []
    sent_start = start
    depth: list[str] = []
    i = start
    while i < end:
        ch = text[i]
        if track_quotes and ch in _ZH_OPENERS:
            depth.append(_ZH_OPENERS[ch])
        elif track_quotes and depth and ch == depth[-1]:
            depth.pop()
        is_terminal = ch in _ZH_TERMINAL
        if ch == "…":
            j = i
            while j < end and text[j] == "…":
                j += 1
            nxt = text[j] if j < end else ""
            is_terminal = nxt not in "，,、；;：:"
            i = j - 1
        elif (
            ch == "."
            and not (i + 1 >= end or text[i + 1].isspace())
            or ch == "."
            and i > start
            and not _HAN_RE.match(text[i - 1])
        ):
            is_terminal = False
        elif ch == ".":
            is_terminal = True
        if is_terminal and not depth:
            j = i + 1
            # absorb further terminal marks (！？) and closing quotes/brackets
            while j < end and (text[j] in _ZH_TERMINAL or text[j] in _ZH_CLOSERS or text[j] == "…"):
                j += 1
            bounds.append((sent_start, j))
            sent_start = j
            i = j
            continue
        if is_terminal and depth:
            # a terminal mark right before the closing quote ends the sentence after the quote
            j = i + 1
            while j < end and text[j] in _ZH_TERMINAL:
                j += 1
            if j < end and depth and text[j] == depth[-1]:
                depth.pop()
                j += 1
                while j < end and (text[j] in _ZH_CLOSERS):
                    j += 1
                if not depth and (
                    j >= end or text[j] not in "，,、；;：:" and not _attribution_follows(text, j, end)
                ):
                    bounds.append((sent_start, j))
                    sent_start = j
                i = j
                continue
        i += 1
    if depth:
        return None
    if sent_start < end:
        bounds.append((sent_start, end))
    return bounds


_HAN_RE = HAN
_ATTRIBUTION = regex.compile(
    r"(他|她|它|我|你|我们|他们|她们|[\p{Han}]{1,4})(说|表示|称|指出|写道|问道|回答|强调|补充说)[。，,：:]"
)


def _attribution_follows(text: str, j: int, end: int) -> bool:
    """`“……。”他说。` keeps the attribution with its quote."""
    return bool(_ATTRIBUTION.match(text, j, min(end, j + 12)))


@functools.cache
def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence boundaries of a text already known to be one paragraph (a bead, a sentence pair),
    as character spans; the same rules as :func:`split_sentences` uses inside a paragraph."""
    return (_split_en_block if lang == "en" else _split_zh_block)(text, 0, len(text))


def _pysbd():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _split_en_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """English boundaries with pysbd (survives U.S., Gen., Mr., quotes and dashes).

    pysbd returns strings; we find each one in order in the source to recover exact offsets, so
    the offsets never drift even if pysbd normalises something.
    """
    block = text[start:end]
    flat = block.replace("\n", " ")
    pieces = _pysbd().segment(flat)
    bounds: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        core = piece.strip()
        if not core:
            continue
        k = flat.find(core, pos)
        if k < 0:  # pysbd changed the text: fall back to its length
            k = pos
        pos = max(k + len(core), pos)
        bounds.append((start + k, start + pos))
    # glue any uncovered tail to the last sentence so no character is dropped
    if bounds:
        bounds[-1] = (bounds[-1][0], max(bounds[-1][1], end))
        bounds[0] = (start, bounds[0][1])
        bounds = [(bounds[i][0], bounds[i + 1][0]) for i in range(len(bounds) - 1)] + [bounds[-1]]
    else:
        bounds = [(start, end)]
    return bounds


def _clean(s: str, lang: str) -> str:
    """Collapse wraps and runs of spaces; Chinese line wraps vanish rather than become spaces."""
    if lang == "zh":
        s = regex.sub(r"(?<=[\p{Han}\p{P}])\n(?=[\p{Han}\p{P}])", "", s)
    return _WS.sub(" ", s).strip()


def split_sentences(text: str, lang: str, side: Side, *, presplit: bool = False, name: str = "") -> Document:
    """Split a normalised text into a ``Document`` of sentences with paragraphs and offsets.

    ``presplit``: one sentence per line, blank line = paragraph break (the format of aligned
    corpora and of our own ``--presplit`` option).
    """
    if lang not in ("en", "zh"):
        raise AlignError(f"unsupported language {lang!r}: align handles en and zh")
    sentences: list[Sentence] = []
    overlong: list[int] = []
    for para_no, (ps, pe) in enumerate(_paragraph_spans(text, presplit)):
        if presplit:
            spans = []
            pos = ps
            for line in text[ps:pe].split("\n"):
                spans.append((pos, pos + len(line)))
                pos += len(line) + 1
        else:
            spans = []
            for bs, be in _line_blocks(text, ps, pe):
                spans.extend(_split_zh_block(text, bs, be) if lang == "zh" else _split_en_block(text, bs, be))
            spans = [piece for s, e in spans for piece in _split_overlong(text, s, e, lang, overlong)]
        for s, e in spans:
            s, e = _trim(text, s, e)
            if s >= e:
                continue
            sentences.append(Sentence(side, len(sentences), _clean(text[s:e], lang), para_no, s, e))
    if overlong:
        where = f"{name}: " if name else ""
        warnings.warn(
            InputWarning(
                f"{where}{len(overlong)} run-on sentence(s) over {_OVERLONG[lang][0]} characters without "
                "sentence punctuation were split at commas or spaces so they can be aligned; flags next "
                "to a cut may be spurious"
            ),
            stacklevel=2,
        )
    return Document(lang=lang, text=text, sentences=tuple(sentences), name=name)


# (longest sentence left alone, shortest piece cut from a longer one), in characters. The limits are
# far above real sentences: the longest of MAC-Dev's 1,463 Chinese lines has 123 characters and of
# its 1,951 English lines 439; a text past them has lost its full stops (a PDF or subtitle export).
# Pieces about a sentence long align best: on the demo translation with every 。 turned into a
# comma, 80-character pieces gave 4 critical flags at wrong pairings, 30-character ones found the
# planted omission and number change.
_OVERLONG = {"zh": (300, 30), "en": (1500, 100)}
_CLAUSE_MARK = {"zh": regex.compile(r"[，,；;：:、]+[”’」』）)]*"), "en": regex.compile(r"[;,:]+(?=\s)")}
_SPACE = regex.compile(r"\s+")


def _split_overlong(text: str, start: int, end: int, lang: str, seen: list[int]) -> list[tuple[int, int]]:
    """Cut a sentence longer than any real one at clause marks (else spaces) into alignable pieces.

    Without this, a translation whose full stops were lost is one huge "sentence" that matches
    nothing and the pair is reported as unrelated texts. Pieces end right after a comma or
    semicolon once they reach the minimum length, so no character moves between pieces.
    """
    limit, piece = _OVERLONG[lang]
    if end - start <= limit:
        return [(start, end)]
    out = _cut(start, end, [m.end() for m in _CLAUSE_MARK[lang].finditer(text, start, end)], piece)
    # a stretch with no clause marks (a list, a paste without punctuation): spaces, else words
    out = [q for s, e in out for q in _cut(s, e, _space_or_word_ends(text, s, e, lang), piece)]
    if len(out) > 1:
        seen.append(start)
    return out


def _space_or_word_ends(text: str, start: int, end: int, lang: str) -> list[int]:
    if end - start <= _OVERLONG[lang][0]:
        return []
    spaces = [m.end() for m in _SPACE.finditer(text, start, end)]
    if spaces or lang != "zh":
        return spaces
    return [start + e for _, _, e in zh_words(text[start:end])]


def _cut(start: int, end: int, cuts: list[int], piece: int) -> list[tuple[int, int]]:
    """Greedy: close a piece at the first cut at least ``piece`` characters in (no tiny tail)."""
    out: list[tuple[int, int]] = []
    pos = start
    for c in cuts:
        if c - pos >= piece and end - c >= piece // 2:
            out.append((pos, c))
            pos = c
    out.append((pos, end))
    return out


def segment_lines(lines: Iterable[str], lang: str, side: Side, name: str = "") -> Document:
    """A document from already-split sentences (one per item), e.g. a benchmark corpus line list.

    Empty items are kept as empty sentences so line numbers stay the corpus's ids.
    """
    text_parts: list[str] = []
    sentences: list[Sentence] = []
    pos = 0
    for i, line in enumerate(lines):
        line = line.rstrip("\n")
        sentences.append(Sentence(side, i, line.strip(), 0, pos, pos + len(line)))
        text_parts.append(line)
        pos += len(line) + 1
    return Document(lang=lang, text="\n".join(text_parts), sentences=tuple(sentences), name=name)
