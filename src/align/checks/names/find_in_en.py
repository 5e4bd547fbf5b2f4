"""Finding a name of the Chinese text in the English one.

Deliberately lenient (any listed form, any case, derived forms such as Argentine/Argentina, close
spellings, a person by the surname alone), because a miss becomes a flag.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from align.checks.names.candidate import Cand
from align.checks.names.english import EnTok, tokenize_en
from align.checks.names.gazetteer import Entry
from align.checks.names.phonetic import MATCH_THRESHOLD, code_sim, en_code, pinyin_of, py_code
from align.checks.names.text import is_translit, letters_of, name_key, word_set


@dataclass(slots=True)
class EnCtx:
    """An English text prepared for look-ups: its words, each word's letters and (``grams``) where each
    n-gram (n ≤ 6) of their keys occurs.

    The n-grams are worked out on first use: many beads never look a known name up in their English
    text, and for the rest it is the same index."""

    text: str
    toks: list[EnTok]
    letters: list[str]
    _grams: dict[str, list[tuple[int, int]]] | None = None

    @property
    def grams(self) -> dict[str, list[tuple[int, int]]]:
        if self._grams is None:
            keys = [t.key for t in self.toks]
            grams: dict[str, list[tuple[int, int]]] = {}
            for i in range(len(keys)):
                # each n-gram extends the one before by a word (the same string as joining the n keys)
                gram = ""
                for n in range(1, min(6, len(keys) - i) + 1):
                    gram = keys[i] if n == 1 else gram + " " + keys[i + n - 1]
                    grams.setdefault(gram, []).append((i, i + n))
            self._grams = grams
        return self._grams


def en_ctx(text: str) -> EnCtx:
    """Prepare an English text for look-ups (see :class:`EnCtx`)."""
    toks = tokenize_en(text)
    return EnCtx(text, toks, [letters_of(t.text) for t in toks])


_STEM_SUFFIXES = (
    "",
    "n",
    "an",
    "ian",
    "ese",
    "ish",
    "ns",
    "ans",
    "ians",
    "e",
    "i",
    "ic",
    "ity",
    "anity",
    "ianity",
    "es",
    "s",
    "ines",
    "ine",
    "ean",
    "eans",
)


def _morph_eq(a: str, b: str) -> bool:
    """Japan ~ Japanese, Argentina ~ Argentine, Christ ~ Christian; not Niger ~ Nigeria."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    stem = short.rstrip("aeiouy")
    if len(stem) < 4 or not long_.startswith(stem):
        return False
    return long_[len(stem) :] in _STEM_SUFFIXES or long_[len(short) :] in _STEM_SUFFIXES


