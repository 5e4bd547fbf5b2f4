"""Reading text files the way users actually have them, and writing outputs atomically.

Translations arrive as UTF-8 (with or without BOM), UTF-16 from Windows tools, GB18030/GBK from
mainland Chinese software and Big5 from Taiwan and Hong Kong. We decode all of them, refuse binary
files with a clear message, and normalise newlines so character offsets mean the same thing on
every platform.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import regex

from align.errors import AlignError
from align.text.zh import HAN as _HAN

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BAD_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_BYTES = 200 * 1024 * 1024
# Legacy Chinese codecs decode almost any byte string into *some* characters, so a decoding is only
# believed when it reads as ordinary text (punctuation, ASCII) and its Han characters are common
# ones: the demo article in UTF-8 read as GB18030 scores 0.87 on the first test but has only 32%
# common characters; real text, simplified or traditional, has 99-100%.
_PLAUSIBLE = 0.9
_COMMON_HAN = 0.8


class InputWarning(UserWarning):
    """Something in an input file was repaired (bytes replaced, NULs dropped); the result is usable.

    Emitted with ``warnings.warn`` so a notebook shows it and ``align check`` prints it with the
    report's other warnings (and writes it into report.json).
    """


def _warn(message: str) -> None:
    warnings.warn(InputWarning(message), stacklevel=3)


def _warn_replaced(name: str, n: int, enc: str) -> None:
    _warn(f"{name}: {n} undecodable {enc} unit(s) (e.g. a lone surrogate) replaced by \ufffd")


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
            0x20 <= o < 0x80
            or ch in "\t\n\r"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or ch in "“”‘’—…·"
        ):
            good += 1
    return good / len(text)


@functools.cache
def _is_common_han(ch: str) -> bool:
    """GB2312 level-1 (the 3,755 most used simplified characters) or Big5's 5,401 frequent ones."""
    with contextlib.suppress(UnicodeEncodeError):
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    with contextlib.suppress(UnicodeEncodeError):
        b = ch.encode("big5")
        if len(b) == 2 and 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E:
            return True
    return False


def _reads_as_chinese_codec(text: str) -> bool:
    """True when a GB18030/Big5/UTF-16 decoding looks like real text, not mojibake.

    cp1252 English with curly apostrophes decodes as GB18030 too ("don’t" → "don抰"): those Han
    characters are rare ones, so the common-character test rejects it.
    """
    if _cjk_plausibility(text) < _PLAUSIBLE:
        return False
    han = _HAN.findall(text)
    return not han or sum(map(_is_common_han, han)) / len(han) >= _COMMON_HAN


