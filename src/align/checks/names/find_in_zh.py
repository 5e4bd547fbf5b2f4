"""Finding a name of the English text in the Chinese one: as written in Latin letters, by a known
Chinese form or country abbreviation, as the pinyin of a romanised Chinese name, or as a transliteration.

Deliberately lenient, because a miss becomes a flag.
"""

from __future__ import annotations

from collections.abc import Iterable

from align.checks.names.candidate import Cand
from align.checks.names.chinese import ZhCtx, is_known_country
from align.checks.names.find_in_en import fuzzy_eq
from align.checks.names.gazetteer import Entry, Lexicon, lexicon
from align.checks.names.phonetic import (
    MATCH_THRESHOLD,
    STRICT_MATCH_THRESHOLD,
    code_sim_at_least,
    consonants,
    en_code,
    pinyin_of,
    py_code,
)
from align.checks.names.text import HAN_RUN, letters_of, name_key
from align.text.zh import HAN

# One-character abbreviations of countries (美 for 美国), and characters that join them in short
# compounds (美方, 驻日美军).
_ZH_ABBR: dict[str, str] = {
    "美": "美国",
    "中": "中国",
    "华": "中国",
    "日": "日本",
    "俄": "俄罗斯",
    "英": "英国",
    "法": "法国",
    "德": "德国",
    "韩": "韩国",
    "朝": "朝鲜",
    "印": "印度",
    "澳": "澳大利亚",
    "越": "越南",
    "泰": "泰国",
    "意": "意大利",
    "加": "加拿大",
    "以": "以色列",
    "伊": "伊朗",
    "沙": "沙特阿拉伯",
    "土": "土耳其",
    "欧": "欧盟",
    "台": "台湾",
    "港": "香港",
    "菲": "菲律宾",
    "巴": "巴基斯坦",
    "乌": "乌克兰",
}

_ABBR_AFFIX = frozenset("方军籍媒企股舰机国驻访在来赴对与和同")


def _inside_other_name(text: str, s: int, e: int, own: Entry | None) -> bool:
    """Whether ``text[s:e]`` lies inside a longer name of another known place (南亚 "South Asia"
    inside 东南亚); not inside an organisation named after it (日本 in 日本央行 is still Japan)."""
    lex = lexicon()
    return any(
        x.origin == "gazetteer" and x.coarse == "place" and (own is None or x.en[:1] != own.en[:1])
        for a in range(0, min(s, 2) + 1)
        for b in range(0, min(len(text) - e, 2) + 1)
        if a or b
        for x in lex.zh_index.get(text[s - a : e + b], ())
    )


def _find_zh_form(form: str, zc: ZhCtx, own: Entry | None = None) -> tuple[int, int] | None:
    """Where a Chinese form occurs, as a plain substring: lenient, since a miss becomes a flag; but
    not inside another known place's name (:func:`_inside_other_name`)."""
    s = zc.text.find(form)
    while s >= 0:
        if not _inside_other_name(zc.text, s, s + len(form), own):
            return s, s + len(form)
        s = zc.text.find(form, s + 1)
    return None


def _find_homophone_form(form: str, zc: ZhCtx, own: Entry | None = None) -> tuple[int, int] | None:
    """Where a known rendering of two or more characters occurs spelt with other characters of the
    same sound: transliterations vary in exactly this way (赛特 / 塞特 for Seth, 思 / 斯)."""
    syl = pinyin_of(form)
    n = len(syl)
    if n < 2 or n != len(form):
        return None
    py = zc.pinyin
    for s in range(len(py) - n + 1):
        if tuple(py[s : s + n]) == syl and not _inside_other_name(zc.text, s, s + n, own):
            return s, s + n
    return None


def _find_abbr(zh_full: Iterable[str], zc: ZhCtx) -> tuple[int, int] | None:
    """Single-character country abbreviations in a short compound: 俄总统 → 俄, 美日 → 美, 驻日美军 → 日."""
    full_forms = set(zh_full)
    wanted = {a for a, full in _ZH_ABBR.items() if full in full_forms}
    if not wanted:
        return None
    for w, s, _e in zc.words:
        if len(w) > 4:
            continue
        for k, ch in enumerate(w):
            if ch not in wanted:
                continue
            rest = w[:k] + w[k + 1 :]
            if all(r in _ZH_ABBR or r in _ABBR_AFFIX for r in rest):
                return s + k, s + k + 1
    return None


