"""The original straight from a web page: fetch it, decode it, keep the article.

Translators are often given a link, not a file. Saving the page by hand brings the menu, the share
buttons, the related links and the footer along, and each of those lines, present on one side
only, would be flagged as an omission or an addition. trafilatura keeps the article's own text
(title, paragraphs, lists, tables) and drops the rest; it handles Chinese pages as well as English.

Fetching uses the standard library only, with a timeout, a size limit and one-line errors for
what goes wrong on a network (no DNS, no answer, an HTTP error, something that is not a page).
trafilatura is imported when a page is extracted, not with this module.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import urllib.parse
import zlib
from typing import Any

from align import __version__
from align.errors import AlignError
from align.io import decode_bytes, normalise_newlines

MAX_PAGE_BYTES = 20 * 1024 * 1024
"""Largest page ``fetch_url`` downloads; an article is a few hundred kB at most."""

USER_AGENT = f"align/{__version__} (translation checker; Python urllib)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# what browsers actually decode these labels as (the WHATWG Encoding Standard's mapping)
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "big5": "big5hkscs",
}
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# trafilatura's block elements (its XML output): each is one line of the article
_BLOCKS = {"p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div", "lb", "section"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = tuple(".!?。！？…\"”'’)）")


def is_url(s: str) -> bool:
    """True for an http:// or https:// address with a host (what ``fetch_url`` can fetch)."""
    parts = urllib.parse.urlsplit(s.strip()) if isinstance(s, str) else None
    return parts is not None and parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch_url(url: str, timeout: float = 20.0) -> bytes:
    """The bytes of the web page at ``url``; ``AlignError`` with one line when it cannot be had.

    Follows redirects, sends a User-Agent (some sites refuse Python's default), refuses a response
    that is not HTML or is over ``MAX_PAGE_BYTES``.
    """
    return _fetch(url, timeout)[0]


def article_from_url(url: str, timeout: float = 20.0) -> str:
    """Fetch ``url``, decode it (the server's or the page's charset, else by content) and extract
    its article: the one call an ``align check https://… translation.txt`` needs."""
    data, charset = _fetch(url, timeout)
    return extract_article(decode_page(data, url, charset), url)


def decode_page(data: bytes, name: str = "<page>", charset: str | None = None) -> str:
    """Text of a fetched page: a byte-order mark first, then the declared charset (HTTP header, else
    ``<meta charset>``) if the bytes really are in it, else ``align.io.decode_bytes``'s detection.

    Declarations are often wrong (a GB2312 label on GBK text, Latin-1 on Windows-1252), so the
    declared codec is used as browsers use it and only when it decodes without error.
    """
    if not data.startswith(_BOMS):
        declared = charset or _meta_charset(data)
        codec = _codec(declared) if declared else None
        if codec is not None:
            with contextlib.suppress(UnicodeDecodeError):
                return normalise_newlines(data.decode(codec))
    text, _ = decode_bytes(data, name)
    return normalise_newlines(text)


def extract_article(html: str, name: str = "") -> str:
    """The main text of a web page: its title on the first line, then each paragraph (list item,
    table cell) on its own line, a blank line between, ending with a newline.

    Navigation, headers and footers, share buttons, comments, figure captions and related links are
    dropped. ``AlignError`` "NAME: no article text found in the page" when nothing reads as prose
    (a login form, a page of links, a script-only page).
    """
    from trafilatura import bare_extraction  # heavy: only when a page is actually extracted

    label = name or "page"
    doc = None
    if html.strip():
        head = html[:2000].lower()
        if "<html" not in head and "<body" not in head:  # a fragment: trafilatura wants a document
            html = f"<html><body>{html}</body></html>"
        doc = bare_extraction(
            html,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_tables=True,
            include_formatting=False,
            favor_precision=True,
            with_metadata=True,
        )
    lines = _lines(doc.body) if doc is not None and doc.body is not None else []
    if not _reads_as_prose(lines):
        raise AlignError(f"{label}: no article text found in the page")
    title = " ".join((doc.title or "").split()) if doc is not None else ""
    if title and title not in lines[:3]:
        lines.insert(0, title)
    return "\n\n".join(lines) + "\n"


