"""The name check proper: pair the names of the two texts and flag the ones without a counterpart.

Three kinds of flag (see the package docstring for the confidences): a name of the original that is
*missing* from the translation, a *swap* (a missing name and, in its place, a different known name the
original does not contain), and a known place or organisation *added* by the translation.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from align.checks.base import PairCheck
from align.checks.context import CheckContext
from align.checks.names.candidate import Cand
from align.checks.names.chinese import ZhCtx, zh_candidates, zh_ctx
from align.checks.names.english import GIVEN_NAMES, en_candidates, en_lookup, looks_romaji
from align.checks.names.find_in_en import EnCtx, en_ctx, find_known_in_en, find_zh_in_en, phonetic_in_en
from align.checks.names.find_in_zh import find_en_in_zh, find_weak_en_in_zh
from align.checks.names.gazetteer import Entry, lexicon
from align.checks.names.phonetic import MATCH_THRESHOLD, pinyin_of, save_pinyin
from align.checks.names.text import TITLES, name_key, word_set
from align.text.cedict import glosses, translation_overlap
from align.text.dateline import dateline_end
from align.text.en import STOPWORDS, en_tokens
from align.text.ttable import load_table
from align.types import Flag

MIN_CONFIDENCE = 0.5
"""Missing-name flags below this extraction confidence are not emitted (see the package docstring)."""


# Chinese words that license a country in the English without naming it (我国 = "our country").
_IMPLICIT_COUNTRY = (
    "我国",
    "国内",
    "全国",
    "回国",
    "本国",
    "祖国",
    "国家",
    "举国",
    "中央",
    "国务院",
    "外交部",
)


def _compatible(a: str, b: str) -> bool:
    """Can a name of type a have been swapped for one of type b? (an unknown type: a person or place)"""
    if a == "unknown":
        return b in ("person", "place", "region")
    if b == "unknown":
        return a in ("person", "place", "region")
    return a == b or {a, b} <= {"place", "region"}


def _swappable(c: Cand) -> bool:
    """Sure enough of a missing name to call a different name in its place a swap.

    A name that would be flagged as missing anyway, or a country/city demonym (Japanese → 韩国的).
    """
    if c.conf >= MIN_CONFIDENCE:
        return True
    return bool(c.entries) and c.entries[0].origin == "gazetteer" and c.entries[0].type in ("country", "city")


def _zh_implies(c: Cand, zh_text: str) -> bool:
    """The Chinese names the entity implicitly (我国 → China; 回国 → the home country)."""
    if any(e.type == "country" for e in c.entries):
        china = any("中国" in e.zh for e in c.entries)
        return china and any(w in zh_text for w in _IMPLICIT_COUNTRY)
    return False


_ZH_TITLE_AFTER = (
    "总统",
    "首相",
    "总理",
    "外长",
    "外交部长",
    "国务卿",
    "国防部长",
    "防长",
    "部长",
    "大臣",
    "大使",
    "总书记",
    "主席",
    "国王",
    "女王",
    "议员",
    "州长",
    "市长",
    "官员",
    "领导人",
    "政府",
    "当局",
    "军方",
    "前总统",
    "新任",
    "前任",
    "驻",
)
_EN_TITLE_AFTER = word_set("""
president prime premier minister secretary foreign defense defence ambassador officials official
government leader leaders troops forces military army navy envoy embassy king queen chancellor senator
lawmakers diplomat diplomats authorities
""")


_TITLE_WORD = regex.compile(r"['’]?s?\s+([A-Za-z]+)")


def _is_title_country(t: Cand, text: str, lang: str) -> bool:
    """A country added as part of a title (美国总统特朗普, "U.S. President Trump"): a legitimate
    clarification, not a change of meaning."""
    if not t.entries or t.entries[0].type != "country":
        return False
    rest = text[t.span[1] : t.span[1] + 8]
    if lang == "zh":
        return rest.startswith(_ZH_TITLE_AFTER)
    m = _TITLE_WORD.match(text[t.span[1] : t.span[1] + 30])
    return bool(m) and m.group(1).lower() in _EN_TITLE_AFTER


_ZH_OFFICE_AFTER = (
    "总理",
    "副总理",
    "发言人",
    "部长",
    "副部长",
    "行长",
    "副行长",
    "主席",
    "副主席",
    "秘书长",
    "主任",
    "局长",
    "委员长",
)


def _org_in_office(c: Cand, zh_text: str, ec: EnCtx) -> bool:
    """A Chinese organisation followed by an office (国务院总理, 国防部发言人) when the English has a
    title word (premier, spokesman, minister …): the office is its rendering."""
    if not c.entries or c.entries[0].type != "org":
        return False
    if not zh_text.startswith(_ZH_OFFICE_AFTER, c.span[1]):
        return False
    return any(t.key in TITLES or t.key.rstrip(".") in TITLES for t in ec.toks)


_PERSONAL_PRONOUNS = word_set("""
he him his himself she her hers herself i me my mine myself you your yours yourself
""")


def _tagged_only(c: Cand) -> bool:
    """A native Chinese person name found only by jieba's tagger (李明辉): the weakest evidence."""
    return c.kind == "person" and c.conf <= 0.55 and "某" not in c.text and not c.entries


