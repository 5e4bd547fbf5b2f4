"""Exact-match lookup in a large, fixed set of strings without building a Python dict of it.

Why: the dictionaries a run consults (jieba's 600,000 words and prefixes with their frequencies and
part-of-speech tags, CC-CEDICT's 150,000 headwords) took 0.5-1.5 s each to unpickle or unmarshal,
while a document of a page looks up a few thousand of them. Here the keys are kept in sorted numpy
unicode arrays, one per string length (``U1``, ``U2`` …), stored in an ``.npz`` cache file
(``align.paths.arrays_cached``) that opens in milliseconds and is read one length at a time; a
lookup is a binary search (``searchsorted``), a few microseconds. Each key gets an id, its rank
among all keys, by which the caller's value arrays are indexed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any

import numpy as np


class UnpackableKeys(ValueError):
    """A key the arrays cannot hold exactly (empty, or with a NUL, which numpy strips)."""


def pack_keys(keys: Iterable[str], prefix: str = "k") -> tuple[dict[str, np.ndarray], list[str]]:
    """Arrays for :class:`StringTable` and the keys in id order (to order the caller's values by).

    Raises :class:`UnpackableKeys` for an empty key or one holding a NUL character.
    """
    by_len: dict[int, list[str]] = {}
    for k in keys:
        if not k or "\x00" in k:
            raise UnpackableKeys(repr(k))
        by_len.setdefault(len(k), []).append(k)
    lengths = sorted(by_len)
    arrays: dict[str, np.ndarray] = {}
    order: list[str] = []
    bases = []
    for n in lengths:
        group = sorted(set(by_len[n]))
        bases.append(len(order))
        arrays[f"{prefix}{n}"] = np.array(group, dtype=f"<U{n}")
        order.extend(group)
    arrays[f"{prefix}_lengths"] = np.array(lengths, dtype=np.int64)
    arrays[f"{prefix}_bases"] = np.array(bases, dtype=np.int64)
    arrays[f"{prefix}_count"] = np.array([len(order)], dtype=np.int64)
    return arrays, order


class StringTable:
    """The ids of a fixed set of strings (see :func:`pack_keys`), read lazily from ``arrays``.

    ``arrays`` may be an open ``.npz`` (each length's array is read when first needed) or a dict.
    """

    def __init__(self, arrays: Mapping[str, Any], prefix: str = "k") -> None:
        self._arrays = arrays
        self._prefix = prefix
        lengths = np.asarray(arrays[f"{prefix}_lengths"]).tolist()
        bases = np.asarray(arrays[f"{prefix}_bases"]).tolist()
        self._base: dict[int, int] = dict(zip(lengths, bases, strict=True))
        self._count = int(np.asarray(arrays[f"{prefix}_count"])[0])
        self._buckets: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return self._count

    @property
    def max_len(self) -> int:
        return max(self._base, default=0)

    def _bucket(self, n: int) -> np.ndarray:
        arr = self._buckets.get(n)
        if arr is None:
            arr = self._buckets[n] = np.asarray(self._arrays[f"{self._prefix}{n}"])
        return arr

    def find(self, key: str) -> int:
        """The id of ``key``, or -1 when it is not in the table."""
        base = self._base.get(len(key))
        if base is None:
            return -1
        arr = self._bucket(len(key))
        i = int(arr.searchsorted(key))
        if i < len(arr) and arr[i] == key:
            return base + i
        return -1

    def keys(self) -> Iterator[str]:
        """Every key, in id order."""
        for n in sorted(self._base):
            yield from self._bucket(n).tolist()


_ABSENT = object()


class LazyMapping(Mapping[str, Any]):
    """A read-only mapping over a :class:`StringTable`: ``value(id)`` gives a key's value.

    ``memo``: keep every key looked up with its value (the same object each time, as a dict gives
    it), for a caller that looks the same keys up over and over.
    """

    def __init__(self, table: StringTable, value: Any, *, memo: bool = False) -> None:
        self._table = table
        self._value = value
        self._memo: dict[str, Any] | None = {} if memo else None

    def _get(self, key: object) -> Any:
        if not isinstance(key, str):
            return _ABSENT
        if self._memo is None:
            i = self._table.find(key)
            return _ABSENT if i < 0 else self._value(i)
        v = self._memo.get(key, self)
        if v is self:  # not looked up yet
            i = self._table.find(key)
            v = self._memo[key] = _ABSENT if i < 0 else self._value(i)
        return v

    def __getitem__(self, key: str) -> Any:
        v = self._get(key)
        if v is _ABSENT:
            raise KeyError(key)
        return v

    def get(self, key: str, default: Any = None) -> Any:
        v = self._get(key)
        return default if v is _ABSENT else v

    def __contains__(self, key: object) -> bool:
        return self._get(key) is not _ABSENT

    def __iter__(self) -> Iterator[str]:
        return self._table.keys()

    def __len__(self) -> int:
        return len(self._table)


class LazySet(Set[str]):
    """A read-only set of strings over a :class:`StringTable` (membership is a binary search,
    remembered per key with ``memo``: the lookups of a :class:`LazyMapping` whose values are True)."""

    def __init__(self, table: StringTable, *, memo: bool = False) -> None:
        self._table = table
        self._lookup = LazyMapping(table, lambda _i: True, memo=memo)

    def __contains__(self, key: object) -> bool:
        return key in self._lookup

    def __iter__(self) -> Iterator[str]:
        return self._table.keys()

    def __len__(self) -> int:
        return len(self._table)
