"""alignment.tmx: a TMX 1.4 file CAT tools can import, round-tripping text exactly."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone

import pytest

from align.report.tables import worst_severity
from align.report.tmx import FALLBACK_CREATED, report_created, tmx_lang, write_tmx
from align.types import Bead, Flag, Report
from browser.sample import SCRIPT, make_document, make_report

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _props(el: ET.Element) -> dict[str, str]:
    return {p.get("type"): p.text or "" for p in el.findall("prop")}


def _parse(report: Report, tmp_path) -> ET.Element:
    path = tmp_path / "alignment.tmx"
    write_tmx(report, path)
    return ET.parse(path).getroot()


def test_header_and_units(tmp_path):
    report = make_report()
    root = _parse(report, tmp_path)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    expected = {
        "creationtool": "align",
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": "en",
        "o-tmf": "align",
        "creationdate": "20240506T070809Z",
    }
    assert {k: header.get(k) for k in expected} == expected
    assert header.get("creationtoolversion")
    null = sum(1 for b in report.beads if b.is_null)
    assert null == 2
    assert _props(header)["x-align-null-beads"] == str(null)
    tus = root.findall("body/tu")
    pairs = [i for i, b in enumerate(report.beads) if not b.is_null]
    assert [int(tu.get("tuid")) for tu in tus] == pairs


def test_text_round_trips_exactly(tmp_path):
    report = make_report()
    root = _parse(report, tmp_path)
    texts = []
    for tu in root.findall("body/tu"):
        i = int(tu.get("tuid"))
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["en", "zh-CN"]
        src, tgt = (t.find("seg").text for t in tuvs)
        assert src == report.bead_text(i, "source")
        assert tgt == report.bead_text(i, "target")
        texts += [src, tgt]
    joined = "".join(texts)
    for special in ("&", "<b>", '"quoted"', "'single'", "玛丽·史密斯", "23亿"):
        assert special in joined
    assert SCRIPT not in joined  # lives in a null bead, which is skipped


def test_flag_properties(tmp_path):
    report = make_report()
    root = _parse(report, tmp_path)
    for tu in root.findall("body/tu"):
        i = int(tu.get("tuid"))
        props = _props(tu)
        flags = report.flags[i]
        assert float(props["x-align-score"]) == pytest.approx(report.beads[i].score, abs=1e-4)
        if flags:
            assert set(props["x-align-flags"].split()) == {f.kind for f in flags}
            assert props["x-align-severity"] == worst_severity(flags)
        else:
            assert "x-align-flags" not in props and "x-align-severity" not in props


def test_chinese_source_direction(tmp_path):
    zh = make_document("source", "zh", [["他说：“价格是5元。”", "就这样。"]], name="orig.zh.txt")
    en = make_document("target", "en", [['He said: "the price is 50 yuan."', "That is all."]])
    flag = Flag("number", "critical", 0.9, "5 vs 50", (7, 8), (23, 25))
    report = Report(zh, en, (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8)), ((flag,), ()), (0.9, 0.1), {})
    root = _parse(report, tmp_path)
    assert root.find("header").get("srclang") == "zh-CN"
    tu = root.find("body/tu")
    assert [t.get(XML_LANG) for t in tu.findall("tuv")] == ["zh-CN", "en"]
    assert tu.find("tuv/seg").text == "他说：“价格是5元。”"
    # no "created" in the signature: the fixed fallback date, not the clock
    assert root.find("header").get("creationdate") == FALLBACK_CREATED.strftime("%Y%m%dT%H%M%SZ")


def test_output_is_deterministic_and_control_characters_are_dropped(tmp_path):
    report = make_report()
    s = report.source.sentences
    bad = dataclasses.replace(s[0], text=s[0].text + "\x0b\x01")
    report = dataclasses.replace(report, source=dataclasses.replace(report.source, sentences=(bad, *s[1:])))
    a, b = tmp_path / "a.tmx", tmp_path / "b.tmx"
    write_tmx(report, a)
    write_tmx(report, b)
    assert a.read_bytes() == b.read_bytes()
    root = ET.parse(a).getroot()  # would raise on an illegal XML character
    assert root.find("body/tu/tuv/seg").text == s[0].text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-06T07:08:09Z", datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("20240506T070809Z", datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("2024-05-06T09:08:09+02:00", datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        (datetime(2024, 5, 6, 7, 8, 9), datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        (
            datetime(2024, 5, 6, 15, 8, 9, tzinfo=timezone(timedelta(hours=8))),
            datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC),
        ),
        (1714979289, datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("yesterday", FALLBACK_CREATED),
        (None, FALLBACK_CREATED),
        ("1970-01-01T00:00:00Z", FALLBACK_CREATED),
    ],
)
def test_report_created(value, expected):
    sig = {} if value is None else {"created": value}
    assert report_created(make_report(signature=sig)) == expected


def test_tmx_lang():
    assert (tmx_lang("zh"), tmx_lang("en"), tmx_lang("fr")) == ("zh-CN", "en", "fr")
