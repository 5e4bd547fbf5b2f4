"""Where the project keeps its caches and finds its bundled files."""

from __future__ import annotations

import os
from pathlib import Path


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
