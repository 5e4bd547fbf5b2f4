"""Content-addressed embedding cache in SQLite: one row per (model, sha256 of the text).

SQLite gives atomic writes and safe concurrent readers for free, and a single file the user can
delete. Vectors are stored as raw float32 bytes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from align.paths import cache_dir


def _key(model_id: str, text: str) -> bytes:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).digest()


class EmbeddingCache:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else cache_dir() / "embeddings.sqlite"
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS vec (k BLOB PRIMARY KEY, v BLOB NOT NULL)")

    def __bool__(self) -> bool:
        return True

    def get_many(self, model_id: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        texts = list(texts)
        keys = {_key(model_id, t): t for t in texts}
        out: dict[str, np.ndarray] = {}
        klist = list(keys)
        for i in range(0, len(klist), 500):
            chunk = klist[i : i + 500]
            q = f"SELECT k, v FROM vec WHERE k IN ({','.join('?' * len(chunk))})"
            for k, v in self._db.execute(q, chunk):
                out[keys[k]] = np.frombuffer(v, dtype=np.float32)
        return out

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        rows = [(_key(model_id, t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in items.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vec (k, v) VALUES (?, ?)", rows)