_SPEAKER = regex.compile(r"\p{Han}{0,3}?[道说问][：:]\s*[“「\"‘]")
_EN_QUOTE = regex.compile(r"[\"“”‘’']")


def _rendered_otherwise(
    c: Cand, src_text: str, tgt_cands: list[Cand], overlaps: Callable[[tuple[int, int]], bool], ec: EnCtx
) -> bool:
    """A missing native name the English plausibly renders otherwise: as a personal pronoun (Chinese
    repeats a name where English says "he", or drops the speaker of a quotation), or by meaning, as a
    nickname of ordinary capitalised words (a boy called 小宝 → "Little Treasure") that nothing in the
    original accounts for. A swap for a real name (段梦琪 → "Stanley Cups") has a word that is no
    ordinary word, so it is still flagged."""
    if any(t.key.split("'")[0].split("’")[0] in _PERSONAL_PRONOUNS for t in ec.toks):
        return True
    if _SPEAKER.match(src_text, c.span[1]) and _EN_QUOTE.search(ec.text):
        return True  # 李明辉道：“不！” → 'No!': English often leaves the speaker out
    return any(not t.entries and t.conf <= 0.3 and t.tokens and not overlaps(t.span) for t in tgt_cands)


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Flag names of the original that are missing, swapped for another name, or added in the translation.

    Works in both directions (en→zh and zh→en); spans index into ``src_text`` / ``tgt_text``.
    """
    if src_lang == tgt_lang or {src_lang, tgt_lang} != {"en", "zh"}:
        return []
    if src_lang == "en":
        ec, zc = en_ctx(src_text), zh_ctx(tgt_text)
        src_cands = en_candidates(src_text)
        tgt_cands = zh_candidates(tgt_text, zc)
    else:
        zc, ec = zh_ctx(src_text), en_ctx(tgt_text)
        src_cands = zh_candidates(src_text, zc)
        tgt_cands = en_candidates(tgt_text)
    # a dateline's agency and city (【新华社布鲁塞尔10月4日电】, "TOKYO — ") may be added or dropped
    src_from, tgt_from = dateline_end(src_text, src_lang), dateline_end(tgt_text, tgt_lang)
    src_cands = [c for c in src_cands if c.span[0] >= src_from]
    tgt_cands = [c for c in tgt_cands if c.span[0] >= tgt_from]

    def find_in_tgt(c: Cand) -> tuple[int, int] | None:
        return find_en_in_zh(c, zc) if src_lang == "en" else find_zh_in_en(c, ec)

    def find_in_src(c: Cand) -> tuple[int, int] | None:
        if src_lang == "en":
            return find_zh_in_en(c, ec)
        return find_en_in_zh(c, zc, threshold=MATCH_THRESHOLD - 0.05)

    matched_tgt: list[tuple[int, int]] = []
    unmatched: list[Cand] = []
    partial: list[Cand] = []  # middle-dot names found in the translation, perhaps only by the surname
    surname_only: list[tuple[Cand, tuple[int, int]]] = []  # native persons found (孙杰 → "Sun …")
    for c in src_cands:
        if c.conf <= 0:
            continue
        span = find_in_tgt(c)
        if span:
            matched_tgt.append(span)
            if src_lang == "zh" and c.kind == "dot" and not c.latin:
                partial.append(c)
            if src_lang == "zh" and c.kind == "person":
                surname_only.append((c, span))
        else:
            unmatched.append(c)

    def overlaps(span: tuple[int, int]) -> bool:
        return any(s < span[1] and span[0] < e for s, e in matched_tgt)

    # what human translators write for the name, learned from their translations (Brexit → 脱欧,
    # Olympic → 奥运, 欧盟 → EU): a usual rendering on the other side renders it
    unmatched = [c for c in unmatched if not _rendered_as_usual(c, src_lang, tgt_text)]
    if src_lang == "zh":
        # a dictionary "name" that is also a phrase rendered word by word: 新店 "new store", not the
        # town of Xindian; 高水平 "high level"
        unmatched = [c for c in unmatched if not _rendered_word_by_word(c, tgt_text)]

    if src_lang == "en":
        for c in list(unmatched):
            if c.kind == "unknown" and not c.entries and len(c.tokens) == 1 and c.conf <= 0.55:
                span = find_weak_en_in_zh(c, zc, matched_tgt) or _quoted_by_meaning(c, tgt_text, overlaps)
                if span:
                    matched_tgt.append(span)
                    unmatched.remove(c)
        # a title of ordinary words rendered by meaning: "Microsoft Flight Simulator" → 微软飞行模拟器,
        # "the Journal of Biblical Literature" → 《圣经文学杂志》
        for c in list(unmatched):
            if not c.entries and _translated_by_meaning(c, src_text, zc):
                unmatched.remove(c)

    if src_lang == "zh":
        # a Japanese (or Korean) name is written in Chinese characters that pinyin cannot match:
        # 石破茂 ↔ Shigeru Ishiba. An unmatched native-looking name then pairs with an unmatched
        # romanised name of the translation.
        romaji = [
            t
            for t in tgt_cands
            if not t.entries and t.tokens and not overlaps(t.span) and all(looks_romaji(x) for x in t.tokens)
        ]
        for c in list(unmatched):
            if c.kind == "person" and "某" not in c.text and romaji:
                t = romaji.pop(0)
                matched_tgt.append(t.span)
                unmatched.remove(c)
        # an organisation that is part of an office (国务院总理 → "Premier", 外交部发言人 → "a
        # foreign ministry spokesman") is rendered with the office when the English names one
        for c in list(unmatched):
            if _org_in_office(c, src_text, ec):
                unmatched.remove(c)
        # the weakest evidence, a native name only jieba's tagger calls one, is dropped where literary
        # translation commonly renders it otherwise (see _rendered_otherwise)
        for c in list(unmatched):
            if _tagged_only(c) and _rendered_otherwise(c, src_text, tgt_cands, overlaps, ec):
                unmatched.remove(c)

    added: list[Cand] = []
    title_only: list[int] = []  # indices into ``added`` of countries inside a title
    for t in tgt_cands:
        if not t.entries or t.weak or overlaps(t.span) or t.conf < 0.45 and not t.demonym:
            continue
        if t.entries[0].type == "place" or (t.entries[0].origin == "cedict" and t.conf < 0.6):
            continue
        if t.entries[0].weak_zh and t.text in t.entries[0].weak_zh:
            continue
        if find_in_src(t):
            continue
        if src_lang == "zh" and _zh_implies(t, src_text):
            continue
        if _is_title_country(t, tgt_text, tgt_lang):
            # a country a translator put into a title (日本防卫大臣) is not reported as added, but
            # it may stand in the place of the original's own country ("Germany Prime Minister"
            # for 比利时首相): a partner for a swap only
            title_only.append(len(added))
        added.append(t)

    flags: list[Flag] = []
    used: set[int] = set()
    for c in unmatched:
        # in a long bead the partner of a swap sits at about the same relative place in the
        # translation; within a sentence or two word order differs too much to tell
        pos = c.span[0] / max(1, len(src_text))
        partner, best_gap = None, 0.35 if len(src_text) > 400 else 1.0
        in_title = None
        for k, t in enumerate(added):
            if k in used or not _compatible(c.ctype if not c.entries else c.entries[0].coarse, t.ctype):
                continue
            if k in title_only:
                # a title's country stands in for a title's country only (比利时首相 → "Germany
                # Prime Minister"), not for a country the translation left out elsewhere
                if in_title is None:
                    in_title = _is_title_country(c, src_text, src_lang)
                if not in_title:
                    continue
            gap = abs(t.span[0] / max(1, len(tgt_text)) - pos)
            if gap <= best_gap:
                partner, best_gap = k, gap
        if partner is not None and _swappable(c):
            t = added[partner]
            used.add(partner)
            flags.append(
                Flag(
                    "name",
                    "critical",
                    0.9 if c.conf >= 0.7 else 0.75,
                    f"name {_q(c)} in the original is rendered as a different name, {_q(t)}, "
                    "in the translation",
                    c.span,
                    t.span,
                )
            )
            continue
        if c.conf >= MIN_CONFIDENCE:
            flags.append(
                Flag(
                    "name",
                    "major",
                    round(c.conf, 2),
                    f"name {_q(c)} in the original has no counterpart in the translation",
                    c.span,
                    None,
                )
            )
    for k, t in enumerate(added):
        if k in used or k in title_only:
            continue
        if t.entries[0].origin != "gazetteer" or t.entries[0].coarse not in ("place", "org") or t.demonym:
            continue
        flags.append(
            Flag(
                "name",
                "minor",
                0.55,
                f"name {_q(t)} in the translation has no counterpart in the original",
                None,
                t.span,
            )
        )
    if src_lang == "en":
        flags.extend(_latin_not_in_original(tgt_cands, src_text, overlaps))
        flags.extend(_given_name_swaps([t for t in tgt_cands if t.kind == "dot"], ec, zh_is_src=False))
    if src_lang == "zh":
        flags.extend(_given_name_swaps(partial, ec))
        flags.extend(_native_given_name_words(surname_only, ec))
    return flags


def _native_given_name_words(found: list[tuple[Cand, tuple[int, int]]], ec: EnCtx) -> list[Flag]:
    """孙杰 → "Sun Observatory" (or "Observatory Sun"): a Chinese person of the original found in the
    translation by the surname alone, with an English word or a Western given name where the
    romanised given name belongs (right after the surname, or right before it in Western order).

    Why only those words: a given name romanised otherwise than pinyin (Wade-Giles "Chieh") is a
    faithful rendering; a dictionary word or "Karine" in its place is not a romanisation at all."""
    table = load_table()
    out = []
    for c, (s, e) in found:
        if len(c.pinyin) < 2 or name_key(ec.text[s:e]) != c.pinyin[0]:
            continue
        given = "".join(c.pinyin[1:])
        idx = next((k for k, t in enumerate(ec.toks) if t.start == s), None)
        if idx is None:
            continue
        around = []
        if idx + 1 < len(ec.toks) and ec.text[e : ec.toks[idx + 1].start] == " ":
            around.append(ec.toks[idx + 1])
        if idx > 0 and ec.text[ec.toks[idx - 1].end : s] == " ":
            around.append(ec.toks[idx - 1])
        for t in around:
            low = t.text.lower()
            if not t.text[:1].isupper() or t.key in TITLES or t.key.rstrip(".") in TITLES:
                continue
            if name_key(t.text) == given or low in STOPWORDS:
                continue
            if not (low in GIVEN_NAMES or (table.known(low, "en") and len(low) > 3)):
                continue
            if any(set(z) & set(c.text[1:]) for z, _ in table.translations(low, "en", top=8)):
                continue  # the word renders the "given name": 贾母 is "Grandmother Jia" (母 in 祖母)
            zh_given = f"{c.text[1:]} ({' '.join(c.pinyin[1:])})"
            msg = f'given name {zh_given} of {c.text} in the original is "{t.text}" in the translation'
            out.append(Flag("name", "major", 0.6, msg, c.span, (t.start, t.end)))
            break
    return out


_ZH_QUOTED = regex.compile(r"[“「『]([\p{Han}]{2,4})[”」』]")


_MODALS = frozenset(("will", "may", "can", "must", "shall", "might", "would", "could", "should"))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def _latin_not_in_original(
    tgt_cands: list[Cand], en_text: str, overlaps: Callable[[tuple[int, int]], bool]
) -> list[Flag]:
    """A name in Latin letters in a Chinese translation that the English original does not have:
    a translation copies such names from its original (荒井健太(Kenta Arai), MH-53J), so one that is
    not there came from somewhere else ("Hunan TV" rendered as TogiNet Radio, a ministry as CEP).
    Compared by letters alone, so "SharleenSpiteri" with its space lost is still the original's."""
    en_letters = _letters(en_text)
    out = []
    for t in tgt_cands:
        letters = _letters(t.text)
        if t.kind != "latin" or overlaps(t.span) or len(letters) < 2 or letters in en_letters:
            continue
        if _initials_of(t.text, en_text):
            continue  # 鱼类及野生动物保护委员会 (FWC) for "the Florida Fish and Wildlife Commission"
        out.append(
            Flag(
                "name",
                "major",
                0.6,
                f'name "{t.text}" in the translation is not in the original',
                None,
                t.span,
            )
        )
    return out


