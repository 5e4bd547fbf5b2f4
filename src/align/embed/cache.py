"""Content-addressed embedding cache in SQLite: one row per (model, sha256 of the text).

SQLite gives atomic writes and safe concurrent readers for free, and a single file the user can
delete. Vectors are stored as raw float32 bytes.

The cache is an optimisation, never a point of failure:

* a corrupt database (overwritten with junk, damaged pages) is moved aside as
  ``embeddings.sqlite.corrupt-<timestamp>`` with a one-line warning, and a fresh one is built;
* a cache that cannot be opened or written (read-only folder or filesystem, ``$ALIGN_CACHE``
  naming a file) costs one warning, and the run goes on with an in-memory cache;
* concurrent runs sharing one cache are safe: WAL journal, and a busy timeout so that a writer
  waits for another instead of failing;
* a process forked from one that had the cache open (``align batch`` workers) opens its own
  connection: SQLite connections must not cross a fork. The inherited one is kept referenced and
  never closed in the child, since closing the last WAL connection would checkpoint and delete the
  write-ahead log the parent still uses.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import numpy as np

from align.paths import usable_cache_dir, warn

R = TypeVar("R")
MEMORY = ":memory:"
BUSY_TIMEOUT_S = 60
# SQLite's primary result codes for a damaged file (sqlite3 raises DatabaseError for both).
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_INHERITED: list[sqlite3.Connection] = []  # connections of a parent process: never used, never closed


def _key(model_id: str, text: str) -> bytes:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).digest()


def _is_corrupt(e: sqlite3.Error) -> bool:
    code = getattr(e, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    return type(e) is sqlite3.DatabaseError


class EmbeddingCache:
    def __init__(self, path: str | Path | None = None) -> None:
        if path:
            self.path: Path | None = Path(path)
        else:
            root = usable_cache_dir()  # warns once when unusable
            self.path = root / "embeddings.sqlite" if root is not None else None
        self._pid = os.getpid()
        self._db = self._open()

    def __bool__(self) -> bool:
        return True

    @property
    def in_memory(self) -> bool:
        return self.path is None

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._memory()
        try:
            return self._connect(self.path)
        except sqlite3.Error as e:
            if _is_corrupt(e):
                return self._rebuild(e)
            return self._fallback(e)

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        # Two runs opening a new database at once race to switch it to WAL; SQLite answers the
        # loser "database is locked" at once, without waiting for the busy timeout: so try again.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
            try:
                db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS vec (k BLOB PRIMARY KEY, v BLOB NOT NULL)")
                db.execute("SELECT k FROM vec LIMIT 1").fetchall()
                return db
            except sqlite3.OperationalError as e:
                db.close()
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
            except BaseException:
                db.close()
                raise

    def _memory(self) -> sqlite3.Connection:
        self.path = None
        db = sqlite3.connect(MEMORY)
        db.execute("CREATE TABLE IF NOT EXISTS vec (k BLOB PRIMARY KEY, v BLOB NOT NULL)")
        return db

    def _fallback(self, e: BaseException) -> sqlite3.Connection:
        """Any other failure to open or write the database: go on with an in-memory cache."""
        warn(f"embedding cache {self.path} is not usable ({e}); running without the disk cache")
        return self._memory()

    def _rebuild(self, e: BaseException) -> sqlite3.Connection:
        """Move a corrupt database aside (with its WAL files) and start a fresh one."""
        assert self.path is not None
        path = self.path
        with contextlib.suppress(Exception):
            self._db.close()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            if path.exists():
                path.replace(aside)
            for suffix in ("-wal", "-shm"):
                side = path.with_name(path.name + suffix)
                if side.exists():
                    side.replace(aside.with_name(aside.name + suffix))
        except OSError as err:
            return self._fallback(err)
        warn(f"embedding cache {path} was corrupt ({e}); moved it aside as {aside.name}, starting a new one")
        try:
            return self._connect(path)
        except sqlite3.Error as err:
            return self._fallback(err)

    def _guard(self, op: Callable[[], R], default: Callable[[], R]) -> R:
        """Run ``op`` on the database; a corrupt one is rebuilt, an unusable one replaced in memory."""
        if os.getpid() != self._pid:  # a forked child: its own connection (see the module notes)
            _INHERITED.append(self._db)
            self._pid = os.getpid()
            self._db = self._open() if self.path is not None else self._memory()
        for _ in range(2):
            try:
                return op()
            except sqlite3.Error as e:
                if self.path is None:
                    raise  # the in-memory database failing is a real error
                self._db = self._rebuild(e) if _is_corrupt(e) else self._fallback(e)
        return default()

    def get_many(self, model_id: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
        texts = list(texts)
        keys = {_key(model_id, t): t for t in texts}
        klist = list(keys)

        def read() -> dict[str, np.ndarray]:
            out: dict[str, np.ndarray] = {}
            for i in range(0, len(klist), 500):
                chunk = klist[i : i + 500]
                q = f"SELECT k, v FROM vec WHERE k IN ({','.join('?' * len(chunk))})"
                for k, v in self._db.execute(q, chunk):
                    out[keys[k]] = np.frombuffer(v, dtype=np.float32)
            return out

        return self._guard(read, dict)

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        rows = [(_key(model_id, t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in items.items()]

        def write() -> None:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vec (k, v) VALUES (?, ?)", rows)

        self._guard(write, lambda: None)
