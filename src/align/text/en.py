"""English words: tokens with offsets, and a light rule-based lemmatiser.

The lemmatiser strips plural, past, -ing, -ly and the comparatives of a closed list of adjectives,
guided by the vocabulary of CC-CEDICT's English glosses (``align.text.cedict_raw``): a suffix is
only stripped when what remains is a word the glosses use, so "closed" → "close" but "need" stays
"need". It is applied identically to glosses and texts; consistency matters more than linguistic
accuracy. Its word lists are data (``data/en_irregular.tsv``, ``en_gradable.txt``, ``en_keep.txt``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from align.text.cedict_raw import gloss_vocabulary
from align.text.datafiles import read_rows, read_words
from align.text.words import word_set

# Irregular forms. A tuple lists every reading; the first is the one glosses use.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    form: tuple(bases.split(",")) for form, bases in read_rows("en_irregular.tsv")
}
# Adjectives whose -er/-est forms are reduced ("smaller" → "small").
GRADABLE = read_words("en_gradable.txt")
_GRADABLE = GRADABLE
# Words that end like an inflection but are not one.
_KEEP = read_words("en_keep.txt")

_VOWELS = set("aeiou")


def _vocab() -> frozenset[str]:
    """Raw English words CEDICT's glosses use; guides suffix stripping."""
    return gloss_vocabulary()


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


# Words that carry no meaning of their own (in glosses and in texts alike).
STOPWORDS = word_set(
    "a an the to of be sb sth one one's oneself etc for in on at as by with and or from into that "
    "this which who whom whose it its is are was were been being used also e.g. i.e sb's sth's s"
)
# Pronouns, auxiliaries and determiners: neither matched nor unmatched in an overlap.
EN_FUNCTION = word_set(
    "i you he she it we they me him her us them my your his its our their this that these those"
    " be have do will would can could shall should may might must not there here than then so"
)

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
    ``can`` + ``not`` (negation checks need the negator as its own token).

    Memoised: the aligner, most checks and the risk model tokenise the same bead texts (a fresh
    list each call, of frozen tokens, so callers may edit it).
    """
    return list(_en_tokens(text))


# Enough for every sentence and bead text of a book-length document (the Bible's 5,000 verses and
# their beads), so that each check after the first finds them tokenised.
_TOKENS_MEMO = 32768


@functools.lru_cache(maxsize=_TOKENS_MEMO)
def _en_tokens(text: str) -> tuple[EnToken, ...]:
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
                        EnToken(t.text, t.start + pos, t.end + pos, t.lemmas) for t in _en_tokens(piece)
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
    return tuple(out)