# A rendering of a name this likely in the learned table counts as the name's translation (a name's
# renderings are specific, so a less common one still counts: Olympic → 奥运, p 0.04).
USUAL_RENDERING_P = {"en": 0.03, "zh": 0.25}
_INITIAL_SKIP = frozenset(("of", "and", "for", "the", "&", "de", "du", "des", "la", "le", "on", "in"))


def _rendered_as_usual(c: Cand, src_lang: str, tgt_text: str) -> bool:
    """Whether the translation holds a usual rendering of name ``c`` from the learned table.

    English → Chinese: every word of the name has a rendering (p(zh|en) >= ``USUAL_RENDERING_P``,
    two or more characters) in the Chinese text. Chinese → English: every usual meaning of the name
    (p(en|zh) >= ``USUAL_RENDERING_P``) is a word of the English text. Why: the gazetteer and the
    transliteration rules miss what translators write by meaning (Brexit → 脱欧, Tory → 保守党).
    """
    table = load_table()
    if src_lang == "en":
        words = [w for w in (c.tokens or tuple(c.text.split())) if w.lower() not in _INITIAL_SKIP]
        if not words:
            return False
        for w in words:
            found = [z for z, p in table.translations(w.lower(), "en", top=8) if p >= USUAL_RENDERING_P["en"]]
            if not any(len(z) >= 2 and z in tgt_text for z in found):
                return False
        return True
    # a name of several English words (南亚 = "South Asia") is linked word by word: each of its
    # usual words must be there ("Southeast Asia" does not render 南亚)
    meanings = {e for e, p in table.translations(c.text, "zh", top=8) if p >= USUAL_RENDERING_P["zh"]}
    if not meanings:
        return False
    lemmas = {lem for t in en_tokens(tgt_text) for lem in (*t.lemmas, t.lower)}
    return meanings <= lemmas


