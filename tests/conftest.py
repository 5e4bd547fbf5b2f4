"""Shared fixtures: one embedder per session, caches inside the project, data root discovery."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Caches live in the project (git-ignored), never in the shared /tmp; set before align is imported.
os.environ.setdefault("ALIGN_CACHE", str(ROOT / ".cache"))


@pytest.fixture(scope="session")
def embedder():
    """The default backend, disk-cached: loaded once for the whole test session."""
    from align.embed import get_embedder

    return get_embedder("use")


@pytest.fixture(scope="session")
def demo_report(embedder):
    from align.pipeline import check, demo_paths

    return check(*demo_paths(), embedder=embedder)
