"""The shipped lexical translation table (align/data/ttable.tsv.gz) and its sentence-pair linker."""

from __future__ import annotations

import numpy as np
import pytest

from align.text.ttable import TABLE_PATH, link, load_table, read_table


@pytest.fixture(scope="module")
def table():
    return load_table()


def test_table_ships_with_provenance(table):
    assert TABLE_PATH.exists()
    text = "\n".join(table.comments)
    assert "CC BY-SA 4.0" in text
    assert "scripts/build_ttable.py" in text
    for source in ("tatoeba.tsv", "mlqe-pe.tsv", "wiki-bio.tsv", "ntrex.tsv", "hsk.tsv"):
        assert source in text
    assert len(table) > 20_000
    assert len(table.en_vocab) > 5_000 and len(table.zh_vocab) > 10_000
    assert (TABLE_PATH.parent / "ttable.md").exists()


def test_probabilities_are_valid(table):
    for p in (table.p_zh_en, table.p_en_zh):
        assert np.all(p > 0) and np.all(p <= 1)
    assert np.all(table.count >= 1)


def test_known_translations(table):
    assert "制裁" in [z for z, _ in table.translations("sanctions", "en", top=3)]
    assert "制裁" in [z for z, _ in table.translations("sanction", "en", top=3)]
    assert table.translations("tariff", "en", top=1)[0][0] == "关税"
    assert table.translations("关税", "zh", top=1)[0][0] == "tariff"
    assert "选举" in [z for z, _ in table.translations("election", "en", top=3)]
    assert "威胁" in [z for z, _ in table.translations("threat", "en", top=3)]
    p_zh_en, p_en_zh = table.prob("tariff", "关税")
    assert p_zh_en > 0.5 and p_en_zh > 0.5
    assert table.prob("tariff", "制裁") == (0.0, 0.0)


def test_translations_sorted_and_limited(table):
    tr = table.translations("country", "en", top=5)
    assert 1 <= len(tr) <= 5
    probs = [p for _, p in tr]
    assert probs == sorted(probs, reverse=True)
    assert sum(p for _, p in table.translations("country", "en", top=100)) <= 1.0 + 1e-6


def test_unknown_word_has_no_translations(table):
    assert table.translations("qwxzzyq", "en") == []
    assert table.translations("龘龘龘", "zh") == []
    assert not table.known("qwxzzyq", "en")
    assert not table.known("龘龘龘", "zh")
    assert table.known("tariffs", "en") and table.known("关税", "zh")
    with pytest.raises(ValueError):
        table.translations("tariff", "fr")  # type: ignore[arg-type]


def test_link_obvious_pairs(table):
    en = ["the", "government", "impose", "new", "tariff", "on", "steel", "import"]
    zh = ["政府", "对", "进口", "钢铁", "征收", "新", "关税"]
    links = link(table, en, zh)
    pairs = {(en[i], zh[j]) for i, j, _ in links}
    for p in [
        ("government", "政府"),
        ("tariff", "关税"),
        ("steel", "钢铁"),
        ("new", "新"),
        ("import", "进口"),
    ]:
        assert p in pairs
    assert all(0 <= i < len(en) and 0 <= j < len(zh) and 0 < s <= 1 for i, j, s in links)
    assert links == sorted(links)


def test_link_identical_latin_tokens(table):
    links = link(table, ["nasa", "launch"], ["NASA", "发射"])
    assert (0, 0) in {(i, j) for i, j, _ in links}


def test_link_unrelated_words_give_nothing(table):
    assert link(table, ["tariff", "election"], ["苹果", "跑步"]) == []
    assert link(table, ["qwxzzyq"], ["龘龘龘"]) == []
    assert link(table, [], ["关税"]) == []
    assert link(table, ["tariff"], []) == []


def test_deterministic(table):
    en = ["the", "central", "bank", "raise", "interest", "rate", "on", "thursday"]
    zh = ["央行", "周四", "将", "利率", "上调"]
    assert link(table, en, zh) == link(table, en, zh)
    assert load_table() is table
    again = read_table(TABLE_PATH)
    assert again.en_words == table.en_words and again.zh_words == table.zh_words
    assert np.array_equal(again.p_zh_en, table.p_zh_en) and np.array_equal(again.count, table.count)