def _rendered_word_by_word(c: Cand, en_text: str) -> bool:
    """Whether a Chinese candidate that only CC-CEDICT (not the gazetteer) calls a name splits into
    two parts whose glosses are both words of the English."""
    if c.kind in ("latin", "dot") or any(e.origin == "gazetteer" for e in c.entries):
        return False
    if not 2 <= len(c.text) <= 4:
        return False
    lemmas = {lem for t in en_tokens(en_text) for lem in (*t.lemmas, t.lower, *t.lower.split("-"))}
    for k in range(1, len(c.text)):
        parts = (c.text[:k], c.text[k:])
        if all(glosses(p, strict=True) & lemmas for p in parts):
            return True
    return False


def _initials_of(acronym: str, en_text: str) -> bool:
    """Whether an acronym (FWC, SCIS) spells the initials of consecutive capitalised words of the
    original (Fish and Wildlife Commission; Scottish Council of Independent Schools)."""
    letters = acronym.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()):
        return False
    words = regex.findall(r"[\p{L}][\p{L}'’-]*", en_text)
    caps = [w for w in words if w.lower() not in _INITIAL_SKIP]
    initials = "".join(w[0] for w in caps).upper()
    flags = "".join("1" if w[0].isupper() else "0" for w in caps)
    k = initials.find(letters)
    while k >= 0:
        if set(flags[k : k + len(letters)]) == {"1"}:
            return True
        k = initials.find(letters, k + 1)
    return False


