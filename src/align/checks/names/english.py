"""Names in an English text: known names, capitalised sequences, acronyms.

Capitals are the main evidence, so the work is telling a name from a capitalised ordinary word: a
sentence start ("Many …"), a title ("Defense Secretary"), a headline in title case, words shouted in
capitals, the pronoun I.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from align.checks.names.candidate import Cand
from align.checks.names.gazetteer import Entry, Lexicon, known_confidence, lexicon
from align.checks.names.text import FORM_CONNECT, NON_NAME_ACRONYMS, TITLES, ascii_fold, name_key
from align.text.datafiles import read_words

# Inside running text "and" separates two names ("Britain and Italy") rather than joining one.
_SEQ_CONNECT = FORM_CONNECT - {"and", "y"}

_PRONOUN_I = frozenset({"i", "i'm", "i'd", "i've", "i'll"})

# Word lists in align/data (each file says what it holds).
_SPEECH_VERBS = read_words("names_en_speech_verbs.txt")
_STOP = read_words("names_en_not_names.txt")

_ABBREV = read_words("names_en_abbreviations.txt")


@dataclass(slots=True)
class EnTok:
    """A word of an English text with its comparison key; ``initial``: it starts a sentence; ``shout``:
    it is an ordinary word written in capitals for emphasis."""

    text: str
    start: int
    end: int
    key: str
    initial: bool = False
    shout: bool = False


_EN_TOKEN = regex.compile(r"(?:\p{Lu}\.){2,}|\p{L}[\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*\.?|\d[\d,.]*\d|\d")
_HYPHEN_PART = regex.compile(r"[^\-]+")
GIVEN_NAMES = read_words("names_en_given_names.txt")
_NAME_PREFIXES = read_words("names_en_prefixes.txt")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """``_EN_TOKEN`` matches, split at a hyphen that sets a name apart (``_dash``): in "England and
    Wales-the poorest" (a dash typed without spaces) the name is Wales, in "US-led" it is US."""
    out = []
    for m in _EN_TOKEN.finditer(text):
        s, t = m.start(), m.group()
        parts = t.rstrip(".").split("-") if "-" in t else []
        if len(parts) > 1 and _dash(parts):
            out += [(s + p.start(), s + p.end(), p.group()) for p in _HYPHEN_PART.finditer(t)]
        else:
            out.append((s, m.end(), t))
    return out


def _dash(parts: list[str]) -> bool:
    """Whether a token's hyphen sets a name apart: a dash typed without spaces ("Wales-the",
    "experiments-Einstein") or a compound of a name and a participle ("US-led", "Iran-backed",
    "Beijing-based": the name is there, and the translation names it). Kept whole: names of
    several capitalised parts (Coca-Cola, Jean-Pierre), a prefix before a name (anti-American,
    mid-August) and a single capital letter (X-ray, T-shirt)."""
    for a, b in zip(parts, parts[1:], strict=False):
        if a.islower() and b[:1].isupper() and len(b) > 1 and a not in _NAME_PREFIXES:
            return True
        if a[:1].isupper() and len(a) > 1 and b.islower():
            return True
    return False


_DOTTED = regex.compile(r"(?:\p{Lu}\.)+")  # U.S., U.N.
_DOTTED2 = regex.compile(r"(?:\p{Lu}\.){2,}")
_ONE_CAPITAL = regex.compile(r"\p{Lu}")
_POSSESSIVE = regex.compile(r"['’]s$")
_END_PUNCT = regex.compile(r"[.!?。！？]")
_ROMAJI = regex.compile(r"(?:(?:[kgsztdnhbpmyrwjf]|sh|ch|ts|ky|ry|ny|my|hy|gy|by|py)?[aeiou]|n)+")
_CLITIC = regex.compile(r"'(?:re|ve|ll|d|m|s|t)$|n't$")
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
_PLURAL_ACRONYM = regex.compile(r"\p{Lu}{2,}s")


def tokenize_en(text: str) -> list[EnTok]:
    """Words with offsets; a final period is kept only on an abbreviation, a possessive 's is cut off.

    Returns fresh tokens on every call (callers mark them, e.g. as shouted), built from a memoised
    tokenisation: the name check tokenises each English text twice (candidates and look-ups).
    """
    return [EnTok(*row) for row in _tokenize(text)]


@functools.lru_cache(maxsize=256)
def _tokenize(text: str) -> tuple[tuple[str, int, int, str, bool], ...]:
    toks: list[EnTok] = []
    for m in _tokens(text):
        s, e, t = m
        if t.endswith(".") and not _DOTTED2.fullmatch(t):
            base = t[:-1]
            if not (base.lower() in _ABBREV or _ONE_CAPITAL.fullmatch(base)):
                t, e = base, e - 1
        if _POSSESSIVE.search(t) and len(t) > 3:
            t, e = t[:-2], e - 2
        elif t.endswith(("s'", "s’")) and len(t) > 3:
            t, e = t[:-1], e - 1
        toks.append(EnTok(t, s, e, name_key(t)))
    for i, tk in enumerate(toks):
        j = tk.start - 1
        while j >= 0 and text[j] in " \t\"'“‘([—–-":
            j -= 1
        if j < 0 or text[j] in "\n.!?:;…。！？":
            prev_abbrev = i > 0 and toks[i - 1].text.endswith(".") and toks[i - 1].end == j + 1
            tk.initial = not prev_abbrev or toks[i - 1].key.rstrip(".") not in _ABBREV
        elif text[j] == "," and i > 0 and toks[i - 1].text.lower() in _SPEECH_VERBS:
            tk.initial = True  # speech without quotes: "And he said, Cursed be Canaan"
    return tuple((t.text, t.start, t.end, t.key, t.initial) for t in toks)


