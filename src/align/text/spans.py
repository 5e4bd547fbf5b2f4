"""Cutting a span out of a sentence, the same way for every check that compares what is left."""

from __future__ import annotations


def without_span(text: str, s: int, e: int, lang: str) -> str:
    """``text`` with ``text[s:e]`` left out (in English, the words either side joined by one space)."""
    if lang == "zh":
        return text[:s] + text[e:]
    return (text[:s].rstrip() + " " + text[e:].lstrip()).strip()