def _lenient(data: bytes, enc: str) -> tuple[str, int] | None:
    """Decode with U+FFFD for bad sequences; None when more than a handful are bad.

    A lone surrogate or a byte cut off by a broken export should cost the user one character,
    not the whole file; many bad sequences mean the codec is wrong.
    """
    try:
        return data.decode(enc), 0
    except UnicodeDecodeError:
        pass
    text = data.decode(enc, errors="replace")
    bad = text.count("\ufffd") - data.decode(enc, errors="ignore").count("\ufffd")
    return (text, bad) if bad <= max(3, len(data) // 2000) else None


def _utf16_without_bom(data: bytes) -> tuple[str, str, int] | None:
    """UTF-16 without a BOM: NUL in every other byte for ASCII-heavy text, or Chinese that reads well.

    Returns ``(text, encoding, replaced)``.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) / 2
    even_nul, odd_nul = data[0::2].count(0) / half, data[1::2].count(0) / half
    if odd_nul > 0.3 and even_nul < 0.05:
        order: tuple[str, ...] = ("utf-16-le",)
    elif even_nul > 0.3 and odd_nul < 0.05:
        order = ("utf-16-be",)
    elif b"\x00" in data:
        # Chinese-heavy UTF-16 has few NUL bytes: keep a byte order that decodes to ordinary text
        order = ("utf-16-le", "utf-16-be")
    else:
        return None
    for enc in order:
        got = _lenient(data, enc)
        if got is not None and (len(order) == 1 or _reads_as_chinese_codec(got[0])):
            return got[0], enc, got[1]
    return None


def _line_by_line(data: bytes) -> tuple[str, list[str], int | None]:
    """Decode each line on its own: UTF-8, else GB18030/Big5, else UTF-8 with a few bytes replaced.

    Files pasted together from two sources mix encodings (a GBK paragraph inside a UTF-8 file).
    Returns the text, a note per repair, and the number (1-based) of the first line nothing decodes.
    """
    out: list[str] = []
    legacy: dict[str, list[int]] = {}
    replaced: list[int] = []
    for no, line in enumerate(data.split(b"\n"), 1):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        for enc in ("gb18030", "big5"):
            try:
                text = line.decode(enc)
            except UnicodeDecodeError:
                continue
            if _reads_as_chinese_codec(text):
                out.append(text)
                legacy.setdefault(enc, []).append(no)
                break
        else:
            text = line.decode("utf-8", errors="replace")
            if text.count("\ufffd") > max(4, len(line) // 50):
                return "", [], no
            out.append(text)
            replaced.append(no)
    notes = [f"{_lines(nos)} decoded as {enc.upper()}, the rest as UTF-8" for enc, nos in legacy.items()]
    if replaced:
        notes.append(f"invalid UTF-8 bytes replaced by \ufffd on {_lines(replaced)}")
    return "\n".join(out), notes, None


def _lines(nos: list[int]) -> str:
    shown = ", ".join(map(str, nos[:5])) + (f" and {len(nos) - 5} more" if len(nos) > 5 else "")
    return f"line{'s' if len(nos) > 1 else ''} {shown}"


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise ``AlignError`` if it is not text.

    Repairs (a few bad bytes replaced, NUL bytes dropped, lines in a second encoding) are reported
    with an ``InputWarning``; nothing is dropped silently.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            got = _lenient(data[len(bom) :], enc.replace("-sig", ""))
            if got is None:
                raise AlignError(f"{name}: starts with a {enc} byte-order mark but is not valid {enc}")
            if got[1]:
                _warn_replaced(name, got[1], enc)
            return got[0], enc
    u16 = _utf16_without_bom(data)
    if u16 is not None:
        text, enc, bad = u16
        if bad:
            _warn_replaced(name, bad, enc)
        return text, enc
    if b"\x00" in data:
        # a broken export or a NUL-padded file: drop the NULs if what remains is UTF-8 text
        stripped = data.replace(b"\x00", b"")
        trailing = len(data) - len(data.rstrip(b"\x00"))
        inner = data.count(0) - trailing
        if inner <= max(3, len(data) // 50):
            got = _lenient(stripped, "utf-8")
            if got is not None and len(_BAD_CONTROL.findall(got[0])) <= max(3, len(stripped) // 1000):
                _warn(f"{name}: {data.count(0)} NUL byte(s) removed")
                if got[1]:
                    _warn_replaced(name, got[1], "utf-8")
                return got[0], "utf-8"
        raise AlignError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    # mostly UTF-8 (most lines with non-ASCII bytes are valid): repair it line by line
    non_ascii = [ln for ln in data.split(b"\n") if max(ln, default=0) >= 0x80]
    by_line = sum(map(_valid_utf8, non_ascii)) >= len(non_ascii) / 2
    if by_line and (got := _decode_by_line(data, name)) is not None:
        return got
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _reads_as_chinese_codec(text):
            return text, enc
    if len(data) - sum(1 for b in data if b < 0x80) <= len(data) // 20:
        # English from Windows ("ANSI"): curly quotes and dashes are the only non-ASCII bytes
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("cp1252"), "cp1252"
    if not by_line and (got := _decode_by_line(data, name)) is not None:
        return got
    best = _charset_normalizer_guess(data)
    if best is not None:
        return best
    line = data.count(b"\n", 0, first_bad) + 1
    raise AlignError(
        f"{name}: cannot decode the file as UTF-8, UTF-16, GB18030/GBK or Big5 (line {line}, byte "
        f"0x{data[first_bad]:02x} at offset {first_bad}); save it as UTF-8 and try again"
    )


def _decode_by_line(data: bytes, name: str) -> tuple[str, str] | None:
    text, notes, bad_line = _line_by_line(data)
    if bad_line is not None:
        return None
    for note in notes:
        _warn(f"{name}: {note}")
    return text, "utf-8"


def _valid_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """Last resort for other single-byte encodings (e.g. cp1250 Central-European text)."""
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is None:
        return None
    text = str(match)
    if _BAD_CONTROL.search(text) or "\ufffd" in text:
        return None
    return text, match.encoding


def normalise_newlines(text: str) -> str:
    """CRLF and CR to LF, and drop characters that break downstream tools.

    NUL truncates input to the e5 backend and lone surrogates cannot be encoded at all, so both are
    removed here, once, at the edge. A form feed (a page break from pdftotext) becomes a line break.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.replace("\x00", "")
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """Read a text file in any common encoding; return ``(normalised text, encoding)``.

    Raises ``AlignError`` with a one-line explanation for a missing path, a directory, an empty or
    binary file. Repairs of a usable file are reported with an ``InputWarning``.
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
    return text_from_bytes(data, str(p), p.suffix.lower())


STDIN = "-"
"""The path that means standard input (``align check original.txt -``)."""


def read_stdin(name: str = "<stdin>") -> tuple[str, str]:
    """Read a whole document from standard input, like ``read_text`` reads a file."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1) if sys.stdin is not None else b""
    if len(data) > MAX_BYTES:
        raise AlignError(f"{name}: too large for one document (limit {MAX_BYTES // 10**6} MB)")
    return text_from_bytes(data, name, "")


def text_from_bytes(data: bytes, name: str, suffix: str = "") -> tuple[str, str]:
    """Decode, normalise and unwrap (HTML, Markdown) one document's bytes; see ``read_text``."""
    p = name
    text, enc = decode_bytes(data, name)
    text = normalise_newlines(text)
    controls = len(_BAD_CONTROL.findall(text))
    if controls > max(3, len(text) // 1000):
        raise AlignError(f"{p}: looks like a binary file (many control characters), not text")
    if controls:
        # terminal escapes or stray control bytes: invisible, and invalid in XLSX/TMX (XML)
        text = _BAD_CONTROL.sub("", text)
        _warn(f"{p}: {controls} control character(s) removed")
    if suffix in (".html", ".htm", ".xhtml") or looks_like_html(text):
        if suffix not in (".html", ".htm", ".xhtml"):
            _warn(f"{p}: looks like HTML; checking its article text only")
        text = html_article(text, p)
    elif suffix in (".md", ".markdown") or looks_like_markdown(text):
        if suffix not in (".md", ".markdown"):
            _warn(f"{p}: looks like Markdown; markup removed before checking")
        text = strip_markdown(text)
    if not text.strip():
        raise AlignError(f"{p}: file is empty (no text to check)")
    return text, enc


def current_umask() -> int:
    """The process's umask (read without changing it where /proc allows)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _follow_umask(folder: Path) -> None:
    """Give ``folder`` and everything in it the modes a plain ``mkdir``/``open`` would have.

    ``tempfile.mkdtemp`` creates 0700 folders (and some writers write through private temporary
    files): a colleague on the same machine could not read the report.
    """
    mask = current_umask()
    dir_mode, file_mode = 0o777 & ~mask, 0o666 & ~mask
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), dir_mode)
        for f in files:
            os.chmod(os.path.join(root, f), file_mode)
    os.chmod(folder, dir_mode)


def _make_writable(func, path, _exc) -> None:  # noqa: ANN001 - shutil.rmtree's error-handler signature
    """rmtree's retry for a read-only folder of ours: add the owner's write bit, then try again."""
    parent = os.path.dirname(path)
    with contextlib.suppress(OSError):
        os.chmod(parent, os.stat(parent).st_mode | 0o700)
    with contextlib.suppress(OSError):
        os.chmod(path, os.stat(path, follow_symlinks=False).st_mode | 0o700)
    func(path)


def remove_tree(path: Path) -> None:
    """Remove a folder even where it (or something in it) is read-only; OSError if that fails."""
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=_make_writable)
    else:
        shutil.rmtree(path, onerror=_make_writable)


def check_replaceable(target: Path) -> None:
    """Raise ``AlignError`` unless an existing ``target`` folder can be removed once replaced.

    A read-only folder of the user's own is fine (its write bits are restored to remove it); one
    owned by someone else that the user cannot write into would leave a hidden copy behind.
    """
    if not target.is_dir():
        return
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    for root, dirs, _files in os.walk(target):
        for d in (root, *(os.path.join(root, x) for x in dirs)):
            try:
                owned = uid is None or uid == 0 or os.stat(d).st_uid == uid
            except OSError:
                owned = False
            if not owned and not os.access(d, os.W_OK | os.X_OK):
                raise AlignError(
                    f"{target}: cannot overwrite, {d} is read-only and not yours; "
                    "remove it or choose another --output"
                )


@contextlib.contextmanager
def atomic_dir(target: str | os.PathLike, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success it replaces ``target`` in one rename.

    An interrupted run (error, Ctrl-C) leaves the previous output untouched and no half-written
    folder behind. The folder and its files follow the user's umask (normally 0755 and 0644). With
    ``force``, a read-only previous output of the user's own is removed too, leaving nothing hidden.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise AlignError(f"{target}: exists and is not a folder")
    if target.exists() and any(target.iterdir()) and not force:
        raise AlignError(f"{target}: output folder exists and is not empty; use --force to overwrite it")
    if target.exists():
        check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = None
    try:
        yield tmp
        _follow_umask(tmp)
        if target.exists():
            old = target.with_name(f".{target.name}.old.{os.getpid()}")
            os.replace(target, old)
        os.replace(tmp, target)
    except BaseException:
        # Ctrl-C between the two renames must not lose the previous output: put it back
        if old is not None and old.exists() and not target.exists():
            os.replace(old, target)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        try:
            remove_tree(old)
        except OSError as e:
            raise AlignError(
                f"{target}: written, but the previous output could not be removed from {old} "
                f"({e.strerror or e}); delete it by hand"
            ) from None


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
}
# <head> holds the <title> (usually repeated as the <h1>) and metadata: not part of the article,
# and an extra sentence on one side only would be flagged as an omission or addition.
_SKIP_TAGS = {"head", "script", "style", "noscript", "template"}


def looks_like_html(text: str) -> bool:
    """Several HTML tags, or an explicit doctype/html element: a web page saved as text."""
    head = text[:2000].lower()
    return "<!doctype html" in head or "<html" in head or len(_TAG.findall(text[:20000])) >= 5


_MD_SIGNS = (
    regex.compile(r"^#{1,6}[ \t]+\S", regex.M),  # ATX headings
    regex.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # links and images
    regex.compile(r"(\*\*|__)\S[^\n]*?\S\1"),  # bold
    regex.compile(r"^```", regex.M),  # code fences
)


def looks_like_markdown(text: str) -> bool:
    """Markdown saved as .txt: at least two kinds of markup, one of them a heading or a link.

    Plain prose almost never has a line starting with "# " *and* bold or link syntax, so a text
    file is only treated as Markdown on such evidence; a lone asterisk or hash is left alone.
    """
    head = text[:50000]
    found = [bool(rx.search(head)) for rx in _MD_SIGNS]
    return sum(found) >= 2 and (found[0] or found[1])


_SMALL_PAGE = 2000  # characters of visible text: a fragment, not a web page with menus around an article


def html_article(text: str, name: str) -> str:
    """The article of a saved web page (trafilatura), else all its visible text (``strip_html``).

    A page saved from a browser carries its menu, share buttons, related links and footer; on one
    side only, each would be flagged as an omission or addition. A small fragment (an exported
    document, a snippet) often has no "article" for trafilatura to find; its visible text is
    the document then, and a large page with no article is checked whole, with a warning.
    """
    from align.formats.web import extract_article  # imports trafilatura only when called

    try:
        return extract_article(text, name)
    except ImportError as e:  # a broken install: say so, and check the page's visible text
        _warn(f"{name}: article extraction unavailable ({e}); checking all the page's visible text")
        return strip_html(text)
    except AlignError:
        visible = strip_html(text)
        if len(visible) > _SMALL_PAGE:
            _warn(f"{name}: no article found in the page; checking all its visible text (menus included)")
        return visible


def strip_html(text: str) -> str:
    """Visible text of an HTML page with one blank line between blocks (paragraphs kept)."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP_TAGS:
                self.skip += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag):
            if tag in _SKIP_TAGS:
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


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary sibling of ``path`` to write; renamed onto ``path`` when the block ends without
    an error, removed otherwise: a reader (or a Ctrl-C) never meets half a file. The file gets the
    permissions the umask gives, like any file the user writes."""
    p = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.absolute().parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_text_atomically(path: str | os.PathLike, text: str) -> None:
    """Write a UTF-8 file (LF line ends) through :func:`atomic_file`."""
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