def _is_stop(key: str) -> bool:
    """A capitalised word that is no name on its own, also with its abbreviation period ("Co.")."""
    return key in _STOP or key.rstrip(".") in _STOP


def _is_cap(t: EnTok) -> bool:
    """Capitalised as a name would be (not the pronoun I, not a shouted ordinary word)."""
    return t.text[:1].isupper() and not t.shout and t.key not in _PRONOUN_I


def _mark_shouting(toks: list[EnTok], lex: Lexicon) -> None:
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


def _headline(toks: list[EnTok], i0: int, i1: int, text: str) -> bool:
    """A title-case line ("Japan's Quiet Rearmament Tests an Old Alliance"): capitals mark no names.

    A sentence ending in . ! ? is prose unless every word is capitalised; a line without final
    punctuation is a headline when most words are.
    """
    words = [
        t
        for t in toks[i0:i1]
        if t.text[:1].isalpha()
        and t.key not in FORM_CONNECT
        and t.key not in ("a", "an", "to", "in", "on", "for", "at", "by", "with", "as", "or")
    ]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if _is_cap(t))
    tail = text[toks[i1 - 1].end : toks[i1].start if i1 < len(toks) else len(text)]
    if _END_PUNCT.search(tail):
        return caps == len(words) and len(words) >= 6
    return caps / len(words) >= 0.75


def _sentence_ranges(toks: list[EnTok]) -> list[tuple[int, int]]:
    starts = [i for i, t in enumerate(toks) if t.initial] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(toks)], strict=True)]


@functools.lru_cache(maxsize=16384)
def looks_romaji(word: str) -> bool:
    """Looks like romanised Japanese (Shigeru, Ishiba, Kenta): Chinese writes such names in kanji."""
    w = ascii_fold(word).lower()
    return bool(_ROMAJI.fullmatch(w))


def en_lookup(keys: list[str]) -> list[Entry]:
    return lexicon().en_index.get(" ".join(keys), [])


def en_candidates(text: str) -> list[Cand]:
    """Names in an English text: known names (gazetteer, CC-CEDICT), capitalised sequences, acronyms.

    Titles ("Defense Secretary", "Gen.", "Mr.") are cut off; a capitalised word at a sentence start or
    in a headline counts only when it is a known name.
    """
    lex = lexicon()
    toks = tokenize_en(text)
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