@functools.lru_cache(maxsize=65536)
def fuzzy_eq(a: str, b: str) -> bool:
    """Spelling variants of one name: Timbuktoo/Timbuktu, Cochamó/Cochamo, Majorca/Mallorca.

    difflib's two cheap upper bounds of the ratio are tried first: most pairs of words are far apart
    and fail them, and a pair that fails one cannot reach 0.8 by the full ratio either.
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    sm = difflib.SequenceMatcher(None, a, b)
    return sm.real_quick_ratio() >= 0.8 and sm.quick_ratio() >= 0.8 and sm.ratio() >= 0.8


_POSSESSIVE = re.compile(r"['’]s\b")


def _find_en_form(form: str, ec: EnCtx) -> tuple[int, int] | None:
    """Where an English form of a known name occurs in the English text, or None.

    Lenient on purpose (a miss here becomes a flag): any case ("the earth" for 地球), derived forms
    (Argentine for Argentina) and close spellings (Timbuktoo for Timbuktu); only a short acronym
    (US, UN) must be in capitals, so that "us" is not the United States.
    """
    k = name_key(form)
    short_acronym = form.replace(".", "").isupper() and len(form.replace(".", "")) <= 3
    # the text's tokens drop a possessive 's ("People's Bank of China" is people bank of china)
    for i0, i1 in ec.grams.get(k, ()) or ec.grams.get(_POSSESSIVE.sub("", k), ()):
        surface = ec.text[ec.toks[i0].start : ec.toks[i1 - 1].end]
        if short_acronym and not surface.replace(".", "").isupper():
            continue
        return ec.toks[i0].start, ec.toks[i1 - 1].end
    if " " not in k and not short_acronym:
        for t in ec.toks:
            if t.text.isupper() and len(t.text) <= 3:
                continue
            if _morph_eq(t.key, k) or fuzzy_eq(letters_of(t.text), letters_of(form)):
                return t.start, t.end
    return None


_GENERIC_EN = word_set("""
city county province state river sea island islands mountain mountains lake district town village
prefecture region republic kingdom ocean strait bay gulf peninsula desert banner group news agency
company university party organization organisation association bank corporation institute council
ministry college museum league union committee of the and people's people national federal central
international north south east west northern southern eastern western new great upper lower greater
autonomous
""")


def find_known_in_en(entries: Iterable[Entry], ec: EnCtx) -> tuple[int, int] | None:
    """Where one of these known names is mentioned in the English text, by any listed form."""
    for e in entries:
        for form in e.en:
            span = _find_en_form(form, ec)
            if span:
                return span
        if e.origin == "cedict":
            # distinctive words of a CC-CEDICT form: Xinhua (News Agency), Baltic (Sea), Arun (banner);
            # a person by the surname alone (Vladimir Putin → Putin)
            for form in e.en:
                dist = [w for w in name_key(form).split() if w not in _GENERIC_EN]
                if e.type == "person" and dist:
                    dist = dist[-1:]
                if not dist:
                    continue
                spans = [sp for w in dist if (sp := _find_en_form(w[:1].upper() + w[1:], ec))]
                # at least half of them: a descriptive name is often reworded ("foreign ministry"
                # for the Ministry of Foreign Affairs)
                if spans and 2 * len(spans) >= len(dist):
                    return min(s for s, _ in spans), max(e_ for _, e_ in spans)
    return None


def _find_pinyin_in_en(syls: tuple[str, ...], ec: EnCtx) -> tuple[int, int] | None:
    """Chinese names romanised as written: 重庆 → Chongqing, 段梦琪 → Duan Mengqi, 乃吉沟 → Naijigou."""
    target = "".join(syls).replace("v", "u")
    if len(target) < 3:
        return None
    for i in range(len(ec.toks)):
        acc = ""
        for j in range(i, min(i + 4, len(ec.toks))):
            acc += ec.letters[j].replace("v", "u")
            if acc == target:
                return ec.toks[i].start, ec.toks[j].end
            if not target.startswith(acc):
                break
    return None


def phonetic_in_en(
    syls: tuple[str, ...], ec: EnCtx, threshold: float, caps_only: bool = False
) -> tuple[int, int] | None:
    """The English word (or two) that best sounds like these pinyin syllables, at or above ``threshold``.

    Lower-case words need 0.1 more: a name is usually capitalised, and ordinary words are many.
    """
    code = py_code(tuple(syls))
    best: tuple[tuple[int, int] | None, float] = (None, 0.0)
    for i, t in enumerate(ec.toks):
        if not t.text[:1].isalpha():
            continue
        cap = t.text[:1].isupper()
        if caps_only and not cap:
            continue
        for n in (1, 2):
            if i + n > len(ec.toks):
                break
            if n == 2 and not (cap and ec.toks[i + 1].text[:1].isupper()):
                break
            span = (t.start, ec.toks[i + n - 1].end)
            word = "".join(x.text for x in ec.toks[i : i + n])
            sc = code_sim(en_code(word), code)
            need = threshold if cap else threshold + 0.1
            if sc >= need and sc > best[1]:
                best = (span, sc)
    return best[0]


def find_zh_in_en(c: Cand, ec: EnCtx) -> tuple[int, int] | None:
    """Where a Chinese-side name is rendered in the English text."""
    if c.latin:
        span = _find_en_form(c.latin, ec)
        if span is None:
            span = _find_latin_tokens(c.latin, ec)
        if span:
            return span
    if c.kind == "latin":
        return _find_latin_tokens(c.text, ec)
    if c.entries:
        span = find_known_in_en(c.entries, ec)
        if span:
            return span
    if c.pinyin:
        variants = [c.pinyin]
        if c.kind == "person" and len(c.pinyin) >= 2:
            variants.append(c.pinyin[:1])  # 黄某某 → Huang; 习近平 → Xi
        if c.kind == "person" and "某" in c.text:
            variants = [c.pinyin[:1]]
        for v in variants:
            span = _find_pinyin_in_en(v, ec)
            if span:
                return span
    if c.kind == "dot":
        # the surname must be there (or two parts): a given name alone is too weak (马尔科 ≈ Mike)
        spans = [phonetic_in_en(pinyin_of(p), ec, MATCH_THRESHOLD) for p, _ in c.parts]
        found = [s for s in spans if s]
        if spans[-1] or len(found) >= 2:
            return min(s for s, _ in found), max(e for _, e in found)
        return None
    # transliterations (not native Chinese names, which are romanised as pinyin, nor gazetteer names,
    # whose English forms are listed)
    foreign = c.kind == "translit" or (
        c.entries
        and c.entries[0].origin == "cedict"
        and c.entries[0].coarse in ("person", "place")
        and is_translit(c.text)
    )
    if c.pinyin and foreign:
        return phonetic_in_en(c.pinyin, ec, MATCH_THRESHOLD)
    return None


def _find_latin_tokens(latin: str, ec: EnCtx) -> tuple[int, int] | None:
    """Every word of a Latin name found in the English text, each as written or in a close spelling."""
    words = [letters_of(w) for w in latin.split() if letters_of(w)]
    if not words:
        return None
    spans = []
    for w in words:
        hit = None
        for t, lt in zip(ec.toks, ec.letters, strict=True):
            if lt == w or fuzzy_eq(lt, w) or _morph_eq(lt, w):
                hit = (t.start, t.end)
                break
        if hit is None:
            return None
        spans.append(hit)
    return min(s for s, _ in spans), max(e for _, e in spans)