def _translated_by_meaning(c: Cand, en_text: str, zc: ZhCtx) -> bool:
    """An unknown English name all of whose content words but one at most, and at least half,
    CC-CEDICT finds translated in the Chinese ("Reformations" → 宗教改革, "Church of Scientology" →
    科学教会). A person's name made of ordinary words (Grace Park) would need the Chinese to hold
    those words' meanings by chance; a transliterated name matches no gloss."""
    s, e = c.span
    toks = [t for t in en_tokens(en_text) if s <= t.start and t.end <= e]
    # a given name (Will, Grace) or a modal is no meaning a translation renders
    content = [
        k
        for k, t in enumerate(toks)
        if t.lemma not in STOPWORDS and len(t.lower) > 2 and t.lower not in GIVEN_NAMES | _MODALS
    ]
    if not content:
        return False
    linked = {j for _, j in translation_overlap(zc.words, toks).pairs}
    hits = sum(k in linked for k in content)
    # at most one word left over: "Armed Forces Noam Chomsky" (a title run into a name) leaves two
    return 2 * hits >= len(content) and len(content) - hits <= 1


def _quoted_by_meaning(
    c: Cand, zh_text: str, overlaps: Callable[[tuple[int, int]], bool]
) -> tuple[int, int] | None:
    """A one-word English name rendered by meaning in quotation marks: Tomahawk missiles →
    “战斧”巡航导弹, Patriot → “爱国者”, Reaper → “死神” (product and weapon names usually are).
    Only for the weakest English candidates (an unknown capitalised word), and only when the
    translation has exactly one quoted two-to-four-character term that no other name accounts for;
    returns its span."""
    quoted = [m.span(1) for m in _ZH_QUOTED.finditer(zh_text) if not overlaps(m.span(1))]
    return quoted[0] if len(quoted) == 1 else None