def _en_variants(tokens: Iterable[str]) -> list[str]:
    """Spellings of an English name to compare with a transliteration: whole, each word, without -ites."""
    toks = [t for t in tokens if letters_of(t)]
    out = ["".join(toks)] + ([t for t in toks if len(letters_of(t)) >= 3] if len(toks) > 1 else [])
    for t in list(out):
        low = t.lower()
        for suf in ("ites", "ite", "ians", "ans", "s"):
            if low.endswith(suf) and len(low) - len(suf) >= 3:
                out.append(t[: -len(suf)])
                break
    return list(dict.fromkeys(out))


def _zh_spans_for_phonetics(zc: ZhCtx) -> list[tuple[int, int, bool]]:
    """Stretches of the Chinese text that may be a transliteration, with whether they look like one.

    Runs of transliteration characters and jieba words unknown to the dictionary (likely names) are
    searched at the ordinary threshold; any other stretch of Han characters (old or unusual spellings
    such as 以实玛利 for Ishmael) only at ``STRICT_MATCH_THRESHOLD``.
    """
    lex = lexicon()
    spans = [(s, e, True) for s, e in zc.runs]
    for w, s, e in zc.words:
        if len(w) >= 2 and HAN.match(w[0]) and w not in lex.zh_common:
            spans.append((s, e, True))
    spans += [(m.start(), m.end(), False) for m in HAN_RUN.finditer(zc.text)]
    return spans


def find_en_in_zh(c: Cand, zc: ZhCtx, threshold: float = MATCH_THRESHOLD) -> tuple[int, int] | None:
    """Where an English-side name is rendered in the Chinese text."""
    lex = lexicon()
    surface_key = name_key(c.text)
    surface_letters = letters_of(c.text)
    # written in Latin letters inside the Chinese (荒井健太(Kenta Arai), NATO, CEP)
    for seg, s, e in zc.latin:
        sl = letters_of(seg)
        if not sl:
            continue
        if surface_key == name_key(seg) or sl == surface_letters or fuzzy_eq(sl, surface_letters):
            return s, e
        # one inside the other, both of four letters or more: "US" is not in "Dustin Lance Black"
        if len(sl) >= 4 and len(surface_letters) >= 4 and (sl in surface_letters or surface_letters in sl):
            return s, e
        seg_words = {letters_of(x) for x in seg.split()}
        if any((len(letters_of(t)) >= 3 or t.isupper()) and letters_of(t) in seg_words for t in c.tokens):
            return s, e
    entries = list(c.entries)
    entries += lex.en_index.get(surface_key, [])
    if len(c.tokens) >= 2:
        entries += lex.surname_index.get(name_key(c.tokens[-1]), [])
        if not c.entries:
            # the parts of an unknown longer name may be known on their own (Panama City → Panama)
            for t in c.tokens:
                entries += [e for e in lex.en_index.get(name_key(t), []) if e.origin == "gazetteer"]
    elif c.tokens:
        entries += [e for e in lex.en_index.get(name_key(c.tokens[0]), []) if e.coarse == "person"]
        entries += lex.surname_index.get(name_key(c.tokens[0]), [])
    for e in entries:
        for form in e.zh:
            span = _find_zh_form(form, zc, e)
            if span:
                return span
        span = _find_abbr(e.zh, zc)
        if span:
            return span
    for e in entries:
        if is_known_country(e):
            continue  # a country's Chinese names are fixed spellings: 德方, not 的方 (the same sounds)
        for form in e.zh:
            span = _find_homophone_form(form, zc, e)
            if span:
                return span
    gazetteer_known = any(e.origin == "gazetteer" for e in c.entries)
    # romanised Chinese names: Xi Jinping → 习近平
    toks = [t for t in (c.tokens or (c.text,)) if letters_of(t)]
    variants = ["".join(letters_of(t) for t in toks)] + (
        [letters_of(toks[-1]), letters_of(toks[0])] if len(toks) > 1 else []
    )
    for v in variants:
        span = _find_pinyin_in_zh(v, zc)
        if span:
            return span
    # transliterations; not of a country the gazetteer knows: its Chinese name is fixed (德国), and
    # "Germany" heard in 的方 is a coincidence of sounds
    if any(is_known_country(e) for e in c.entries):
        return None
    best: tuple[tuple[int, int] | None, float] = (None, 0.0)
    stretches = _phonetic_stretches(zc)
    own = {e.zh for e in entries}
    for w in _en_variants(toks):
        code = en_code(w)
        n_cons = consonants(code)
        if n_cons < 1 or len(code) < 2:
            continue
        for likely, s, e, pcode in stretches:
            if not likely and (n_cons < 3 or gazetteer_known):
                continue  # a short name sounds like some stretch of any sentence
            need = threshold if likely and not gazetteer_known else max(threshold, STRICT_MATCH_THRESHOLD)
            if e - s == 2 and n_cons >= 3 and need < STRICT_MATCH_THRESHOLD:
                continue  # two characters rarely spell a name of three consonants
            if _other_known_place(zc.text[s:e], own, c.text, lex):
                continue  # 美国 is the United States, not a transliteration of "Macau"
            # only a score above the best so far matters, so the distance may give up earlier
            sc = code_sim_at_least(code, pcode, max(need, best[1]))
            if sc >= need and sc > best[1]:
                best = ((s, e), sc)
    return best[0]


