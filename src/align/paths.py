"""Where the project keeps its caches and finds its bundled files."""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """The on-disk cache root: ``$ALIGN_CACHE`` or ``~/.cache/align`` (never /tmp, which is shared).

    jieba's dictionary cache and the embedding cache both live here so one variable moves them.
    """
    env = os.environ.get("ALIGN_CACHE")
    root = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "align"
    root.mkdir(parents=True, exist_ok=True)
    return root


def demo_dir() -> Path:
    """The bundled demo pair (shipped inside the package)."""
    return Path(__file__).parent / "demo"


def pickle_cached(name: str, stale_glob: str, kind: type[T], build: Callable[[], T]) -> T:
    """``build()``'s result, kept as ``cache_dir()/name.pkl`` between runs.

    Used for data that is slow to build and fully determined by ``name`` (which must therefore
    include a version or digest of everything that goes into it). Older files matching
    ``stale_glob`` are removed once a new one is written. A corrupt pickle is rebuilt, a read-only
    cache only costs speed: neither is an error for the user.
    """
    path = cache_dir() / f"{name}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                value = pickle.load(fh)
            if isinstance(value, kind):
                return value
        except Exception as exc:  # a corrupt or foreign pickle: rebuild rather than fail
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
        tmp.unlink(missing_ok=True)
        log.warning("could not write cache %s: %s", path, exc)
    return value
