"""Where the project keeps its caches and finds its bundled files.

The caches are an optimisation, never a point of failure: an unusable cache folder (read-only,
on a read-only filesystem, ``$ALIGN_CACHE`` naming a file) costs one warning and the run goes on
without a disk cache (a private temporary folder, removed at exit, stands in for it).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import pickle
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


def configured_cache_dir() -> Path:
    """``$ALIGN_CACHE`` or ``$XDG_CACHE_HOME/align`` (``~/.cache/align``); never /tmp, which is shared."""
    env = os.environ.get("ALIGN_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "align"


def warn(message: str) -> None:
    """One line on stderr, once per message per process (the caches warn from several places)."""
    if message in _WARNED:
        return
    _WARNED.add(message)
    print(f"warning: {message}", file=sys.stderr, flush=True)


_WARNED: set[str] = set()


def probe_writable(folder: Path) -> str | None:
    """None when a file can be created in (and removed from) ``folder``; else the reason."""
    try:
        fd, name = tempfile.mkstemp(prefix=".align-probe-", dir=folder)
    except OSError as e:
        return e.strerror or str(e)
    os.close(fd)
    try:
        os.unlink(name)
    except OSError as e:
        return e.strerror or str(e)
    return None


@functools.cache
def _usable(root: Path) -> bool:
    try:
        if root.exists() and not root.is_dir():
            raise NotADirectoryError(0, "exists and is not a folder")
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        reason = e.strerror or str(e)
    else:
        reason = probe_writable(root)
    if reason is None:
        return True
    warn(f"cache folder {root} is not usable ({reason}); running without the disk cache")
    return False


def usable_cache_dir() -> Path | None:
    """The configured cache folder, created if needed; None (after one warning) when unusable."""
    root = configured_cache_dir()
    return root if _usable(root) else None


def cache_dir() -> Path:
    """The on-disk cache root: ``$ALIGN_CACHE`` or ``~/.cache/align`` (never /tmp, which is shared).

    jieba's dictionary cache and the embedding cache both live here so one variable moves them.
    Never raises: where that folder cannot be used, a private temporary folder (removed at exit)
    stands in, so nothing persists but everything works.
    """
    root = usable_cache_dir()
    return root if root is not None else _scratch_dir()


@functools.cache
def _scratch_dir() -> Path:
    try:
        d = Path(tempfile.mkdtemp(prefix="align-cache-"))
    except OSError:  # no writable temp folder either: callers cope with failed writes
        return configured_cache_dir()
    atexit.register(shutil.rmtree, d, ignore_errors=True)
    return d


def log_dir() -> Path:
    """Where a crash log goes: the cache folder, or the temp folder when that is unusable."""
    root = configured_cache_dir()
    with contextlib.suppress(OSError):
        root.mkdir(parents=True, exist_ok=True)
        if root.is_dir() and probe_writable(root) is None:
            return root
    return Path(tempfile.gettempdir())


def demo_dir() -> Path:
    """The bundled demo pair (shipped inside the package)."""
    return Path(__file__).parent / "demo"


def pickle_cached(name: str, stale_glob: str, kind: type[T], build: Callable[[], T]) -> T:
    """``build()``'s result, kept as ``cache_dir()/name.pkl`` between runs.

    Used for data that is slow to build and fully determined by ``name`` (which must therefore
    include a version or digest of everything that goes into it). Older files matching
    ``stale_glob`` are removed once a new one is written. A corrupt pickle is rebuilt, a read-only
    or unusable cache only costs speed: neither is an error for the user. Where the package ships
    the file prebuilt (:func:`prebuilt`), a missing cache file is copied from it instead of built.
    """
    root = usable_cache_dir()
    path = None if root is None else root / f"{name}.pkl"
    try:
        if path is not None and path.is_file():
            with path.open("rb") as fh:
                value = pickle.load(fh)
            if isinstance(value, kind):
                return value
    except Exception as exc:  # a corrupt or foreign pickle, an unreadable file: rebuild rather than fail
        log.warning("ignoring unreadable cache %s: %s", path, exc)
    shipped = prebuilt(f"{name}.pkl")
    if shipped is not None:
        try:
            value = pickle.loads(shipped)
        except Exception as exc:  # noqa: BLE001 - a shipped file that no longer unpickles: build instead
            log.warning("ignoring prebuilt %s: %s", name, exc)
        else:
            if isinstance(value, kind):
                if path is not None:
                    _store(path, stale_glob, lambda fh: fh.write(shipped))
                return value
    value = build()
    if path is not None:
        _store(path, stale_glob, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _store(path: Path, stale_glob: str, write: Callable[[Any], Any]) -> bool:
    """Write a cache file atomically (``write`` fills an open binary file), then remove the stale
    files matching ``stale_glob``; False (after a logged warning) when it cannot be written."""
    tmp = path.with_suffix(f".tmp{os.getpid()}")  # not matching ``stale_glob``: another run's is safe
    try:
        with tmp.open("wb") as fh:
            write(fh)
        tmp.replace(path)
        for old in path.parent.glob(stale_glob):
            if old != path:  # an earlier build nobody will read again
                old.unlink(missing_ok=True)
    except OSError as exc:  # read-only cache: still works, just slower next time
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("could not write cache %s: %s", path, exc)
        return False
    return True


class LazyArrays(Mapping):
    """An ``.npz`` file opened lazily (each array read when asked for) that survives a fork.

    numpy's ``NpzFile`` keeps its file open; a process forked from one that opened it (the workers
    of ``align batch -j N``) shares that file's offset with its parent and its siblings, so their
    reads interleave and arrays come back corrupt (``BadZipFile: Bad CRC-32``). Each process here
    opens the file for itself, on first use after the fork.
    """

    def __init__(self, path: Path) -> None:
        import numpy as np

        self.path = path
        self._pid = os.getpid()
        self._npz = np.load(path, allow_pickle=False)
        self.files: list[str] = list(self._npz.files)

    def _open(self) -> Any:
        if os.getpid() != self._pid:
            import numpy as np

            # (dropping the inherited handle closes it here only: the parent's stays open)
            self._npz = np.load(self.path, allow_pickle=False)
            self._pid = os.getpid()
        return self._npz

    def __getitem__(self, key: str) -> Any:
        return self._open()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)

    def close(self) -> None:
        if os.getpid() == self._pid:
            self._npz.close()


def arrays_cached(name: str, stale_glob: str, build: Callable[[], dict[str, Any]]) -> Mapping[str, Any]:
    """``build()``'s arrays (a dict of numpy arrays), kept as ``cache_dir()/name.npz`` between runs.

    The twin of :func:`pickle_cached` for large tables that a run reads only a little of: the
    ``.npz`` is opened lazily (each array is read when first asked for, none is unpickled), so
    opening costs milliseconds whatever the table's size. The same rules hold: ``name`` must
    identify everything that goes into the table, stale files matching ``stale_glob`` are removed
    once a new one is written, a corrupt, unreadable or unwritable file only costs speed, and a
    table the package ships prebuilt (:func:`prebuilt`) is copied instead of built.
    """
    import io

    import numpy as np

    def complete(z):  # noqa: ANN001, ANN202 - an open NpzFile, or None when it is not a whole table
        if "_complete" in z.files:
            return z
        z.close()
        return None

    root = usable_cache_dir()
    path = None if root is None else root / f"{name}.npz"
    try:
        if path is not None and path.is_file():
            z = complete(LazyArrays(path))
            if z is not None:
                return z
    except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
        log.warning("ignoring unreadable cache %s: %s", path, exc)
    shipped = prebuilt(f"{name}.npz")
    if shipped is not None:
        try:
            if path is not None and _store(path, stale_glob, lambda fh: fh.write(shipped)):
                z = complete(LazyArrays(path))
            else:
                z = complete(np.load(io.BytesIO(shipped), allow_pickle=False))
            if z is not None:
                return z
        except Exception as exc:  # noqa: BLE001 - a damaged shipped file: build instead
            log.warning("ignoring prebuilt %s: %s", name, exc)
    value = build()
    if path is not None:
        _store(path, stale_glob, lambda fh: np.savez(fh, _complete=np.zeros(0, np.int8), **value))
    return value


# Derived tables the package ships prebuilt (``align/data/prebuilt/<cache file name>.xz``), so that a
# first run does not spend ~15 s building them: see the data card there and scripts/build_tables.py.
PREBUILT_DIR = Path(__file__).parent / "data" / "prebuilt"
USE_PREBUILT = True  # False: build every table (scripts/build_tables.py does, to rebuild or verify them)


def prebuilt(filename: str) -> bytes | None:
    """The shipped copy of the cache file ``filename``, decompressed; None when none ships for it.

    The cache file's name holds the versions and digests of everything it is built from, so a
    shipped file of that name is current; after a change (an edited word list, a new dictionary
    version) no file matches and the table is built as before, until scripts/build_tables.py has
    rebuilt the shipped ones (a test fails until then).
    """
    if not USE_PREBUILT:
        return None
    path = PREBUILT_DIR / f"{filename}.xz"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("ignoring prebuilt %s: %s", path, exc)
        return None
    try:
        import lzma

        return lzma.decompress(data)
    except Exception as exc:  # noqa: BLE001 - no lzma in this Python, a damaged file: build instead
        log.warning("ignoring prebuilt %s: %s", path, exc)
        return None


# What a file's name ends with that says only its format or language (``article.zh.docx`` → article).
INPUT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".docx", ".xlf", ".xliff", ".sdlxliff", ".tmx")


def report_name(path: str | os.PathLike) -> str:
    """The name a document's outputs get (``outputs/<name>/``, a batch's ``OUTDIR/<name>/``): its file
    name without format and language suffixes, or for a URL its last path segment (else its host)."""
    text = str(path)
    if text.startswith(("http://", "https://")):
        from urllib.parse import urlsplit

        parts = urlsplit(text)
        return Path(parts.path).stem or parts.netloc.replace(":", "_") or "page"
    name = Path(text).name
    for suffix in (*INPUT_SUFFIXES, ".zh", ".en"):
        name = name.removesuffix(suffix)
    return name or "report"