def _other_known_place(stretch: str, own: set[tuple[str, ...]], name: str, lex: Lexicon) -> bool:
    """Whether a stretch of Chinese is, as a whole, the gazetteer's name of another entity than the
    English name's own (``own``: the Chinese forms of its entries) and not part of it (中国 is part of
    "Bank of China", not of "Macau"): such a stretch spells that entity."""
    words = name.lower()
    return any(
        e.origin == "gazetteer" and e.zh not in own and not any(f.lower() in words for f in e.en)
        for e in lex.zh_index.get(stretch, ())
    )


def _phonetic_stretches(zc: ZhCtx) -> list[tuple[bool, int, int, str]]:
    """Every stretch of the Chinese text a transliteration is looked for in, in search order, as
    (looks like a transliteration, start, end, sound skeleton); only stretches with a pinyin syllable per
    character.

    The stretches depend on the text alone, so they are worked out once per text and kept on the
    context: a bead's every English name is looked for in the same stretches.
    """
    cached = zc.memo.get("phonetic_stretches")
    if cached is not None:
        return cached
    out = []
    for rs, re_, likely in _zh_spans_for_phonetics(zc):
        for s in range(rs, re_):
            for e in range(s + 2, min(re_, s + 6 if not likely else s + 8) + 1):
                syl = tuple(p for p in zc.pinyin[s:e] if p)
                if len(syl) == e - s:
                    out.append((likely, s, e, py_code(syl)))
    zc.memo["phonetic_stretches"] = out
    return out


def _find_pinyin_in_zh(letters: str, zc: ZhCtx) -> tuple[int, int] | None:
    """A romanised Chinese name written in characters: xijinping → 习近平 (syllables must match exactly)."""
    if len(letters) < 4:
        return None
    n = len(zc.text)
    for s in range(n):
        if zc.pinyin[s] is None or not letters.startswith(zc.pinyin[s] or "~"):
            continue
        acc = ""
        for e in range(s, min(n, s + 5)):
            p = zc.pinyin[e]
            if p is None:
                break
            acc += p
            if acc == letters:
                return s, e + 1
            if not letters.startswith(acc):
                break
    return None


WEAK_MATCH_THRESHOLD = 0.6
"""Phonetic similarity at which an unclaimed stretch that looks like a transliteration may render an
unknown one-word English name (``WEAK_STRICT_THRESHOLD`` for any other stretch of Han characters).

A trade-off measured on the Bible (English original): 0.55 / 0.7 left 5.7 % of faithful beads
flagged but caught only 80.7 % of one-word names in deliberately mismatched beads; 0.6 / 0.75
leaves 7.1 % and catches 86.5 % (without this looser search: 10.6 % and 93.6 %).
English → Chinese is the main direction, so recall was given the benefit of the doubt."""
WEAK_STRICT_THRESHOLD = 0.75


def find_weak_en_in_zh(c: Cand, zc: ZhCtx, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A second, looser look for an unknown one-word English name (the weakest English evidence) that the
    ordinary search missed: old spellings of Hebrew and Greek names drop final consonants and write J as
    y (Enoch → 以诺, Lamech → 拉麦, Jabal → 雅八), which the ordinary threshold, tuned on modern
    transliterations, misses. Only stretches no other name of the original has claimed count, and the
    threshold is lower for stretches that look like a transliteration than for ordinary words."""
    toks = [t for t in (c.tokens or (c.text,)) if letters_of(t)]
    if len(toks) != 1:
        return None
    code = en_code(toks[0])
    if consonants(code) < 1 or len(code) < 2:
        return None
    best: tuple[tuple[int, int] | None, float] = (None, 0.0)
    for likely, s, e, pcode in _phonetic_stretches(zc):
        if e - s > 4 or any(a < e and s < b for a, b in taken):
            continue
        need = WEAK_MATCH_THRESHOLD if likely else WEAK_STRICT_THRESHOLD
        sc = code_sim_at_least(code, pcode, max(need, best[1]))
        if sc >= need and sc > best[1]:
            best = ((s, e), sc)
    return best[0]
