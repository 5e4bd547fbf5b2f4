"""Bilingual CAT files read as they are: XLIFF 1.2, XLIFF 2.0, Trados SDLXLIFF and TMX.

A translator who works in Trados, memoQ, Phrase or OmegaT has the translation already paired with
its original, segment by segment; asking them to export two plain texts throws that pairing away
and makes the aligner guess it again. These readers keep the file's own segmentation: one
``Unit`` per segment, with the file's id so a finding can be traced back to the segment in the
CAT tool.

Inline tags (bold, links, field codes) become visible placeholders such as ``{1}`` … ``{/1}``: the
words around them stay readable for the checks, a tag lost or added in the translation stays
visible (``source_tags`` vs ``target_tags``), and the tags' code text (``&lt;b&gt;``, RTF) never
reaches a check as if it were words.

Parsing uses lxml with a parser that never touches the network, never resolves entities (no XXE,
no billion laughs) and keeps its huge-tree limits. Every problem with the file is an ``AlignError``
of one line.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from align.errors import AlignError
from align.formats import BILINGUAL_SUFFIXES  # defined there for the CLI; still importable from here
from align.io import MAX_BYTES

_SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
_XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2."
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # only XML whitespace: a no-break or ideographic space is content
_LXML_POS = re.compile(r",? line \d+, column \d+\s*$")
_ZIP = b"PK\x03\x04"
_UNICODE_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
_EN = ("en", "eng")
_ZH = ("zh", "zho", "chi", "cmn")


@dataclass(frozen=True, slots=True)
class Unit:
    """One segment: its text on both sides, with inline tags as placeholders.

    ``id`` is the file's own id (XLIFF ``trans-unit``/``unit`` id, ``unit/segment`` for a unit of
    several segments, ``trans-unit/mid`` for SDLXLIFF and segmented XLIFF 1.2, TMX ``tuid`` or the
    1-based position), so a reviewer can find the segment in the CAT tool. ``target`` is None when
    the segment has no translation yet. ``note`` carries the segment's state (``translated``,
    Trados' ``Draft``…) and any ``<note>`` text.
    """

    id: str
    source: str
    target: str | None
    source_tags: tuple[str, ...]
    target_tags: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class BilingualFile:
    """A whole bilingual file: its format, the language pair (``en``/``zh``) and its units in order."""

    path: str
    format: str
    source_lang: str
    target_lang: str
    units: tuple[Unit, ...]


def is_bilingual(path: str | os.PathLike) -> bool:
    """True for a name ending in .xlf, .xliff, .sdlxliff or .tmx (any case): a ``read_bilingual`` file."""
    return Path(path).suffix.lower() in BILINGUAL_SUFFIXES


def read_bilingual(
    path: str | os.PathLike, source_lang: str | None = None, target_lang: str | None = None
) -> BilingualFile:
    """Read an XLIFF 1.2/2.0, SDLXLIFF or TMX file into units, one per segment.

    The format is recognised from the content (a TMX named .xlf still reads). The languages come
    from the file; ``source_lang``/``target_lang`` override them (for a file that omits them or
    states them wrongly). Raises ``AlignError`` with one line for a file that is not such a file,
    is not well-formed, holds no units, or is not an English–Chinese pair.
    """
    name = str(path)
    root = _parse(Path(path), name)
    kind = _local(root)
    if kind == "tmx":
        return _read_tmx(root, name, source_lang, target_lang)
    if kind != "xliff":
        raise AlignError(f"{name}: root element <{kind or root.tag}> is neither XLIFF nor TMX")
    ns = etree.QName(root).namespace or ""
    if root.get("version", "").startswith("2") or ns.startswith(_XLIFF2_NS):
        return _read_xliff2(root, name, source_lang, target_lang)
    sdl = _SDL_NS in root.nsmap.values() or Path(path).suffix.lower() == ".sdlxliff"
    return _read_xliff1(root, name, "sdlxliff" if sdl else "xliff-1.2", source_lang, target_lang)


# -- parsing -------------------------------------------------------------------------------------


def _parse(p: Path, name: str) -> etree._Element:
    """The root element of a safely parsed file, or a one-line ``AlignError``."""
    if not p.exists():
        raise AlignError(f"{name}: no such file")
    if p.is_dir():
        raise AlignError(f"{name}: is a directory, expected an XLIFF or TMX file")
    if p.stat().st_size > MAX_BYTES:
        raise AlignError(f"{name}: too large for one document (limit {MAX_BYTES // 10**6} MB)")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise AlignError(f"{name}: cannot read ({e.strerror})") from None
    if not data.strip():
        raise AlignError(f"{name}: file is empty")
    if data.startswith(_ZIP):
        raise AlignError(
            f"{name}: is a zip archive, not an XLIFF or TMX file (a project package? unpack it and "
            "give the .sdlxliff or .xlf inside)"
        )
    if b"\x00" in data[:4096] and not data.startswith(_UNICODE_STARTS):
        raise AlignError(f"{name}: looks like a binary file, not XLIFF or TMX")
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        msg = _LXML_POS.sub("", " ".join(str(e.msg or e).split()))
        line = f"line {e.lineno}: " if e.lineno else ""
        raise AlignError(f"{name}: not well-formed XML ({line}{msg})") from None
    except (etree.LxmlError, ValueError, LookupError) as e:
        raise AlignError(f"{name}: cannot parse as XML ({' '.join(str(e).split())})") from None
    if root is None:
        raise AlignError(f"{name}: not an XML document")
    return root


def _local(el: etree._Element) -> str:
    """The element's name without namespace; "" for an entity reference left unresolved."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _local(c) == name), None)