def _given_name_swaps(partial: list[Cand], ec: EnCtx, zh_is_src: bool = True) -> list[Flag]:
    """格雷琴·惠特默 → "Zeman Whitmer" (or "Zeman Whitmer" → 格雷琴·惠特默 when the English is the
    original): the surname is there, the given name is another name."""
    out = []
    for c in partial:
        if len(c.parts) < 2:
            continue
        first, first_span = c.parts[0]
        last, _ = c.parts[-1]
        last_span = phonetic_in_en(pinyin_of(last), ec, MATCH_THRESHOLD, caps_only=True)
        if last_span is None:
            continue
        # the dot name's first part may have taken a word before it (请莉萨 "please Lisa"): its
        # endings of two or more characters are tried too
        endings = [first[k:] for k in range(max(1, len(first) - 1))]
        if any(
            phonetic_in_en(pinyin_of(f), ec, MATCH_THRESHOLD - 0.05) is not None
            or find_known_in_en(lexicon().zh_index.get(f, []), ec)
            for f in endings
        ):
            continue
        idx = next((i for i, t in enumerate(ec.toks) if t.start == last_span[0]), None)
        if idx is None or idx == 0:
            continue
        prev = ec.toks[idx - 1]
        if (
            prev.text[:1].isupper()
            and prev.key not in TITLES
            and prev.key.rstrip(".") not in TITLES
            and (ec.text[prev.end : last_span[0]].strip() == "")
        ):
            zh_first = f"{first} ({' '.join(pinyin_of(first))})"
            if zh_is_src:
                msg = f'given name {zh_first} of {c.text} in the original is "{prev.text}" in the translation'
                spans = (first_span, (prev.start, prev.end))
            else:
                name = ec.text[prev.start : last_span[1]]
                msg = f'given name "{prev.text}" of "{name}" in the original is {zh_first} in the translation'
                spans = ((prev.start, prev.end), first_span)
            out.append(Flag("name", "major", 0.6, msg, *spans))
    return out