def _split_en_sequence(seq: list[EnTok], text: str, heads_flag: bool, lex: Lexicon) -> list[Cand]:
    """Cut a run of capitalised words into known names (longest first) and unknown pieces between
    titles: "Defense Secretary Pete Hegseth" → Pete Hegseth."""
    out: list[Cand] = []
    # drop sentence-initial ordinary words ("In Beijing", "Many …"), not the first word of a known
    # name ("South Korean President …", "New Zealand")
    while (
        seq
        and seq[0].initial
        and not (seq[0].key in GIVEN_NAMES and len(seq) > 1)  # "Tom Hardy joined …"
        and (
            _is_stop(seq[0].key)
            or (
                seq[0].key in lex.en_common
                and seq[0].key not in lex.en_name_tokens
                and not en_lookup([seq[0].key])
            )
        )
        and not any(en_lookup([t.key for t in seq[:n]]) for n in range(2, min(6, len(seq)) + 1))
    ):
        seq = seq[1:]
        while seq and seq[0].key in FORM_CONNECT:
            seq = seq[1:]
    k = 0
    piece: list[EnTok] = []

    def flush() -> None:
        while piece and piece[0].key in FORM_CONNECT:
            piece.pop(0)
        while piece and (piece[-1].key in FORM_CONNECT or piece[-1].key in _STOP):
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
        is_title = tk.key in TITLES or (tk.key.rstrip(".") in TITLES and tk.text.endswith("."))
        # "General Motors", "King's College": a title word that starts a known name is part of it
        if is_title and not (
            tk.key in ("general", "king", "prince", "queen") and en_lookup([t.key for t in seq[k : k + 3]])
        ):
            flush()
            k += 1
            continue
        # longest known name starting here
        best = 0
        for n in range(min(6, len(seq) - k), 0, -1):
            keys = [t.key for t in seq[k : k + n]]
            if keys[-1] in FORM_CONNECT:
                continue
            ents = en_lookup(keys)
            if ents and not (n == 1 and not tk.text.isupper() and tk.key in _STOP):
                # an all-caps form (US, WHO) must be all caps in the text too
                forms = [f for e in ents for f in e.en if name_key(f) == " ".join(keys)]
                surface = " ".join(t.text for t in seq[k : k + n])
                if (
                    any(f.isupper() or _DOTTED.fullmatch(f) for f in forms)
                    and not any(not f.isupper() for f in forms)
                    and not surface.isupper()
                    and not _DOTTED.fullmatch(surface)
                ):
                    continue
                if n == 1 and tk.initial and any(f[:1].islower() for f in forms):
                    continue
                best = n
                break
        if best == 1:
            nxt = seq[k + 1] if k + 1 < len(seq) else None
            name_next = nxt is not None and _is_cap(nxt) and nxt.key not in TITLES
            if all(e.origin == "cedict" for e in en_lookup([tk.key])) and (name_next or piece):
                best = 0  # a first name known on its own (Thomas) inside a longer name (Thomas Whitfield)
            elif (name_next and not en_lookup([nxt.key]) and not _ordinary(nxt.key, lex)) or (
                piece and not _ordinary(piece[-1].key, lex)
            ):
                best = 0  # a place that is also a personal name: Chad Bryant, Jimmy Wales
        if best:
            flush()
            sub = seq[k : k + best]
            surface = text[sub[0].start : sub[-1].end]
            ents = tuple(en_lookup([t.key for t in sub]))
            gaz = [e for e in ents if e.origin == "gazetteer"]
            key = name_key(surface)
            # the entry this form names outright first (Moscow: the city, not Russia by metonymy)
            gaz.sort(key=lambda e: _weak_form(e, key))
            use = tuple(gaz) or ents
            demonym = bool(gaz) and all(e.is_demonym(surface) for e in gaz)
            weak = bool(gaz) and all(_weak_form(e, key) for e in gaz)
            typ = use[0].coarse
            if demonym or weak:
                conf = 0.45
            elif typ == "org" and len(sub) == 1 and sub[0].key in lex.en_common:
                conf = 0.45  # Congress, Parliament, Apple: also ordinary words
            else:
                conf = known_confidence(use[0])
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
                    weak=weak,
                    ctype=typ,
                )
            )
            k += best
            continue
        piece.append(tk)
        k += 1
    flush()
    return out


def _weak_form(e: Entry, key: str) -> bool:
    """``key`` is one of the entry's weak forms, which only help recognise it (Moscow for Russia)."""
    return key in {name_key(w) for w in e.weak_en}


def _ordinary(key: str, lex: Lexicon) -> bool:
    """An ordinary English word (also in the plural), not a name."""
    if key in _STOP:
        return True
    if key in lex.en_name_tokens:
        return False
    return key in lex.en_common or (
        key.endswith("s") and (key[:-1] in lex.en_common or key[:-2] in lex.en_common)
    )


def _unknown_en_cand(piece: list[EnTok], text: str, heads_flag: bool, lex: Lexicon) -> Cand | None:
    """A capitalised piece that is no known name, with a confidence from how name-like it looks."""
    if heads_flag:
        return None
    surface = text[piece[0].start : piece[-1].end]
    words = [t for t in piece if t.key not in FORM_CONNECT]
    span = (piece[0].start, piece[-1].end)
    if len(words) == 1:
        t = words[0]
        if _is_stop(t.key) or _CLITIC.search(t.key):
            return None
        if _CAMEL.search(t.text):
            # CamelCase (WikiProject, TogiNet) or a mixed acronym (PoVs): often translated by meaning
            return Cand(surface, span, "unknown", 0.45, tokens=(t.text,))
        if t.text.isupper() or _DOTTED.fullmatch(t.text) or _PLURAL_ACRONYM.fullmatch(t.text):
            if t.text.upper() in NON_NAME_ACRONYMS or len(t.text.replace(".", "")) < 2:
                return None
            # translators often spell an unknown acronym out, so a missing one alone is not flagged
            return Cand(surface, span, "acronym", 0.45, tokens=(t.text,))
        if t.initial and t.key not in lex.en_name_tokens:
            return None
        if _ordinary(t.key, lex):
            return Cand(surface, span, "unknown", 0.3, tokens=(t.text,))
        conf = 0.4 if looks_romaji(t.text) else 0.55
        return Cand(surface, span, "unknown", conf, tokens=(t.text,))
    # a given name that is also a word (Bill Gates, Tom Cotton, Grace Meng) starts a person's name
    ordinary = [
        t for k, t in enumerate(words) if _ordinary(t.key, lex) and not (k == 0 and t.key in GIVEN_NAMES)
    ]
    if len(ordinary) == len(words):
        return Cand(surface, span, "unknown", 0.3, tokens=tuple(t.text for t in words))
    if all(looks_romaji(t.text) for t in words):
        conf = 0.4
    elif ordinary:
        conf = 0.55
    else:
        conf = 0.75
    return Cand(surface, span, "unknown", conf, tokens=tuple(t.text for t in words))