def _notes(el: etree._Element, *extra: str) -> str:
    """The state(s) and ``<note>`` texts of a unit, joined: what a reviewer sees beside the segment."""
    found = [*extra]
    for holder in (el, _child(el, "notes")):
        if holder is not None:
            found += [" ".join("".join(n.itertext()).split()) for n in _children(holder, "note")]
    return "; ".join(x for x in found if x)


# -- languages -----------------------------------------------------------------------------------


def _norm_lang(code: str | None) -> str | None:
    """``en``/``zh`` for any English or Chinese tag (en-US, zh-CN, zh-Hans, zh_TW, cmn…), else None."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return "en" if primary in _EN else "zh" if primary in _ZH else None


def _pair(
    name: str, file_src: str | None, file_tgt: str | None, source_lang: str | None, target_lang: str | None
) -> tuple[str, str]:
    """The checked pair (``en``/``zh``), the arguments winning over the file's attributes."""
    src_raw = source_lang or file_src
    tgt_raw = target_lang or file_tgt
    if not src_raw:
        raise AlignError(f"{name}: the file does not state its source language; give it with --source-lang")
    if not tgt_raw:
        raise AlignError(f"{name}: the file does not state its target language; give it with --target-lang")
    src, tgt = _norm_lang(src_raw), _norm_lang(tgt_raw)
    if src is None or tgt is None or src == tgt:
        raise AlignError(f"{name}: languages {src_raw} → {tgt_raw}; align checks English ↔ Chinese only")
    return src, tgt


# -- inline content ------------------------------------------------------------------------------

_OPEN_KEYS = ("rid", "i", "id", "x")
_CLOSE_KEYS = ("rid", "startRef", "i", "id", "x")
_SINGLE_KEYS = ("id", "x", "i")