def _q(c: Cand) -> str:
    return f'"{c.label()}"'


# How many preceding beads of the original count as the context that introduced a name.
CONTEXT_BEADS = 2


def _is_added(f: Flag) -> bool:
    return f.kind == "name" and f.source_span is None and f.target_span is not None


def names_check(ctx: CheckContext, out: dict[int, list[Flag]]) -> dict[int, list[Flag]]:
    """``out``, the flags of :func:`check_pair` on every bead, less those the beads before
    explain: a name the translation adds is not reported when the original named it just before
    (within ``CONTEXT_BEADS`` beads).

    Why: translators make referents explicit — "Chair Jerome Powell said …" after a sentence about
    the Federal Reserve becomes 美联储主席鲍威尔表示 …; the name is added to the sentence, not to
    the text. Decided by checking the bead again with the preceding beads' original text in front:
    an added-name flag that disappears was introduced by that context.
    """
    glue = " " if ctx.source.lang == "en" else ""
    glue_t = " " if ctx.target.lang == "en" else ""
    for i, flags in list(out.items()):
        src, tgt = ctx.bead_texts(i)
        window = range(max(0, i - CONTEXT_BEADS), i)
        before = [ctx.bead_texts(k)[0] for k in window]
        if any(_is_added(f) for f in flags) and any(before):
            again = check_pair(glue.join([*before, src]), ctx.source.lang, tgt, ctx.target.lang)
            # still reported, as added or as the other half of a swap with a context name
            still = {f.target_span for f in again if f.kind == "name"}
            flags = [f for f in flags if not _is_added(f) or f.target_span in still]
        # a place the translation named just before may go unrepeated: 日本防卫大臣 after a
        # sentence about Japan is "Defense Minister Gen Nakatani"
        before_t = [ctx.bead_texts(k)[1] for k in window]
        if any(_is_missing_known(f, src, ctx.source.lang) for f in flags) and any(before_t):
            again = check_pair(src, ctx.source.lang, glue_t.join([*before_t, tgt]), ctx.target.lang)
            still = {f.source_span for f in again if f.kind == "name"}
            flags = [
                f for f in flags if not _is_missing_known(f, src, ctx.source.lang) or f.source_span in still
            ]
        # a name the other side calls by a descriptor it introduced earlier: "the bloc" for the
        # European Union named in the first paragraph, rendered 欧盟
        if flags:
            flags = [f for f in flags if not _referred_to(f, ctx, i)]
        if flags:
            out[i] = flags
        else:
            del out[i]
    return out


def _entity(form: str, lang: str) -> Entry | None:
    """The known place or organisation a name form stands for, if any."""
    if lang == "zh":
        ents = lexicon().zh_index.get(form, [])
    else:
        ents = en_lookup([name_key(w) for w in form.split()])
    return ents[0] if ents else None


def _is_missing_known(f: Flag, src: str, lang: str) -> bool:
    """A "no counterpart" flag on a known country, region, city or organisation of the original
    (世卫组织 rendered "it" right after a sentence that named the WHO)."""
    if f.kind != "name" or f.source_span is None or f.target_span is not None:
        return False
    e = _entity(src[f.source_span[0] : f.source_span[1]], lang)
    return e is not None and e.type in ("country", "region", "city", "org")


