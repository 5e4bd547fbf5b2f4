"""Bilingual CAT files (XLIFF 1.2/2.0, SDLXLIFF, TMX) read as they are, inline tags as placeholders."""

from __future__ import annotations

import codecs
import zipfile

import pytest
from translate.storage import tmx, xliff

from align.errors import AlignError
from align.formats.bilingual import BILINGUAL_SUFFIXES, BilingualFile, Unit, is_bilingual, read_bilingual

# the demo article's first sentences, paired by hand
PAIRS = [
    (
        "The defense budget for the coming fiscal year will climb by 16 percent, to about $52 billion.",
        "下一财年的防卫预算将增长16%，达到约520亿美元。",
    ),
    (
        "Mr. Arai framed the increase as a matter of arithmetic, not ambition.",
        "荒井把这次增长说成是算术问题，而不是出于野心。",
    ),
    (
        "Many in the room suspected the story was more complicated than that.",
        "在场的许多人则怀疑，事情远比这复杂。",
    ),
]


def _one_line_error(path, **kw) -> str:
    with pytest.raises(AlignError) as e:
        read_bilingual(path, **kw)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(path))
    return msg


@pytest.fixture
def toolkit_xliff(tmp_path):
    """XLIFF written by translate-toolkit: two translated units and one awaiting translation."""
    store = xliff.xlifffile(sourcelanguage="en-US", targetlanguage="zh-CN")
    for i, (en, zh) in enumerate(PAIRS, 1):
        unit = store.addsourceunit(en)
        unit.setid(f"s{i}")
        if i < 3:
            unit.target = zh
    path = tmp_path / "article.xlf"
    path.write_bytes(bytes(store))
    return path


def test_xliff_from_translate_toolkit(toolkit_xliff):
    got = read_bilingual(toolkit_xliff)
    assert isinstance(got, BilingualFile) and got.path == str(toolkit_xliff)
    assert (got.format, got.source_lang, got.target_lang) == ("xliff-1.2", "en", "zh")
    assert [u.id for u in got.units] == ["s1", "s2", "s3"]
    assert [(u.source, u.target) for u in got.units[:2]] == PAIRS[:2]
    assert got.units[2] == Unit("s3", PAIRS[2][0], None, (), ())
    assert "translated" in got.units[0].note


def test_tmx_from_translate_toolkit_both_directions(tmp_path):
    forward = tmx.tmxfile(sourcelanguage="en-US", targetlanguage="zh-CN")
    backward = tmx.tmxfile(sourcelanguage="zh-CN", targetlanguage="en")
    for en, zh in PAIRS:
        forward.addtranslation(en, "en-US", zh, "zh-CN")
        backward.addtranslation(zh, "zh-CN", en, "en")
    (tmp_path / "f.tmx").write_bytes(bytes(forward))
    (tmp_path / "b.tmx").write_bytes(bytes(backward))
    f = read_bilingual(tmp_path / "f.tmx")
    assert (f.format, f.source_lang, f.target_lang) == ("tmx", "en", "zh")
    assert [(u.id, u.source, u.target) for u in f.units] == [(str(i), *p) for i, p in enumerate(PAIRS, 1)]
    b = read_bilingual(tmp_path / "b.tmx")
    assert (b.source_lang, b.target_lang) == ("zh", "en")
    assert [(u.source, u.target) for u in b.units] == [(zh, en) for en, zh in PAIRS]


XLIFF12_TAGS = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="budget.html" source-language="en-GB" target-language="zh-Hans" datatype="html">
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>The budget will climb by <g id="1">16   percent</g>,<x id="2"/>
            to about <bpt id="3">&lt;a href="#n"&gt;</bpt>$52 billion<ept id="3">&lt;/a&gt;</ept>.</source>
          <target state="translated">预算将增长<g id="1">16%</g>，<x id="2"/>达到约<bpt
            id="3">&lt;a&gt;</bpt>520亿美元<ept id="3">&lt;/a&gt;</ept>。</target>
          <note>check the figure</note>
          <alt-trans><source>Old source</source><target>旧译文</target></alt-trans>
        </trans-unit>
        <trans-unit id="2">
          <source><bx id="4" rid="7"/>Mr. Arai<ex id="5" rid="7"/> spoke <ph id="6">&lt;br/&gt;</ph>at
            <it id="8" pos="open">&lt;i&gt;</it>8 p.m.<mrk mtype="term">Tokyo</mrk></source>
          <target state="needs-translation"/>
        </trans-unit>
        <trans-unit id="3" translate="no"><source>LOCKED</source></trans-unit>
      </group>
    </body>
  </file>