def _lines(body: Any) -> list[str]:
    """One line per block of trafilatura's output tree, whitespace collapsed, empty ones dropped."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        block = el.tag in _BLOCKS
        if block:
            parts.append("\n")
        parts.append(el.text or "")
        for child in el:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n")

    walk(body)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _reads_as_prose(lines: list[str]) -> bool:
    """At least one line that is a sentence, not a menu entry: "Home" and "Sign in" are not an article."""
    for line in lines:
        words = len(_WORD.findall(line))
        han = len(_HAN.findall(line))
        if words >= 8 or han >= 10 or ((words >= 3 or han >= 5) and line.endswith(_SENTENCE_END)):
            return True
    return False


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    try:
        name = codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None
    # a page that says UTF-16 but has no BOM is almost always mislabelled UTF-8
    return None if name.startswith("utf-16") or name.startswith("utf-32") else name


def _fetch(url: str, timeout: float) -> tuple[bytes, str | None]:
    """``(body, charset from the Content-Type header)``; every failure an ``AlignError``."""
    # imported here: every run reads its inputs through this module, few of them fetch a page
    import http.client
    import urllib.error
    import urllib.request

    if not is_url(url):
        raise AlignError(f"{url}: not an http:// or https:// address")
    host = urllib.parse.urlsplit(url).hostname or url
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            declared = resp.headers.get("Content-Type")
            ctype = resp.headers.get_content_type()
            if declared and ctype not in _HTML_TYPES:
                raise AlignError(f"{url}: the server sent {ctype}, not a web page (HTML)")
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_PAGE_BYTES:
                raise AlignError(f"{url}: page is {int(length) / 1e6:.0f} MB, over the {_limit()} limit")
            data = resp.read(MAX_PAGE_BYTES + 1)
            data = _decompress(url, data, resp.headers.get("Content-Encoding", ""))
            if len(data) > MAX_PAGE_BYTES:
                raise AlignError(f"{url}: page is over the {_limit()} limit")
            return data, resp.headers.get_content_charset()
    except AlignError:
        raise
    except urllib.error.HTTPError as e:
        e.close()
        raise AlignError(f"{url}: HTTP {e.code} {e.reason}".rstrip()) from None
    except urllib.error.URLError as e:
        raise AlignError(f"{url}: {_reason(e.reason, host, timeout)}") from None
    except TimeoutError:
        raise AlignError(f"{url}: no answer within {timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as e:
        raise AlignError(f"{url}: {_reason(e, host, timeout)}") from None


def _reason(reason: object, host: str, timeout: float) -> str:
    import socket
    import ssl

    if isinstance(reason, socket.gaierror):
        return f"cannot find the server {host} (offline, or a typo in the address?)"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({' '.join(str(reason).split())})"
    text = " ".join(str(getattr(reason, "strerror", None) or reason).split())
    return f"cannot fetch the page ({text or type(reason).__name__})"


def _decompress(url: str, data: bytes, encoding: str) -> bytes:
    """Undo gzip/deflate transfer compression, stopping past the size limit (no zip bombs)."""
    encoding = encoding.strip().lower()
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return data
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        return zlib.decompressobj(wbits).decompress(data, MAX_PAGE_BYTES + 1)
    except zlib.error:
        if encoding == "deflate":  # some servers send raw deflate without the zlib header
            with contextlib.suppress(zlib.error):
                return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, MAX_PAGE_BYTES + 1)
        raise AlignError(f"{url}: the server sent a damaged compressed page") from None


def _limit() -> str:
    return f"{MAX_PAGE_BYTES // 2**20} MB"
