"""A lexical translation table learned from human translations: p(zh|en) and p(en|zh).

Why this exists: CC-CEDICT says which English words a Chinese word *can* mean, but it does not say
which rendering translators actually choose, how likely it is, or which words are linked in a given
sentence pair. The table shipped in ``align/data/ttable.tsv.gz`` (built by
``scripts/build_ttable.py`` from eflomal word alignments of ~52k human-translated sentence pairs,
see ``align/data/ttable.md``) gives both directions, so a check can ask "is 制裁 a usual translation
of *sanction*?" or "which Chinese word in this sentence renders *tariff*?".

Keys are what the project's tokenisers produce: English lower-cased lemmas (``EnToken.lemma``) and
jieba words in Simplified Chinese. Lookups accept inflected English too (a small suffix fallback
guided by the table's own vocabulary), so this module needs nothing from the package beyond the
data-file locator and stays cheap to import: the file is read once per process, on first use.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

import numpy as np

from align.paths import arrays_cached
from align.text.datafiles import data_path

__all__ = ["TranslationTable", "link", "load_table", "TABLE_PATH"]

Side = Literal["en", "zh"]

TABLE_PATH = data_path("ttable.tsv.gz")
_HEADER = ("en", "zh", "p_zh_en", "p_en_zh", "count")


class TranslationTable:
    """Both conditional distributions of a word-pair table, with per-word translation lists.

    Rows are held as numpy arrays (word ids, two probabilities, link count); a dict maps each
    (en id, zh id) pair to its row so :func:`link` can fill a sentence-pair matrix quickly.
    """

    def __init__(
        self,
        en: Sequence[str],
        zh: Sequence[str],
        p_zh_en: Sequence[float],
        p_en_zh: Sequence[float],
        count: Sequence[int],
        comments: Sequence[str] = (),
    ) -> None:
        self.comments: tuple[str, ...] = tuple(comments)
        self.en_vocab: dict[str, int] = {}
        self.zh_vocab: dict[str, int] = {}
        en_ids = np.fromiter((self.en_vocab.setdefault(w, len(self.en_vocab)) for w in en), np.int32)
        zh_ids = np.fromiter((self.zh_vocab.setdefault(w, len(self.zh_vocab)) for w in zh), np.int32)
        self.en_words: list[str] = list(self.en_vocab)
        self.zh_words: list[str] = list(self.zh_vocab)
        self.en_ids = en_ids
        self.zh_ids = zh_ids
        self.p_zh_en = np.asarray(p_zh_en, dtype=np.float64)
        self.p_en_zh = np.asarray(p_en_zh, dtype=np.float64)
        self.count = np.asarray(count, dtype=np.int32)
        # per-word row lists, best first (ties by count, then word, so the order is stable)
        self._by_en = self._group(en_ids, self.p_zh_en, len(self.en_vocab), zh_ids, self.zh_words)
        self._by_zh = self._group(zh_ids, self.p_en_zh, len(self.zh_vocab), en_ids, self.en_words)
        # en id → {zh id: row}: the lookup link() makes per word pair
        self._pairs: list[dict[int, int]] = [{} for _ in self.en_words]
        for r, (e, z) in enumerate(zip(en_ids.tolist(), zh_ids.tolist(), strict=True)):
            self._pairs[e][z] = r

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Everything the table is made of, as arrays (for :meth:`from_arrays`)."""
        return {
            "comments": np.array(self.comments, dtype=str),
            "en_words": np.array(self.en_words, dtype=str),
            "zh_words": np.array(self.zh_words, dtype=str),
            "en_ids": self.en_ids,
            "zh_ids": self.zh_ids,
            "p_zh_en": self.p_zh_en,
            "p_en_zh": self.p_en_zh,
            "count": self.count,
            **_flat_groups("by_en", self._by_en),
            **_flat_groups("by_zh", self._by_zh),
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> TranslationTable:
        """The table :meth:`to_arrays` described, without re-reading the file or sorting again."""
        t = cls.__new__(cls)
        t.comments = tuple(np.asarray(arrays["comments"]).tolist())
        t.en_words = np.asarray(arrays["en_words"]).tolist()
        t.zh_words = np.asarray(arrays["zh_words"]).tolist()
        t.en_vocab = {w: i for i, w in enumerate(t.en_words)}
        t.zh_vocab = {w: i for i, w in enumerate(t.zh_words)}
        t.en_ids = np.asarray(arrays["en_ids"])
        t.zh_ids = np.asarray(arrays["zh_ids"])
        t.p_zh_en = np.asarray(arrays["p_zh_en"])
        t.p_en_zh = np.asarray(arrays["p_en_zh"])
        t.count = np.asarray(arrays["count"])
        t._by_en = _unflat_groups("by_en", arrays)
        t._by_zh = _unflat_groups("by_zh", arrays)
        t._pairs = [{} for _ in t.en_words]
        for r, (e, z) in enumerate(zip(t.en_ids.tolist(), t.zh_ids.tolist(), strict=True)):
            t._pairs[e][z] = r
        return t

    def _group(
        self, key: np.ndarray, p: np.ndarray, n: int, other: np.ndarray, other_words: list[str]
    ) -> list[np.ndarray]:
        names = np.array(other_words, dtype=object)[other] if len(other) else np.array([], dtype=object)
        order = np.lexsort((names, -self.count, -p, key)) if len(key) else np.array([], dtype=np.int64)
        bounds = np.searchsorted(key[order], np.arange(n + 1))
        return [order[bounds[k] : bounds[k + 1]] for k in range(n)]

    # ----------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.count)

    def _en_id(self, word: str) -> int | None:
        """Id of an English word: as given, lower-cased, then common suffixes stripped (table-guided)."""
        v = self.en_vocab
        w = word.lower()
        if w in v:
            return v[w]
        for cand in _en_bases(w):
            if cand in v:
                return v[cand]
        return None

    def _zh_id(self, word: str) -> int | None:
        return self.zh_vocab.get(word)

    def known(self, word: str, side: Side) -> bool:
        """Whether the table has any translation for ``word`` (an English word or a Chinese word)."""
        return (self._en_id(word) if side == "en" else self._zh_id(word)) is not None

    def translations(self, word: str, side: Side, top: int = 10) -> list[tuple[str, float]]:
        """The ``top`` likeliest translations of ``word``, best first.

        ``side`` is the language of ``word``: for ``"en"`` the list is Chinese words with
        p(zh|en), for ``"zh"`` English lemmas with p(en|zh). Unknown words give ``[]``.
        """
        if side == "en":
            i = self._en_id(word)
            if i is None:
                return []
            rows = self._by_en[i][:top]
            return [
                (self.zh_words[z], float(p))
                for z, p in zip(self.zh_ids[rows], self.p_zh_en[rows], strict=True)
            ]
        if side != "zh":
            raise ValueError(f"side must be 'en' or 'zh', not {side!r}")
        j = self._zh_id(word)
        if j is None:
            return []
        rows = self._by_zh[j][:top]
        return [
            (self.en_words[e], float(p)) for e, p in zip(self.en_ids[rows], self.p_en_zh[rows], strict=True)
        ]

    def prob(self, en: str, zh: str) -> tuple[float, float]:
        """(p(zh|en), p(en|zh)) for one word pair; (0.0, 0.0) when the table does not pair them."""
        i = self._en_id(en)
        j = self._zh_id(zh)
        if i is None or j is None:
            return 0.0, 0.0
        r = self._pairs[i].get(j)
        if r is None:
            return 0.0, 0.0
        return float(self.p_zh_en[r]), float(self.p_en_zh[r])

    def matrices(self, en_words: Sequence[str], zh_words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """p(zh_j|en_i) and p(en_i|zh_j) for every word pair of a sentence pair, shape (len(en), len(zh)).

        A word written identically on both sides (a Latin name or acronym in the Chinese text,
        a figure) counts as a sure translation of itself.
        """
        m, n = len(en_words), len(zh_words)
        fwd = np.zeros((m, n), dtype=np.float32)
        rev = np.zeros((m, n), dtype=np.float32)
        zids = [self._zh_id(z) for z in zh_words]
        zlow = [z.lower() for z in zh_words]
        for i, w in enumerate(en_words):
            e = self._en_id(w)
            if e is not None:
                pairs = self._pairs[e]
                for j, z in enumerate(zids):
                    if z is not None:
                        r = pairs.get(z)
                        if r is not None:
                            fwd[i, j] = self.p_zh_en[r]
                            rev[i, j] = self.p_en_zh[r]
            wl = w.lower()
            for j, z in enumerate(zlow):
                if z == wl and any(c.isalnum() for c in wl):
                    fwd[i, j] = rev[i, j] = 1.0
        return fwd, rev


def _flat_groups(name: str, groups: list[np.ndarray]) -> dict[str, np.ndarray]:
    rows = np.concatenate(groups) if groups else np.zeros(0, dtype=np.int64)
    bounds = np.zeros(len(groups) + 1, dtype=np.int64)
    np.cumsum([len(g) for g in groups], out=bounds[1:])
    return {f"{name}_rows": rows.astype(np.int64), f"{name}_bounds": bounds}


def _unflat_groups(name: str, arrays: Mapping[str, np.ndarray]) -> list[np.ndarray]:
    rows = np.asarray(arrays[f"{name}_rows"])
    bounds = np.asarray(arrays[f"{name}_bounds"]).tolist()
    return [rows[bounds[k] : bounds[k + 1]] for k in range(len(bounds) - 1)]


def _en_bases(w: str) -> list[str]:
    """Candidate lemmas of an inflected English word, most likely first (checked against the table)."""
    out: list[str] = []
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
        out.append(w)
    n = len(w)
    if n > 4 and w.endswith("ies"):
        out.append(w[:-3] + "y")
    if n > 3 and w.endswith("es"):
        out += [w[:-1], w[:-2]]
    elif n > 3 and w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if n > 4 and w.endswith("ied"):
        out.append(w[:-3] + "y")
    if n > 4 and w.endswith("ed"):
        out += [w[:-1], w[:-2]]
        if w[-3] == w[-4]:
            out.append(w[:-3])
    if n > 5 and w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
        if w[-4] == w[-5]:
            out.append(w[:-4])
    if n > 5 and w.endswith("ly"):
        out.append(w[:-2])
    return out


# --------------------------------------------------------------------------------------------------
# Word links inside one sentence pair
# --------------------------------------------------------------------------------------------------

# Probability mass of the empty word in each directional posterior: a word whose best table
# probability is far below it stays unlinked (function words, words the table lacks).
NULL_P = 0.05
# A pair enters the alignment when it is the best in both directions and its symmetric score
# (geometric mean of the two posteriors) reaches LINK_MIN; a neighbour of a link joins when its
# score reaches GROW_MIN and one of its two words is still unlinked.
LINK_MIN = 0.1
GROW_MIN = 0.05
# Mild preference for pairs near the diagonal, only to choose among repeated words.
DIAG_WEIGHT = 0.1

_NEIGHBOURS = ((-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))


def link(
    table: TranslationTable, en_words: Sequence[str], zh_words: Sequence[str]
) -> list[tuple[int, int, float]]:
    """Word links of one sentence pair from the table: ``(en index, zh index, score)``, sorted.

    Each direction's posterior is the table probability normalised over the other sentence's words
    plus a NULL word (``NULL_P``), so a word only links where the sentence offers it a likely
    rendering; the symmetric score is the geometric mean of both posteriors. Links are the pairs
    that are each other's best choice (intersection) with score >= ``LINK_MIN``, grown to adjacent
    pairs (grow-diag) with score >= ``GROW_MIN`` that cover a still-unlinked word, which picks up
    one-to-many renderings (通货 膨胀 for *inflation*). Scores are in [0, 1]. Words unknown to the
    table (and unrelated word pairs) get no link.

    ``en_words`` are English words (lemmas preferred, inflected forms accepted); ``zh_words`` are
    jieba words in Simplified Chinese. Punctuation may be passed and is simply never linked.
    """
    m, n = len(en_words), len(zh_words)
    if not m or not n:
        return []
    fwd, rev = table.matrices(en_words, zh_words)
    if not fwd.any():
        return []
    # diagonal prior: a factor in [1 - DIAG_WEIGHT, 1]
    pos_e = (np.arange(m, dtype=np.float32) + 0.5) / m
    pos_z = (np.arange(n, dtype=np.float32) + 0.5) / n
    diag = 1.0 - DIAG_WEIGHT * np.abs(pos_e[:, None] - pos_z[None, :])
    fwd = fwd * diag
    rev = rev * diag
    # zh_j picks an English word: p(zh_j | en_i) normalised over i; en_i picks a Chinese word likewise
    post_f = fwd / (fwd.sum(axis=0, keepdims=True) + NULL_P)
    post_r = rev / (rev.sum(axis=1, keepdims=True) + NULL_P)
    score = np.sqrt(post_f * post_r)

    best_i = score.argmax(axis=0)  # per zh word
    best_j = score.argmax(axis=1)  # per en word
    linked: set[tuple[int, int]] = set()
    for i in range(m):
        j = int(best_j[i])
        if best_i[j] == i and score[i, j] >= LINK_MIN:
            linked.add((i, j))
    if not linked:
        return []
    en_done = {i for i, _ in linked}
    zh_done = {j for _, j in linked}
    grown = True
    while grown:
        grown = False
        for i, j in sorted(linked):
            for di, dj in _NEIGHBOURS:
                a, b = i + di, j + dj
                if (
                    0 <= a < m
                    and 0 <= b < n
                    and (a, b) not in linked
                    and (a not in en_done or b not in zh_done)
                    and score[a, b] >= GROW_MIN
                ):
                    linked.add((a, b))
                    en_done.add(a)
                    zh_done.add(b)
                    grown = True
    return [(i, j, round(float(score[i, j]), 4)) for i, j in sorted(linked)]


# --------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------


def read_table(path: Path) -> TranslationTable:
    """Read a table file (``.tsv`` or ``.tsv.gz``): ``#`` comment lines, a header, then rows."""
    opener = gzip.open if path.suffix == ".gz" else open
    comments: list[str] = []
    en: list[str] = []
    zh: list[str] = []
    p1: list[float] = []
    p2: list[float] = []
    cnt: list[int] = []
    with opener(path, "rt", encoding="utf-8") as f:
        header_seen = False
        for line in f:
            line = line.rstrip("\n")
            if not header_seen:
                if line.startswith("#"):
                    comments.append(line[1:].strip())
                    continue
                if tuple(line.split("\t")) != _HEADER:
                    raise ValueError(f"{path}: unexpected header {line!r}")
                header_seen = True
                continue
            e, z, a, b, c = line.split("\t")
            en.append(e)
            zh.append(z)
            p1.append(float(a))
            p2.append(float(b))
            cnt.append(int(c))
    return TranslationTable(en, zh, p1, p2, cnt, comments)


@functools.lru_cache(maxsize=1)
def load_table() -> TranslationTable:
    """The shipped table, read once per process: from its arrays in the cache folder (a few ms)
    when they are there, else from the file (about 0.4 s), caching the arrays for the next run."""
    path = TABLE_PATH if TABLE_PATH.exists() else TABLE_PATH.with_suffix("")
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
    built: list[TranslationTable] = []

    def build() -> dict[str, np.ndarray]:
        built.append(read_table(path))
        return built[0].to_arrays()

    arrays = arrays_cached(f"ttable-{digest}-v1", "ttable-*.npz", build)
    return built[0] if built else TranslationTable.from_arrays(arrays)