# Descriptors a text uses for a place or organisation it has already named, by entity type. News
# style avoids repeating a name ("the bloc", "the country"), and a translator often puts the name
# back (欧盟, 该国 → 日本), or the reverse.
_DESCRIPTORS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "country": ("country", "nation", "kingdom", "republic", "government", "island nation"),
        "region": ("region", "state", "province", "island", "territory", "continent", "peninsula"),
        "city": ("city", "capital", "town", "port"),
        "org": (
            "bloc",
            "union",
            "alliance",
            "organization",
            "organisation",
            "group",
            "body",
            "agency",
            "commission",
            "council",
            "company",
            "firm",
            "party",
            "court",
            "bank",
        ),
    },
    "zh": {
        "country": ("该国", "这个国家", "此国", "本国", "两国", "政府", "当局"),
        "region": ("该地区", "这一地区", "该州", "该省", "该岛", "该地", "当地"),
        "city": ("该市", "这座城市", "该城", "首都", "当地", "该港"),
        "org": (
            "该集团",
            "集团",
            "该组织",
            "这一组织",
            "该联盟",
            "联盟",
            "该机构",
            "该公司",
            "这家公司",
            "公司",
            "该委员会",
            "该党",
            "该行",
            "法院",
        ),
    },
}
_EN_DETERMINERS = frozenset(("the", "this", "that", "its", "their"))


def _has_descriptor(text: str, lang: str, typ: str) -> bool:
    """Whether ``text`` refers to a ``typ`` entity by a common noun ("the bloc", 该国)."""
    words = _DESCRIPTORS[lang].get(typ, ())
    if lang == "zh":
        return any(w in text for w in words)
    toks = regex.findall(r"[\w-]+", text.lower())
    for k, t in enumerate(toks):
        if t not in _EN_DETERMINERS:
            continue
        after = toks[k + 1 : k + 4]
        # the noun right after the determiner, or after one modifier ("the 27-member bloc")
        if (
            any(w in words for w in after[:2])
            or " ".join(after[:2]) in words
            or " ".join(after[1:3]) in words
        ):
            return True
    return False


def _mentions(text: str, entity: Entry, lang: str) -> bool:
    """Whether ``text`` names ``entity`` (any of its forms on that side)."""
    if lang == "zh":
        return any(z in text for z in entity.zh)
    return any(
        regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(f)}(?![\p{{L}}\p{{N}}])", text) for f in entity.en
    )


# How far back a descriptor may point: the document so far, within reason.
DESCRIPTOR_BEADS = 30


def _referred_to(f: Flag, ctx: CheckContext, i: int) -> bool:
    """An added or missing known name whose bead, on the side without it, has a descriptor of its
    type, where that side named it earlier in the document: a referent made explicit (or left
    implicit), not a name added or dropped."""
    if f.kind != "name" or (f.source_span is None) == (f.target_span is None):
        return False
    src, tgt = ctx.bead_texts(i)
    added = f.source_span is None
    has, has_lang, other, other_lang, span = (
        (tgt, ctx.target.lang, src, ctx.source.lang, f.target_span)
        if added
        else (src, ctx.source.lang, tgt, ctx.target.lang, f.source_span)
    )
    e = _entity(has[span[0] : span[1]], has_lang)
    if e is None or not _has_descriptor(other, other_lang, e.type):
        return False
    side = 0 if added else 1
    return any(
        _mentions(ctx.bead_texts(k)[side], e, other_lang) for k in range(max(0, i - DESCRIPTOR_BEADS), i)
    )


class NameCheck(PairCheck):
    """Names via a gazetteer and transliteration; one the translation adds is fine when the original
    named it just before."""

    name = "name"
    heavy = True  # ~10 s of the Bible's checks: transliteration matching
    kinds = ("name",)
    summary = "names missing, added or swapped (gazetteer and pinyin transliteration)"

    pure = True  # reads the two texts only: a repeated pair is checked once (PairCheck)

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        return check_pair(src_text, src_lang, tgt_text, tgt_lang)

    def run_share(self, ctx: CheckContext, part: int, parts: int) -> dict[int, list[Flag]]:
        # the look back at the beads before reads their texts, not their flags: bead by bead too
        out = names_check(ctx, super().run_share(ctx, part, parts))
        save_pinyin()  # this document's romanisations, for the next run
        return out
