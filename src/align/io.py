"""Reading text files the way users actually have them, and writing outputs atomically.

Translations arrive as UTF-8 (with or without BOM), UTF-16 from Windows tools, GB18030/GBK from
mainland Chinese software and Big5 from Taiwan and Hong Kong. We decode all of them, refuse binary
files with a clear message, and normalise newlines so character offsets mean the same thing on
every platform.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import regex

from align.errors import AlignError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HAN = regex.compile(r"\p{Han}")
_BAD_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_BYTES = 200 * 1024 * 1024


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL bytes in every other position for ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) / 2)
    odd_nul = data[1::2].count(0) / (len(data) / 2)
    enc = (
        "utf-16-le"
        if odd_nul > 0.3 and even_nul < 0.05
        else "utf-16-be"
        if even_nul > 0.3 and odd_nul < 0.05
        else None
    )
    if enc is None:
        return None
    try:
        return data.decode(enc) + "\x00" + enc  # marker split off below
    except UnicodeDecodeError:
        return None


def _best_utf16(data: bytes) -> tuple[str, str] | None:
    if len(data) % 2:
        return None
    found = []
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        found.append((_cjk_plausibility(text), enc, text))
    if not found:
        return None
    score, enc, text = max(found)
    return (text, enc) if score >= 0.9 else None


def _cjk_plausibility(text: str) -> float:
    """Share of characters that are Han, common punctuation, ASCII or whitespace.

    A wrong legacy codec (Big5 read as GBK or vice versa) decodes into rare characters and
    private-use or compatibility code points; the right one gives ordinary text.
    """
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (
            o < 0x80
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or ch in "“”‘’—…·"
        ):
            good += 1
    return good / len(text)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise ``AlignError`` if it is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc.replace("-sig", "")), enc
            except UnicodeDecodeError as e:
                raise AlignError(
                    f"{name}: starts with a {enc} byte-order mark but is not valid {enc}: {e.reason}"
                ) from None
    u16 = _utf16_without_bom(data)
    if u16 is not None:
        text, enc = u16.rsplit("\x00", 1)
        return text, enc
    if b"\x00" in data:
        # UTF-16 without a BOM: Chinese-heavy text has few NUL bytes, so try both byte orders and
        # keep one that decodes to ordinary text
        best = _best_utf16(data)
        if best is not None:
            return best
        # a few stray NULs in otherwise valid UTF-8 (a broken export) are dropped, not fatal
        if data.count(b"\x00") <= max(3, len(data) // 1000):
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
        raise AlignError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_cjk_plausibility(text), enc, text))
    if candidates:
        score, enc, text = max(candidates, key=lambda c: c[0])
        if score >= 0.9:
            return text, enc
    best = _charset_normalizer_guess(data)
    if best is not None:
        return best
    raise AlignError(
        f"{name}: cannot decode the file as UTF-8, UTF-16, GB18030/GBK or Big5; "
        "save it as UTF-8 and try again"
    )


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """Last resort for other single-byte encodings (e.g. cp1252 English with curly quotes)."""
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    if _BAD_CONTROL.search(text):
        return None
    return text, match.encoding


def normalise_newlines(text: str) -> str:
    """CRLF and CR to LF, and drop characters that break downstream tools.

    NUL truncates input to the e5 backend and lone surrogates cannot be encoded at all, so both are
    removed here, once, at the edge.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """Read a text file in any common encoding; return ``(normalised text, encoding)``.

    Raises ``AlignError`` with a one-line explanation for a missing path, a directory, an empty or
    binary file.
    """
    p = Path(path)
    if not p.exists():
        raise AlignError(f"{p}: no such file")
    if p.is_dir():
        raise AlignError(f"{p}: is a directory, expected a text file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise AlignError(
            f"{p}: {size / 1e6:.0f} MB is too large for one document (limit {MAX_BYTES // 10**6} MB)"
        )
    try:
        data = p.read_bytes()
    except OSError as e:
        raise AlignError(f"{p}: cannot read ({e.strerror})") from None
    text, enc = decode_bytes(data, str(p))
    text = normalise_newlines(text)
    if _BAD_CONTROL.search(text) and len(_BAD_CONTROL.findall(text)) > max(3, len(text) // 1000):
        raise AlignError(f"{p}: looks like a binary file (many control characters), not text")
    if p.suffix.lower() in (".html", ".htm", ".xhtml") or looks_like_html(text):
        text = strip_html(text)
    elif p.suffix.lower() in (".md", ".markdown"):
        text = strip_markdown(text)
    if not text.strip():
        raise AlignError(f"{p}: file is empty (no text to check)")
    return text, enc


@contextlib.contextmanager
def atomic_dir(target: str | os.PathLike, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success it replaces ``target`` in one rename.

    An interrupted run (error, Ctrl-C) leaves the previous output untouched and no half-written
    folder behind.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise AlignError(f"{target}: exists and is not a folder")
    if target.exists() and any(target.iterdir()) and not force:
        raise AlignError(f"{target}: output folder exists and is not empty; use --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield tmp
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old.{os.getpid()}")
            os.replace(target, old)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def han_ratio(text: str) -> float:
    """Share of Han characters among letters: the script signal used for language detection."""
    han = len(_HAN.findall(text))
    latin = len(regex.findall(r"\p{Latin}", text))
    # A Chinese character carries about as much as a 4-letter English word's letters.
    return han / (han + latin / 4) if han + latin else 0.0


_TAG = regex.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
    "title",
}


def looks_like_html(text: str) -> bool:
    """Several HTML tags, or an explicit doctype/html element: a web page saved as text."""
    head = text[:2000].lower()
    return "<!doctype html" in head or "<html" in head or len(_TAG.findall(text[:20000])) >= 5


def strip_html(text: str) -> str:
    """Visible text of an HTML page with one blank line between blocks (paragraphs kept)."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "noscript", "template"):
                self.skip += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag):
            if tag in ("script", "style", "noscript", "template"):
                self.skip = max(0, self.skip - 1)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(" ".join(data.split("\n")))

    p = _Text()
    p.feed(text)
    p.close()
    out = "".join(p.parts)
    out = regex.sub(r"[ \t]+", " ", out)
    out = regex.sub(r" *\n *", "\n", out)
    return regex.sub(r"\n{3,}", "\n\n", out).strip() + "\n"


_MD_RULES = [
    (regex.compile(r"^```.*?^```[ \t]*$", regex.M | regex.S), ""),  # code blocks
    (regex.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (regex.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> text
    (regex.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", regex.M), ""),  # headings
    (regex.compile(r"^[ \t]{0,3}>[ \t]?", regex.M), ""),  # block quotes
    (regex.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", regex.M), ""),  # list markers
    (regex.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (regex.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italics
    (regex.compile(r"`([^`]+)`"), r"\1"),  # inline code
]


def strip_markdown(text: str) -> str:
    """Plain text of a Markdown file: markup removed, words and paragraphs kept."""
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text
