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
from collections.abc import Callable, Mapping
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
    or unusable cache only costs speed: neither is an error for the user.
    """
    root = usable_cache_dir()
    if root is None:
        return build()
    path = root / f"{name}.pkl"
    try:
        if path.is_file():
            with path.open("rb") as fh:
                value = pickle.load(fh)
            if isinstance(value, kind):
                return value
    except Exception as exc:  # a corrupt or foreign pickle, an unreadable file: rebuild rather than fail
        log.warning("ignoring unreadable cache %s: %s", path, exc)
    value = build()
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for old in path.parent.glob(stale_glob):
            if old != path:  # an earlier build nobody will read again
                old.unlink(missing_ok=True)
    except OSError as exc:  # read-only cache: still works, just slower next time
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("could not write cache %s: %s", path, exc)
    return value


def arrays_cached(name: str, stale_glob: str, build: Callable[[], dict[str, Any]]) -> Mapping[str, Any]:
    """``build()``'s arrays (a dict of numpy arrays), kept as ``cache_dir()/name.npz`` between runs.

    The twin of :func:`pickle_cached` for large tables that a run reads only a little of: the
    ``.npz`` is opened lazily (each array is read when first asked for, none is unpickled), so
    opening costs milliseconds whatever the table's size. The same rules hold: ``name`` must
    identify everything that goes into the table, stale files matching ``stale_glob`` are removed
    once a new one is written, and a corrupt, unreadable or unwritable file only costs speed.
    """
    import numpy as np

    root = usable_cache_dir()
    if root is None:
        return build()
    path = root / f"{name}.npz"
    try:
        if path.is_file():
            z = np.load(path, allow_pickle=False)
            if "_complete" in z.files:
                return z
            z.close()
    except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
        log.warning("ignoring unreadable cache %s: %s", path, exc)
    value = build()
    tmp = path.with_suffix(f".tmp{os.getpid()}")  # not matching ``stale_glob``: another run's is safe
    try:
        with tmp.open("wb") as fh:
            np.savez(fh, _complete=np.zeros(0, np.int8), **value)
        tmp.replace(path)
        for old in path.parent.glob(stale_glob):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        log.warning("could not write cache %s: %s", path, exc)
    return value


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