class _Text:
    """Collects a segment's text and the placeholders written into it, in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.auto = 0

    def text(self, s: str | None) -> None:
        if s:
            self.parts.append(s)

    def tag(self, el: etree._Element, keys: tuple[str, ...], closing: bool = False) -> None:
        key = next((el.get(k) for k in keys if el.get(k)), None)
        if key is None:  # malformed (the id is required); number it so both sides still compare
            self.auto += 1
            key = str(self.auto)
        tag = f"{{/{key}}}" if closing else f"{{{key}}}"
        self.tags.append(tag)
        self.parts.append(tag)

    def result(self) -> tuple[str, tuple[str, ...]]:
        return _XML_SPACE.sub(" ", "".join(self.parts)).strip(), tuple(self.tags)


def _render(el: etree._Element | None) -> tuple[str, tuple[str, ...]]:
    """The text of a ``source``/``target``/``seg``/``mrk`` with inline tags as placeholders."""
    out = _Text()
    if el is not None:
        _content(el, out)
    return out.result()


def _content(el: etree._Element, out: _Text) -> None:
    out.text(el.text)
    for child in el:
        _inline(child, out)
        out.text(child.tail)


def _inline(el: etree._Element, out: _Text) -> None:
    """One inline element of XLIFF 1.2, XLIFF 2.0 or TMX (their names hardly overlap).

    Paired codes wrap their content in ``{id}``…``{/id}``; standalone codes become ``{id}`` and
    their code text (``<ph>&lt;br/&gt;</ph>``, a ``<bpt>``'s RTF, a ``<sub>`` flow) is dropped;
    annotations (``<mrk>``, ``<hi>`` without ``x``) keep only their text.
    """
    name = _local(el)
    if name in ("g", "pc") or (name == "hi" and el.get("x")):
        out.tag(el, _OPEN_KEYS)
        _content(el, out)
        out.tag(el, _CLOSE_KEYS, closing=True)
    elif name in ("bx", "bpt", "sc"):
        out.tag(el, _OPEN_KEYS)
    elif name in ("ex", "ept", "ec"):
        out.tag(el, _CLOSE_KEYS, closing=True)
    elif name in ("x", "ph"):
        out.tag(el, _SINGLE_KEYS)
    elif name == "it":
        out.tag(el, _SINGLE_KEYS, closing=el.get("pos") in ("close", "end"))
    elif name == "cp":  # XLIFF 2.0: a character XML cannot carry
        with contextlib.suppress(ValueError, OverflowError):
            out.text(chr(int(el.get("hex", ""), 16)))
    elif name in ("sm", "em", "ut", "sub", ""):
        pass  # annotation markers, deprecated codes, sub-flows of codes, unresolved entities
    else:  # mrk (not a segment), hi, and anything unknown: keep the words
        _content(el, out)


# -- XLIFF 1.2 and SDLXLIFF ----------------------------------------------------------------------


def _seg_mrks(el: etree._Element | None) -> list[etree._Element]:
    if el is None:
        return []
    return [m for m in el.iter("{*}mrk") if m.get("mtype") == "seg"]


def _unit(uid: str, src: etree._Element | None, tgt: etree._Element | None, note: str) -> Unit | None:
    source, source_tags = _render(src)
    if not source:
        return None
    target, target_tags = _render(tgt)
    return Unit(uid, source, target or None, source_tags, target_tags if target else (), note)


def _read_xliff1(
    root: etree._Element, name: str, fmt: str, source_lang: str | None, target_lang: str | None
) -> BilingualFile:
    files = _children(root, "file")
    if not files:
        raise AlignError(f"{name}: XLIFF without a <file> element; no translation units found")
    pairs = {(f.get("source-language"), f.get("target-language")) for f in files}
    if len(pairs) > 1 and not (source_lang and target_lang):
        shown = ", ".join(f"{a} → {b}" for a, b in sorted(pairs, key=str))
        raise AlignError(f"{name}: its <file> elements have different languages ({shown})")
    src, tgt = _pair(name, *next(iter(pairs)), source_lang, target_lang)
    units: list[Unit] = []
    for f in files:
        for n, tu in enumerate(f.iter("{*}trans-unit"), 1):
            if tu.get("translate") == "no":  # locked structure (Trados' tag-only units), not prose
                continue
            uid = tu.get("id") or str(n)
            target = _child(tu, "target")
            state = target.get("state", "") if target is not None else ""
            mrks = _seg_mrks(_child(tu, "seg-source"))
            if not mrks:
                unit = _unit(uid, _child(tu, "source"), target, _notes(tu, state))
                if unit is not None:
                    units.append(unit)
                continue
            # segmented (Trados, Okapi): one unit per <mrk mtype="seg">, matched by mid
            by_mid = {m.get("mid"): m for m in _seg_mrks(target)}
            conf = _sdl_confirmation(tu)
            for m, mrk in enumerate(mrks, 1):
                mid = mrk.get("mid") or str(m)
                unit = _unit(f"{uid}/{mid}", mrk, by_mid.get(mid), _notes(tu, conf.get(mid) or state))
                if unit is not None:
                    units.append(unit)
    return _done(name, fmt, src, tgt, units)


def _sdl_confirmation(tu: etree._Element) -> dict[str, str]:
    """Trados' per-segment status (``Draft``, ``Translated``, ``ApprovedSignOff``…) by segment id."""
    defs = _child(tu, "seg-defs")
    if defs is None:
        return {}
    return {s.get("id", ""): s.get("conf", "") for s in _children(defs, "seg")}


# -- XLIFF 2.0 -----------------------------------------------------------------------------------


def _read_xliff2(
    root: etree._Element, name: str, source_lang: str | None, target_lang: str | None
) -> BilingualFile:
    src, tgt = _pair(name, root.get("srcLang"), root.get("trgLang"), source_lang, target_lang)
    units: list[Unit] = []
    for n, u in enumerate(root.iter("{*}unit"), 1):
        if u.get("translate") == "no":
            continue
        uid = u.get("id") or str(n)
        segments = _children(u, "segment")
        for s, seg in enumerate(segments, 1):
            sid = uid if len(segments) == 1 else f"{uid}/{seg.get('id') or s}"
            unit = _unit(sid, _child(seg, "source"), _child(seg, "target"), _notes(u, seg.get("state", "")))
            if unit is not None:
                units.append(unit)
    return _done(name, "xliff-2.0", src, tgt, units)


# -- TMX -----------------------------------------------------------------------------------------


def _tuv_lang(tuv: etree._Element) -> str:
    return tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang") or ""


def _read_tmx(
    root: etree._Element, name: str, source_lang: str | None, target_lang: str | None
) -> BilingualFile:
    header, body = _child(root, "header"), _child(root, "body")
    tus = _children(body, "tu") if body is not None else []
    if not tus:
        raise AlignError(f"{name}: no translation units found")
    file_src = header.get("srclang") if header is not None else None
    if not file_src or file_src == "*all*":
        # "*all*" means any tuv may be the source: believe the units if they agree
        per_tu = {tu.get("srclang") for tu in tus}
        file_src = per_tu.pop() if len(per_tu) == 1 else None
        if file_src == "*all*":
            file_src = None
    src_norm = _norm_lang(source_lang or file_src)
    others = [
        lang
        for lang in _ordered(_tuv_lang(v) for tu in tus for v in _children(tu, "tuv"))
        if lang.lower() != (file_src or "").lower() and (src_norm is None or _norm_lang(lang) != src_norm)
    ]
    # the target is the other English/Chinese variety present; any other language is named as is
    wanted = {"en": "zh", "zh": "en"}.get(src_norm or "")
    file_tgt = next((lang for lang in others if _norm_lang(lang) == wanted), others[0] if others else None)
    src, tgt = _pair(name, file_src, file_tgt, source_lang, target_lang)
    units: list[Unit] = []
    for n, tu in enumerate(tus, 1):
        tuvs = _children(tu, "tuv")
        s = next((v for v in tuvs if _norm_lang(_tuv_lang(v)) == src), None)
        if s is None:
            continue
        t = next((v for v in tuvs if _norm_lang(_tuv_lang(v)) == tgt), None)
        unit = _unit(
            tu.get("tuid") or str(n),
            _child(s, "seg"),
            _child(t, "seg") if t is not None else None,
            _notes(tu),
        )
        if unit is not None:
            units.append(unit)
    return _done(name, "tmx", src, tgt, units)


def _ordered(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(x for x in items if x))


def _done(name: str, fmt: str, src: str, tgt: str, units: list[Unit]) -> BilingualFile:
    if not units:
        raise AlignError(f"{name}: no translation units found")
    return BilingualFile(name, fmt, src, tgt, tuple(units))
