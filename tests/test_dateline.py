"""Datelines are left out of the number and name comparison (``align.text.dateline``)."""

from __future__ import annotations

import pytest

from align.checks import names, numbers
from align.text.dateline import dateline_end


@pytest.mark.parametrize(
    ("text", "lang", "dateline"),
    [
        ("【新华社布鲁塞尔10月4日电】欧盟周四同意", "zh", "【新华社布鲁塞尔10月4日电】"),
        ("新华社北京3月5日电 国务院总理", "zh", "新华社北京3月5日电 "),
        ("本报讯（记者 王明）昨天", "zh", "本报讯（记者 王明）"),
        ("【东京电】日本", "zh", "【东京电】"),
        ("美国（USA）宣布", "zh", ""),
        ("TOKYO — Gen. Yoshida met", "en", "TOKYO — "),
        ("BRUSSELS (Reuters) - The EU agreed", "en", "BRUSSELS (Reuters) - "),
        ("WASHINGTON, Nov. 3 (AP) — The Fed", "en", "WASHINGTON, Nov. 3 (AP) — "),
        ("SAN FRANCISCO (AP) — The", "en", "SAN FRANCISCO (AP) — "),
        ("US - China talks resumed", "en", ""),
        ("NATO — the alliance — met", "en", ""),
        ("I — we — agree", "en", ""),
    ],
)
def test_dateline_end(text: str, lang: str, dateline: str) -> None:
    assert text[: dateline_end(text, lang)] == dateline


def test_an_added_dateline_raises_no_flag() -> None:
    en = "The European Union agreed on Thursday to impose tariffs of up to 35.3 percent on Chinese cars."
    zh = "【新华社布鲁塞尔10月4日电】欧盟周四同意对中国汽车征收最高35.3%的关税。"
    for src, sl, tgt, tl in ((en, "en", zh, "zh"), (zh, "zh", en, "en")):
        assert numbers.check_pair(src, sl, tgt, tl) == []
        assert names.check_pair(src, sl, tgt, tl) == []
    # outside the dateline the same figure and name are still compared
    wrong = zh.replace("35.3%", "25.3%").replace("欧盟", "美国")
    assert [f.kind for f in numbers.check_pair(en, "en", wrong, "zh")] == ["number"]
    assert {f.kind for f in names.check_pair(en, "en", wrong, "zh")} == {"name"}


def test_a_dropped_english_dateline_raises_no_flag() -> None:
    en = "TOKYO — Japan's defense budget will grow by 16 percent."
    zh = "日本的防卫预算将增长16%。"
    assert numbers.check_pair(en, "en", zh, "zh") == []
    assert names.check_pair(en, "en", zh, "zh") == []


def test_a_date_moved_into_the_dateline_still_counts() -> None:
    """李强5日… → "BEIJING, March 5 (Xinhua) -- … on Tuesday": the dateline is where the date went."""
    zh = "国务院总理李强5日在十四届全国人大二次会议上作政府工作报告。"
    en = (
        "BEIJING, March 5 (Xinhua) -- Premier Li Qiang delivered the government work report "
        "at the second session of the 14th National People's Congress on Tuesday."
    )
    assert numbers.check_pair(zh, "zh", en, "en") == []
    assert [f.kind for f in numbers.check_pair(zh, "zh", en.replace("March 5", "March 6"), "en")] == [
        "number"
    ]
