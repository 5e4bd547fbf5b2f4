"""Dictionary vectors: a sentence as a hashed bag of English lemmas, via CC-CEDICT for Chinese.

Sentence embeddings blur names, numbers and rare words; a bilingual dictionary does not (the idea
of hunalign). Each Chinese word contributes the English lemmas its CC-CEDICT senses give (weight
1/number of lemmas), each English content word its own lemma; both are hashed into the same
``DIM``-dimensional space, so the cosine of two such vectors measures dictionary overlap, and the
vector of several sentences is simply the sum of theirs. On MAC-Dev, mixing these into the
alignment vectors at ``lexical_weight`` 0.6 raised strict F1 from 0.884 to 0.894.

Numbers go into the same bag, normalised by the number check's extractors (``41%`` and ``41
percent`` are one token, ``5.4万`` and ``54,000`` another): sentence embeddings barely see them, yet
a figure is the surest sign of which sentence renders which. Without them, a translation that
dropped a clause let "另有41%的选民表示反对" slide into the next bead, and the number check then
reported 41 % twice.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.text.cedict import glosses
from align.text.en import STOPWORDS, en_tokens
from align.text.numbers.extract import extract_numbers
from align.text.zh import zh_words

DIM = 256  # 4,096 and 1,024 gave the same F1 (RESULTS.md) with 4x and 1.7x the Bible's peak memory
# weight of one number token against one English lemma (measured: benchmarks/RESULTS.md)
NUMBER_WEIGHT = 2.0


@functools.lru_cache(maxsize=65536)
def _slot(lemma: str) -> int:
    return zlib.crc32(lemma.encode("utf-8")) % DIM


def number_keys(text: str, lang: str) -> list[str]:
    """The text's numbers, read by the number check's extractor, as language-neutral tokens
    (``#0.41`` for 41 %). Left out: small spelled-out numbers and weak readings (一个 is often just
    "a"), and figures with more than one reading (a bare 9点 is 9 or 21)."""
    if lang not in ("en", "zh"):
        return []
    return [
        f"#{q.norm:.6g}"
        for q in extract_numbers(text, lang)
        if not q.weak and not q.alts and not (q.word and q.value < 10)
    ]


def lexical_vectors(
    texts: Sequence[str],
    lang: str,
    number_weight: float | None = None,
    numbers: Sequence[Sequence[str]] | None = None,
) -> np.ndarray:
    """Unnormalised bag-of-lemma vectors, one row per text (sum rows to get a window's vector).

    ``number_weight`` defaults to ``NUMBER_WEIGHT``; ``numbers`` are the texts' ``number_keys`` when
    the caller already has them (the pipeline reads them once for these vectors and the bead bonus).
    """
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    number_weight = NUMBER_WEIGHT if number_weight is None else number_weight
    if number_weight > 0:
        if numbers is None:
            numbers = [number_keys(text, lang) for text in texts]
        for r, keys in enumerate(numbers):
            for key in keys:
                out[r, _slot(key)] += number_weight
    if lang == "zh":
        for r, text in enumerate(texts):
            row = out[r]
            for w, _, _ in zh_words(text):
                slots, share = _zh_word_slots(w)
                for k in slots:
                    row[k] += share
    else:
        for r, text in enumerate(texts):
            row = out[r]
            for t in en_tokens(text):
                if t.lemma not in STOPWORDS:
                    row[_slot(t.lemma)] += 1.0
    return out


@functools.lru_cache(maxsize=65536)
def _zh_word_slots(word: str) -> tuple[tuple[int, ...], float]:
    """The slots of a Chinese word's one-word CC-CEDICT lemmas, and the share each gets (1 / their
    number); memoised, as a book repeats its words."""
    lemmas = [g for g in glosses(word, strict=True) if " " not in g and g not in STOPWORDS]
    return tuple(_slot(g) for g in lemmas), (1.0 / len(lemmas) if lemmas else 0.0)


@dataclass(frozen=True)
class SparseRows:
    """Dictionary vectors kept sparse: a sentence touches a dozen of the ``DIM`` slots, so the dense
    matrix is ~95 % zeros (230 MB at 100,000 sentences a side, 10 MB this way). Rows read back
    (``rows[idx]``) are dense float32 with exactly the values of the dense matrix, so window sums
    made from them are the same numbers."""

    indptr: np.ndarray  # (n + 1,) int64: row r's entries are indptr[r] .. indptr[r + 1]
    indices: np.ndarray  # column of each entry
    data: np.ndarray  # float32 value of each entry

    @classmethod
    def from_dense(cls, dense: np.ndarray) -> SparseRows:
        rows, cols = np.nonzero(dense)
        indptr = np.zeros(dense.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=dense.shape[0]), out=indptr[1:])
        return cls(indptr, cols.astype(np.int16), dense[rows, cols])

    @property
    def shape(self) -> tuple[int, int]:
        return (self.indptr.shape[0] - 1, DIM)

    def __getitem__(self, idx: np.ndarray) -> np.ndarray:
        """Dense rows for an array of row numbers."""
        idx = np.asarray(idx, dtype=np.int64)
        starts, ends = self.indptr[idx], self.indptr[idx + 1]
        counts = ends - starts
        out = np.zeros((idx.shape[0], DIM), dtype=np.float32)
        if counts.sum():
            which = np.repeat(np.arange(idx.shape[0]), counts)
            # the entries of each asked row: its start plus 0 .. count - 1
            at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
            out[which, self.indices[at]] = self.data[at]
        return out


def unit(v: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (empty rows stay zero)."""
    return v / np.maximum(np.linalg.norm(v, axis=-1, keepdims=True), 1e-9)


def mix(semantic: np.ndarray, lexical: np.ndarray, weight: float) -> np.ndarray:
    """Unit vectors whose cosine is ``(cos_semantic + weight * cos_lexical) / (1 + weight)``.

    Written into one preallocated array: the obvious concatenate-then-divide held three extra
    copies at once (1.4 GB of temporaries at 100,000 sentences a side).
    """
    n, ds = semantic.shape
    out = np.empty((n, ds + lexical.shape[-1]), dtype=np.float32)
    scale = 1.0 / np.sqrt(1.0 + weight)
    np.multiply(semantic, scale, out=out[:, :ds])
    norms = np.sqrt(np.einsum("ij,ij->i", lexical, lexical))
    lex = out[:, ds:]
    np.divide(lexical, np.maximum(norms, 1e-9)[:, None], out=lex)
    lex *= np.sqrt(weight) * scale
    return out