</xliff>
"""


def test_xliff12_inline_tags_become_placeholders(tmp_path):
    path = tmp_path / "tags.xliff"
    path.write_text(XLIFF12_TAGS, encoding="utf-8")
    got = read_bilingual(path)
    assert (got.format, got.source_lang, got.target_lang) == ("xliff-1.2", "en", "zh")
    first, second = got.units
    assert first.source == "The budget will climb by {1}16 percent{/1},{2} to about {3}$52 billion{/3}."
    assert first.target == "预算将增长{1}16%{/1}，{2}达到约{3}520亿美元{/3}。"
    assert first.source_tags == first.target_tags == ("{1}", "{/1}", "{2}", "{3}", "{/3}")
    assert "check the figure" in first.note and "旧译文" not in (first.target or "")
    assert second.source == "{7}Mr. Arai{/7} spoke {6}at {8}8 p.m.Tokyo"
    assert second.source_tags == ("{7}", "{/7}", "{6}", "{8}")
    assert second.target is None and second.target_tags == ()
    assert "needs-translation" in second.note
    assert [u.id for u in got.units] == ["1", "2"]  # translate="no" is not prose to check


XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="zh-CN">
  <file id="f1">
    <unit id="u1">
      <notes><note category="context">Opening paragraph</note></notes>
      <segment id="s1" state="translated">
        <source>When <pc id="1">Defense Minister</pc> Kenta Arai stepped up,<ph id="2"/> he spoke.</source>
        <target>防卫大臣<pc id="1">荒井健太</pc>走上讲台时，<ph id="2"/>他发表了讲话。</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment state="initial">
        <source><sc id="3"/>The budget will climb<ec startRef="3"/> by 16<cp hex="00A0"/>percent.</source>
        <target></target>
      </segment>
    </unit>
    <unit id="u2">
      <segment>
        <source>Many in the <mrk id="m1" type="term">room</mrk> suspected more.</source>
        <target>在场的许多人<sm id="a"/>怀疑<em startRef="a"/>更多。</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff20_segments_and_inline_codes(tmp_path):
    path = tmp_path / "doc.xlf"
    path.write_text(XLIFF20, encoding="utf-8")
    got = read_bilingual(path)
    assert (got.format, got.source_lang, got.target_lang) == ("xliff-2.0", "en", "zh")
    assert [u.id for u in got.units] == ["u1/s1", "u1/2", "u2"]
    a, b, c = got.units
    assert a.source == "When {1}Defense Minister{/1} Kenta Arai stepped up,{2} he spoke."
    assert a.target == "防卫大臣{1}荒井健太{/1}走上讲台时，{2}他发表了讲话。"
    assert a.source_tags == a.target_tags == ("{1}", "{/1}", "{2}")
    assert "translated" in a.note and "Opening paragraph" in a.note
    assert b.source == "{3}The budget will climb{/3} by 16\u00a0percent." and b.target is None
    assert (c.source, c.target) == ("Many in the room suspected more.", "在场的许多人怀疑更多。")


SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       version="1.2" sdl:version="1.0">
  <file original="C:\\Projects\\budget.docx" source-language="en-US" target-language="zh-CN"
        datatype="x-sdlfilterframework2">
    <header><sdl:ref-files/></header>
    <body>
      <trans-unit translate="no" id="0f1c"><source><x id="0"/></source></trans-unit>
      <trans-unit id="7a2b">
        <source><g id="5">Japan is not alone. Some <g id="6">54,000</g> troops are based there.</g></source>
        <seg-source><g id="5"><mrk mtype="seg" mid="1">Japan is not alone.</mrk>
          <mrk mtype="seg" mid="2">Some <g id="6">54,000</g> troops are based there.<x id="9"/></mrk></g>
        </seg-source>
        <target><g id="5"><mrk mtype="seg" mid="1">日本并不孤单。</mrk><mrk
          mtype="seg" mid="2">约<g id="6">5.4万</g>名美军驻扎在那里。</mrk></g></target>
        <sdl:seg-defs>
          <sdl:seg id="1" conf="Translated" origin="interactive"/>
          <sdl:seg id="2" conf="Draft" origin="tm" percent="75"/>
        </sdl:seg-defs>
      </trans-unit>
      <trans-unit id="8c3d">
        <source>Officials cite Ukraine.</source>
        <seg-source><mrk mtype="seg" mid="3">Officials cite Ukraine.</mrk></seg-source>
        <target><mrk mtype="seg" mid="3"/></target>
        <sdl:seg-defs><sdl:seg id="3"/></sdl:seg-defs>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def test_sdlxliff_one_unit_per_mrk_segment(tmp_path):
    path = tmp_path / "budget.docx.sdlxliff"
    path.write_text(SDLXLIFF, encoding="utf-8")
    got = read_bilingual(path)
    assert (got.format, got.source_lang, got.target_lang) == ("sdlxliff", "en", "zh")
    assert [u.id for u in got.units] == ["7a2b/1", "7a2b/2", "8c3d/3"]
    one, two, three = got.units
    assert (one.source, one.target, one.note) == ("Japan is not alone.", "日本并不孤单。", "Translated")
    assert two.source == "Some {6}54,000{/6} troops are based there.{9}"
    assert two.target == "约{6}5.4万{/6}名美军驻扎在那里。"
    assert two.source_tags == ("{6}", "{/6}", "{9}") and two.target_tags == ("{6}", "{/6}")
    assert two.note == "Draft"
    assert three.target is None


def test_sdlxliff_recognised_by_namespace_whatever_the_name(tmp_path):
    path = tmp_path / "renamed.xlf"
    path.write_text(SDLXLIFF, encoding="utf-8")
    assert read_bilingual(path).format == "sdlxliff"


TMX_HAND = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="hand" creationtoolversion="1" datatype="html" segtype="sentence" adminlang="en"
          srclang="*all*" o-tmf="none"/>
  <body>
    <tu tuid="a-1" srclang="EN-US">
      <note>from the June issue</note>
      <tuv xml:lang="EN-US"><seg>The plan aims for <bpt i="1" x="1">&lt;b&gt;</bpt>2 percent<ept
        i="1">&lt;/b&gt;</ept> by 2027.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Le plan vise 2 % d'ici 2027.</seg></tuv>
      <tuv xml:lang="ZH-TW"><seg>新計劃的目標是到2027年達到<bpt
        i="1">&lt;b&gt;</bpt>2%<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
    </tu>
    <tu srclang="EN-US">
      <tuv lang="en"><seg>That ceiling is now <hi x="3" type="b">gone</hi>: <it
        pos="begin" x="4">&lt;i&gt;</it>see NATO.</seg></tuv>
    </tu>
    <tu srclang="EN-US">
      <tuv lang="zh-CN"><seg>只有中文。</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_by_hand_inline_codes_and_other_languages(tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_text(TMX_HAND, encoding="utf-8")
    got = read_bilingual(path)
    assert (got.format, got.source_lang, got.target_lang) == ("tmx", "en", "zh")
    assert [u.id for u in got.units] == ["a-1", "2"]  # a tu without the source language is skipped
    first, second = got.units
    assert first.source == "The plan aims for {1}2 percent{/1} by 2027.{2}"
    assert first.target == "新計劃的目標是到2027年達到{1}2%{/1}。"
    assert first.source_tags == ("{1}", "{/1}", "{2}") and first.target_tags == ("{1}", "{/1}")
    assert first.note == "from the June issue"
    assert (second.source, second.target) == ("That ceiling is now {3}gone{/3}: {4}see NATO.", None)


def test_utf16_tmx_with_bom(tmp_path):
    path = tmp_path / "windows.tmx"
    path.write_bytes(
        codecs.BOM_UTF16_LE + TMX_HAND.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
    )
    assert read_bilingual(path).units[0].target.startswith("新計劃")


def test_languages_override_and_missing(tmp_path):
    body = XLIFF12_TAGS.replace(' target-language="zh-Hans"', "")
    path = tmp_path / "nolang.xlf"
    path.write_text(body, encoding="utf-8")
    msg = _one_line_error(path)
    assert "--target-lang" in msg
    got = read_bilingual(path, target_lang="zh-TW")
    assert (got.source_lang, got.target_lang) == ("en", "zh")
    # the arguments win over what the file says (a file labelled wrongly)
    flipped = read_bilingual(tmp_path / path.name, source_lang="zh", target_lang="en")
    assert (flipped.source_lang, flipped.target_lang) == ("zh", "en")


def test_other_language_pairs_are_refused(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_text(XLIFF12_TAGS.replace("en-GB", "fr-FR").replace("zh-Hans", "de-DE"), encoding="utf-8")
    assert _one_line_error(path) == f"{path}: languages fr-FR → de-DE; align checks English ↔ Chinese only"
    same = tmp_path / "same.xlf"
    same.write_text(XLIFF12_TAGS.replace("zh-Hans", "en-US"), encoding="utf-8")
    assert "en-GB → en-US" in _one_line_error(same)
    tm = tmp_path / "fr.tmx"
    tm.write_text(TMX_HAND.replace('srclang="*all*"', 'srclang="fr-FR"'), encoding="utf-8")
    assert "fr-FR →" in _one_line_error(tm)


def test_broken_xliff_names_the_line(tmp_path):
    path = tmp_path / "broken.xlf"
    lines = XLIFF12_TAGS.splitlines()
    lines[6] = "          <source>The budget will climb</target>"
    path.write_text("\n".join(lines), encoding="utf-8")
    msg = _one_line_error(path)
    assert "not well-formed XML" in msg and "line 7" in msg


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        (b"   \n", "file is empty"),
        (b"\x00\x01\x02\x89PNG\x00\x00", "binary"),
        (b"<html><body><p>Hello</p></body></html>", "neither XLIFF nor TMX"),
        (b"just some text", "not well-formed XML"),
        (
            b'<xliff version="1.2"><file source-language="en" target-language="zh"><body/></file></xliff>',
            "no translation units found",
        ),
        (b'<tmx version="1.4"><header srclang="en"/><body></body></tmx>', "no translation units found"),
        (
            b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Hi.</seg></tuv>'
            b"</tu></body></tmx>",
            "does not state its target language; give it with --target-lang",
        ),
    ],
)
def test_bad_input_is_one_line(tmp_path, content, expected):
    path = tmp_path / "bad.xlf"
    path.write_bytes(content)
    assert expected in _one_line_error(path)


def test_a_zip_package_and_missing_file(tmp_path):
    path = tmp_path / "project.sdlxliff"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("en-US/budget.sdlxliff", SDLXLIFF)
    assert "zip archive" in _one_line_error(path)
    assert "no such file" in _one_line_error(tmp_path / "nothere.tmx")


def test_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doc = XLIFF12_TAGS.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xliff [<!ENTITY leak SYSTEM "file://{secret}">'
        '<!ENTITY lol "lollollollollollollollol">]>',
    ).replace("The budget will", "&leak;&lol; The budget will")
    path = tmp_path / "xxe.xlf"
    path.write_text(doc, encoding="utf-8")
    first = read_bilingual(path).units[0]
    assert "TOP-SECRET" not in first.source and "lol" not in first.source
    assert first.source.startswith("The budget will")


def test_is_bilingual():
    assert BILINGUAL_SUFFIXES == (".xlf", ".xliff", ".sdlxliff", ".tmx")
    assert all(is_bilingual(f"a{s.upper()}") for s in BILINGUAL_SUFFIXES)
    assert not is_bilingual("a.txt") and not is_bilingual("a.docx") and not is_bilingual("xlf")
