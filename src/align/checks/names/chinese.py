"""Names in a Chinese text: Latin names, middle-dot names, known names, transliterations, native names.

They are found in that order and each claims its characters, so a later, weaker reading never
takes part of an earlier one (安达 is not looked up inside 安达纳尔, already a transliteration).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import regex

from align.checks.names.candidate import Cand
from align.checks.names.gazetteer import Entry, Lexicon, known_confidence, lexicon
from align.checks.names.phonetic import pinyin_of
from align.checks.names.text import NON_NAME_ACRONYMS, TRANSLIT, is_translit, translit_inside, word_set
from align.text.zh import HAN, import_posseg, jieba_tokenizer, jieba_word_tags, zh_words

_DOTS = "·•‧・"

_LATIN_SEG = regex.compile(
    r"[\p{Latin}][\p{Latin}\p{M}0-9'’&.\-]*(?:[ \t]+[\p{Latin}0-9][\p{Latin}\p{M}0-9'’&.\-]*)*"
)

_UNITS = word_set("""
km kg cm mm m g mg ml l t kw kwh mw gw hz ghz mb gb tb mph kmh ppm ph s min h
""")

# Common single-character surnames of native Chinese names (for X某 and pinyin look-ups).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
    "覃武戴莫孔向汤习柳"
)

# Surnames that can start a name jieba's tagger finds (_native_cands leaves out 于 and 向).
_TAGGED_SURNAMES = _SURNAMES - frozenset("于向")

_SURNAME_MOU = regex.compile(r"([" + "".join(sorted(_SURNAMES)) + r"])某某?")  # 张某, 黄某某
_DOT_NAME = regex.compile(rf"\p{{Han}}+(?:[{_DOTS}]\p{{Han}}+)+")
_DOT_SPLIT = regex.compile(rf"[{_DOTS}]")
_WEB = regex.compile(r"https?|www\.|\.com|@")
_NON_LETTER = regex.compile(r"[^\p{L}]")
_ZH_PLACE_SUFFIX = ("省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "沟", "岛", "社区", "街道")


@dataclass(slots=True)
class ZhCtx:
    """A Chinese text prepared for finding names: jieba words with offsets and their start and end
    positions, Latin segments, runs of transliteration characters, and (``pinyin``) a pinyin syllable per
    character (``None`` where a word's pinyin does not map one-to-one onto its characters); ``memo`` keeps
    what the look-ups derive from the text alone, so that it is worked out once per bead.

    The pinyin is worked out on first use: only a search for an English name in the Chinese needs it,
    and many beads have none to search for."""

    text: str
    words: list[tuple[str, int, int]]
    starts: set[int]
    ends: set[int]
    latin: list[tuple[str, int, int]]
    runs: list[tuple[int, int]]
    memo: dict[str, Any] = field(default_factory=dict)  # what look-ups derive from the text alone
    _pinyin: list[str | None] | None = None

    @property
    def pinyin(self) -> list[str | None]:
        if self._pinyin is None:
            py: list[str | None] = [None] * len(self.text)
            for w, s, _ in self.words:
                if HAN.match(w[0]):
                    syl = pinyin_of(w)
                    if len(syl) == len(w):
                        for k, p in enumerate(syl):
                            py[s + k] = p
            self._pinyin = py
        return self._pinyin


def zh_ctx(text: str) -> ZhCtx:
    """Prepare a Chinese text for finding names (see :class:`ZhCtx`)."""

    words = zh_words(text)
    starts = {s for _, s, _ in words}
    ends = {e for _, _, e in words}
    latin = []
    for m in _LATIN_SEG.finditer(text):
        seg = m.group().rstrip(" .'-")
        latin.append((seg, m.start(), m.start() + len(seg)))
    runs = []
    i = 0
    while i < len(text):
        if text[i] in TRANSLIT:
            j = i
            while j < len(text) and (text[j] in TRANSLIT or translit_inside(text, j, i)):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return ZhCtx(text, words, starts, ends, latin, runs)


def _zh_pos_ok(ctx: ZhCtx, s: int, e: int, form: str) -> bool:
    """A dictionary hit must not cut a word: 中非 inside 中非常 is no country."""
    if len(form) >= 3:
        return True
    if s not in ctx.starts:
        return False
    if s + 1 in ctx.starts and form[1] in _ZH_CLITICS:
        return False  # 中都 in 每个部分中 + 都 ("all"): two words, the second an adverb
    if s and text_digit(ctx.text[s - 1]) and form[0] in _MEASURE_CHARS:
        return False  # 米高 in 40 + 米 + 高 (40 metres high)
    if e in ctx.ends:
        return True
    # the word starting here may extend the name by a suffix (日本人, 美国队, 纽约州)
    for w, ws, we in ctx.words:
        if ws == s and we > e:
            return w.startswith(form) and len(w) - len(form) <= 2
    return False


def is_known_country(e: Entry) -> bool:
    """A country of the gazetteer: its Chinese names are fixed spellings (德国, not a transliteration).
    (Kept out of ``gazetteer.py``, whose source is part of the prebuilt lexicon's cache key.)"""
    return e.origin == "gazetteer" and e.type == "country"


def _country_opens_name(text: str, s: int, form: str, ents: list[Entry]) -> bool:
    """A country at the head of a longer organisation or place name that jieba keeps as one word
    (法国国民议会 "the French National Assembly", 英国旅行社协会): the country is named too."""
    if not any(is_known_country(e) for e in ents):
        return False
    return any(ws == s and w.startswith(form) and len(w) > len(form) + 2 and t in ("nt", "ns", "nz")
               for w, ws, _we, t in _posseg(text))


# one-character adverbs and particles jieba cuts off as words of their own: a dictionary name ending
# in one (中都, 花都, 上都 "all") across that cut is the adverb, not the place (中俄 = 中 + 俄 stays)
_ZH_CLITICS = frozenset("都也就才又还是了的在和与")
_AFTER_ADVERB_DOU = frozenset("有是在会能要可不没很被把让给得应该已曾")
# characters that are measure words or units after a figure (40米高 is "40 metres high")
_MEASURE_CHARS = frozenset("米千克吨里尺寸斤元个只位名岁年月日天")


def text_digit(ch: str) -> bool:
    """A digit, Western or Chinese (the figure before a unit)."""
    return ch.isdigit() or ch in "零〇一二三四五六七八九十百千万亿两"


_NAME_SUFFIX = (
    "大学",
    "学院",
    "公司",
    "集团",
    "协会",
    "基金会",
    "研究所",
    "医院",
    "中心",
    "州",
    "省",
    "市",
    "岛",
    "山",
    "河",
    "湖",
    "港",
    "县",
    "城",
)


def _strip_suffix(name: str) -> str:
    """A name without its institution or place suffix (霍普金斯大学 → 霍普金斯)."""
    for suf in _NAME_SUFFIX:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _name_edge(ctx: ZhCtx, s: int, e: int, left: bool) -> int:
    """Where the name part of a middle-dot name starts (left) or ends (right) inside the Han run s:e.

    jieba words decide: the word touching the dot is part of the name, and so is each further word made
    only of transliteration characters (讲福音的约翰·… keeps 约翰; …·霍普金斯大学提供 keeps 霍普金斯大学).
    """
    words = [(w, ws, we) for w, ws, we in ctx.words if ws >= s and we <= e]
    if not words:
        return s if left else e
    seq = list(reversed(words)) if left else words
    edge = seq[0][1] if left else seq[0][2]
    if (left and seq[0][2] != e) or (not left and seq[0][1] != s):
        return s if left else e
    for w, ws, we in seq[1:]:
        if is_translit(w) and len(w) <= 4:
            edge = ws if left else we
        else:
            break
    return edge


def _in_title(text: str, i: int) -> bool:
    """Inside 《…》 (a title of a book, paper, programme)."""
    o = text.rfind("《", 0, i)
    return o >= 0 and text.find("》", o) >= i and text.rfind("》", 0, i) < o


def _latin_is_name(seg: str) -> bool:
    """A Latin segment that may be a name: not a unit, a web address or a common acronym (GDP)."""
    toks = seg.split()
    if all(t.lower().strip(".") in _UNITS for t in toks):
        return False
    if _WEB.search(seg):
        return False
    if seg.upper() in NON_NAME_ACRONYMS:
        return False
    return any(t[:1].isupper() for t in toks) and len(_NON_LETTER.sub("", seg)) >= 2


def _take(taken: list[bool], s: int, e: int) -> None:
    taken[s:e] = [True] * (e - s)


def _linked_latin(latin_after: dict[int, tuple[str, int, int]], *ends: int) -> str:
    """The Latin spelling given in parentheses right after a name ending at one of ``ends``."""
    for e in ends:
        if e in latin_after:
            return latin_after[e][0]
    return ""


def zh_candidates(text: str, ctx: ZhCtx | None = None) -> list[Cand]:
    """Names in a Chinese text: dictionary names, Latin names, middle-dot names, transliterations, 张某."""
    lex = lexicon()
    ctx = ctx or zh_ctx(text)
    taken = [False] * len(text)
    out, latin_after = _latin_cands(text, ctx, taken)
    out += _dot_cands(text, ctx, taken, latin_after)
    out += _known_cands(text, ctx, taken, latin_after, lex)
    out += _translit_cands(text, ctx, taken, latin_after, lex)
    out += _native_cands(text, ctx, taken, lex)
    # a Latin name in parentheses after a Chinese name is that name's spelling, not a second name
    linked = {c.latin for c in out if c.kind != "latin" and c.latin}
    linked_starts = {s for seg, s, _ in latin_after.values() if seg in linked}
    out = [c for c in out if not (c.kind == "latin" and c.span[0] in linked_starts)]
    out.sort(key=lambda c: c.span)
    return out


def _latin_cands(
    text: str, ctx: ZhCtx, taken: list[bool]
) -> tuple[list[Cand], dict[int, tuple[str, int, int]]]:
    """Latin segments (CEP, Fisk University), and where each follows a Chinese name as "(Latin)":
    the end of that name → the segment."""
    out: list[Cand] = []
    latin_after: dict[int, tuple[str, int, int]] = {}
    for seg, s, e in ctx.latin:
        if not _latin_is_name(seg):
            continue
        j = s - 1
        while j >= 0 and text[j] in " \t(（":
            j -= 1
        if j >= 0 and j < s - 1 and ("(" in text[j + 1 : s] or "（" in text[j + 1 : s]):
            latin_after[j + 1] = (seg, s, e)
        out.append(Cand(seg, (s, e), "latin", 0.75, latin=seg, ctype="unknown"))
        _take(taken, s, e)
    return out, latin_after


def _dot_cands(
    text: str, ctx: ZhCtx, taken: list[bool], latin_after: dict[int, tuple[str, int, int]]
) -> list[Cand]:
    """Middle-dot names: 马尔科·鲁比奥 (the Han runs around the dots may carry neighbouring words)."""
    out: list[Cand] = []
    for m in _DOT_NAME.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        parts = []
        pos = m.start()
        for p in _DOT_SPLIT.split(m.group()):
            parts.append([pos, pos + len(p)])
            pos += len(p) + 1
        parts[0][0] = _name_edge(ctx, parts[0][0], parts[0][1], left=True)
        parts[-1][1] = _name_edge(ctx, parts[-1][0], parts[-1][1], left=False)
        s, e = parts[0][0], parts[-1][1]
        name = text[s:e]
        core = _strip_suffix(name)
        out.append(
            Cand(
                name,
                (s, e),
                "dot",
                0.75,
                pinyin=pinyin_of(core),
                parts=tuple((_strip_suffix(text[a:b]), (a, b)) for a, b in parts),
                latin=_linked_latin(latin_after, e),
                ctype="person" if core == name else "org",
            )
        )
        _take(taken, s, e)
    return out


_FORM_HEADS: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _form_heads(lex: Lexicon) -> frozenset[str]:
    """The first two characters of every Chinese form of two or more characters: where no form starts,
    :func:`_known_cands` need not try the eight lengths of form one by one. (Kept per lexicon object,
    which is not hashable.)"""
    hit = _FORM_HEADS.get(id(lex))
    if hit is None or hit[0] is not lex:
        hit = (lex, frozenset(form[:2] for form in lex.zh_index if len(form) >= 2))
        _FORM_HEADS.clear()
        _FORM_HEADS[id(lex)] = hit
    return hit[1]


def _known_cands(
    text: str, ctx: ZhCtx, taken: list[bool], latin_after: dict[int, tuple[str, int, int]], lex: Lexicon
) -> list[Cand]:
    """Names of the lexicon, longest first."""
    out: list[Cand] = []
    heads = _form_heads(lex)
    i = 0
    while i < len(text):
        if taken[i] or not HAN.match(text[i]) or text[i : i + 2] not in heads:
            i += 1  # (no form of two or more characters starts with these two: no hit here)
            continue
        hit = None
        for n in range(min(lex.zh_max, len(text) - i), 1, -1):
            form = text[i : i + n]
            ents = lex.zh_index.get(form)
            if ents and not any(taken[i : i + n]) and (
                _zh_pos_ok(ctx, i, i + n, form) or _country_opens_name(text, i, form, ents)
            ):
                hit = (form, ents)
                break
        if hit is None:
            i += 1
            continue
        form, ents = hit
        e = i + len(form)
        gaz = [x for x in ents if x.origin == "gazetteer"]
        use = tuple(gaz) or tuple(ents)
        # a CC-CEDICT hit, or a two-character person's name, inside a longer transliteration (安达 in
        # 安达纳尔, 林肯 "Lincoln" in 布林肯 "Blinken") is not that name
        if (
            (not gaz or all(x.type == "person" for x in gaz))
            and len(form) == 2
            and (
                (i > 0 and text[i - 1] in TRANSLIT and not taken[i - 1])
                or (e < len(text) and text[e] in TRANSLIT and is_translit(form))
            )
        ):
            i += 1
            continue
        # 花都有 = 花 + 都有 ("flowers all have"), even where jieba keeps the district name 花都
        if not gaz and len(form) == 2 and form[1] == "都" and text[e : e + 1] in _AFTER_ADVERB_DOU:
            i += 1
            continue
        weak = bool(gaz) and all(form in x.weak_zh for x in gaz)
        if weak:
            conf = 0.0  # matching aid only (我国, 回国): never required on its own
        elif gaz:
            conf = 0.6 if use[0].type == "place" else known_confidence(use[0])
        else:
            conf = known_confidence(use[0])
            if form in lex.zh_common:
                conf = min(conf, 0.4)
            elif len(form) == 2 and use[0].type != "person":
                # two-character county names (天峨, 中都) collide with ordinary words and typos: only
                # trusted where jieba also tags the word as a place name
                tag = next((t for w, ws, we, t in _posseg(text) if ws == i and we == e), "")
                conf = min(conf, 0.6 if tag == "ns" else 0.45)
        if _in_title(text, i):
            conf = min(conf, 0.45)  # inside 《…》 the whole title may be rendered or abbreviated
        out.append(
            Cand(
                form,
                (i, e),
                "known",
                conf,
                entries=use,
                pinyin=pinyin_of(form),
                latin=_linked_latin(latin_after, e),
                ctype=use[0].coarse,
            )
        )
        _take(taken, i, e)
        i = e
    return out


def _translit_cands(
    text: str, ctx: ZhCtx, taken: list[bool], latin_after: dict[int, tuple[str, int, int]], lex: Lexicon
) -> list[Cand]:
    """Transliterations: what is left of the runs of transliteration characters."""
    out: list[Cand] = []
    for rs, re_ in ctx.runs:
        s = rs
        while s < re_:
            if taken[s]:
                s += 1
                continue
            e = s
            while e < re_ and not taken[e]:
                e += 1
            _translit_cand(text, ctx, s, e, latin_after, out, lex)
            s = e
    for c in out:
        _take(taken, *c.span)
    return out


def _translit_cand(
    text: str,
    ctx: ZhCtx,
    s: int,
    e: int,
    latin_after: dict[int, tuple[str, int, int]],
    out: list[Cand],
    lex: Lexicon,
) -> None:
    """A transliteration in ``text[s:e]``, a stretch of a run of transliteration characters."""
    # trim ordinary words at the edges of the run (the run may start with 多 of 多达 …)
    words = [(w, ws, we) for w, ws, we in ctx.words if ws < e and we > s]
    for w, ws, we in words:
        if len(w) >= 2 and w in lex.zh_common and w not in lex.zh_index and ws >= s and we <= e:
            # an ordinary word inside the run splits it
            if ws - s >= 2:
                _translit_cand(text, ctx, s, ws, latin_after, out, lex)
            if e - we >= 2:
                _translit_cand(text, ctx, we, e, latin_after, out, lex)
            return
    # an ordinary word that runs past the end of the run ends it: 惠康 + 基金会 ("foundation")
    for w, ws, we in words:
        if len(w) >= 2 and w in lex.zh_common and w not in lex.zh_index and s < ws < e < we:
            e = ws
            break
    n = e - s
    if n < 2:
        return
    form = text[s:e]
    if len(set(form)) == 1:
        return  # 齐齐, 哈哈: reduplication, not a name
    if n == 2:
        if s not in ctx.starts or e not in ctx.ends or form in lex.zh_common:
            return
        conf = 0.5
    else:
        conf = 0.6
    suffix_end = e
    for suf in _ZH_PLACE_SUFFIX:
        if text.startswith(suf, e):
            suffix_end = e + len(suf)
            break
    ctype = "place" if suffix_end > e else "unknown"
    out.append(
        Cand(
            form,
            (s, e),
            "translit",
            conf,
            pinyin=pinyin_of(form),
            latin=_linked_latin(latin_after, suffix_end, e),
            ctype=ctype,
        )
    )


def _native_cands(text: str, ctx: ZhCtx, taken: list[bool], lex: Lexicon) -> list[Cand]:
    """Native Chinese names: 黄某某, 段梦琪 (jieba tags it a person), place names with a suffix (乃吉沟,
    明珠社区)."""
    out: list[Cand] = []
    for m in _SURNAME_MOU.finditer(text):
        s, e = m.span()
        if not any(taken[s:e]):
            out.append(Cand(m.group(), (s, e), "person", 0.6, pinyin=pinyin_of(m.group(1)), ctype="person"))
            _take(taken, s, e)
    # a tagged name starts with a free surname character and has a second character: without one, the
    # tagger (the dearest step of the check) need not run
    free_surname = any(not taken[k] and text[k] in _TAGGED_SURNAMES for k in range(len(text) - 1))
    for w, s, e, tag in _posseg(text) if free_surname else ():
        if any(taken[s:e]) or not HAN.match(w[0]):
            continue
        if (
            tag in ("nr", "nrfg")
            and 2 <= len(w) <= 3
            and w[0] in _SURNAMES
            and w not in lex.zh_common
            and not is_translit(w)
            and w[0] not in "于向"
        ):
            out.append(Cand(w, (s, e), "person", 0.55, pinyin=pinyin_of(w), ctype="person"))
            _take(taken, s, e)
    for i, (w, s, e) in enumerate(ctx.words):
        if any(taken[s:e]) or len(w) < 2 or not HAN.match(w[0]) or w in lex.zh_common:
            continue
        if i + 1 < len(ctx.words) and ctx.words[i + 1][0] in _ZH_PLACE_SUFFIX and ctx.words[i + 1][1] == e:
            out.append(Cand(w, (s, e), "place", 0.55, pinyin=pinyin_of(w), ctype="place"))
            _take(taken, s, e)
    return out


@functools.lru_cache(maxsize=1)
def _hmm_triggers() -> tuple[frozenset[str], frozenset[str]]:
    """What makes a stretch of text worth jieba's HMM tagger: a surname character (a person name may
    start there) or a two-character lexicon form (whose ns tag _known_cands asks for)."""
    return _TAGGED_SURNAMES, frozenset(k for k in lexicon().zh_index if len(k) == 2)


@functools.lru_cache(maxsize=1)
def _posseg_tokenizer() -> Any:
    """jieba's part-of-speech tagger, sharing the project's dictionary, with its HMM run only where a
    name check can use the tags.

    Why: the HMM (a pure-Python Viterbi over four-way tagged states) takes most of the name check's time,
    and most of the stretches it is run on cannot yield anything the check reads. jieba runs it on each
    stretch of single characters not in its dictionary; the words it returns for such a stretch lie
    inside the stretch. The check reads only (a) words of two or three characters starting with a
    surname tagged as a person (``_native_cands``) and (b) the tag of a two-character lexicon form
    (``_known_cands``). A stretch holding neither a surname character (before its last character) nor
    a two-character lexicon form can hold neither, so its characters are returned as single words
    tagged ``x`` instead (with the same offsets: the pieces of a stretch always cover it exactly).
    Everything the check reads is therefore identical to a full tagging. Should jieba rename its
    internals, the override is simply never called and the tagger tags everything, as before.
    """
    pseg = import_posseg()

    surnames, two_char = _hmm_triggers()
    detail = getattr(pseg.POSTokenizer, "_POSTokenizer__cut_detail", None)

    class _NameTagger(pseg.POSTokenizer):  # type: ignore[misc, valid-type]
        def load_word_tag(self, f: Any) -> None:
            # the same tags, from a cached table read lazily (parsing them took about 0.8 s)
            f.close()
            self.word_tag_tab = jieba_word_tags(self.tokenizer)

        def _POSTokenizer__cut_detail(self, sentence: str) -> Any:
            # a word of two or more characters cannot start at the last character
            if any(ch in surnames for ch in sentence[:-1]) or any(
                sentence[k : k + 2] in two_char for k in range(len(sentence) - 1)
            ):
                yield from detail(self, sentence)
            else:
                for ch in sentence:
                    yield pseg.pair(ch, "x")

    return (_NameTagger if detail is not None else pseg.POSTokenizer)(jieba_tokenizer())


@functools.lru_cache(maxsize=4096)
def _posseg(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """jieba part-of-speech tags (nr = person) with offsets, sharing the project's jieba dictionary.

    Only the tags the name check reads are exact (see :func:`_posseg_tokenizer`)."""
    out = []
    pos = 0
    for p in _posseg_tokenizer().cut(text):
        s = text.find(p.word, pos)
        if s < 0:
            continue
        out.append((p.word, s, s + len(p.word), p.flag))
        pos = s + len(p.word)
    return tuple(out)
