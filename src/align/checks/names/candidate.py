"""A name found in one of the two texts."""

from __future__ import annotations

from dataclasses import dataclass

from align.checks.names.gazetteer import Entry
from align.text.zh import HAN


@dataclass(slots=True)
class Cand:
    """A name found in one text: where it is, what it is, and how sure we are that it is a name."""

    text: str
    span: tuple[int, int]
    kind: str  # known | latin | translit | dot | person | place | acronym | unknown
    conf: float
    entries: tuple[Entry, ...] = ()  # known names it may be, the one it names outright first
    pinyin: tuple[str, ...] = ()
    parts: tuple[tuple[str, tuple[int, int]], ...] = ()  # the parts of a middle-dot name, with spans
    latin: str = ""  # a Latin spelling given with a Chinese name: 荒井健太(Kenta Arai)
    tokens: tuple[str, ...] = ()  # the words of an English name
    demonym: bool = False
    weak: bool = False  # found only by a form that helps recognise a name (~CA for California)
    ctype: str = "unknown"  # place / org / person / other / unknown

    def label(self) -> str:
        """The name as a message shows it, with its counterpart or reading: 韩国 (South Korea)."""
        if self.entries and HAN.search(self.text):
            return f"{self.text} ({self.entries[0].en[0]})"
        if self.entries and self.entries[0].zh and not HAN.search(self.text):
            return f"{self.text} ({self.entries[0].zh[0]})"
        if self.latin and self.latin != self.text:
            return f"{self.text} ({self.latin})"
        if self.pinyin and HAN.search(self.text):
            return f"{self.text} ({' '.join(self.pinyin)})"
        return self.text
