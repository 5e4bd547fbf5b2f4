"""A helper for the few short word lists that stay beside their logic."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (keeps long word lists readable)."""
    return frozenset(text.split())
