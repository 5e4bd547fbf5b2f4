"""The tables a run opens instead of unpickling whole dictionaries (issue 18): each must answer
exactly what the dictionary it replaces answers."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from align import paths
from align.text import cedict, zh
from align.text.strtable import LazyMapping, LazySet, StringTable, UnpackableKeys, pack_keys
from align.text.ttable import TABLE_PATH, TranslationTable, read_table


def test_string_table_finds_every_key_and_nothing_else() -> None:
    keys = ["a", "b", "ab", "中国", "中", "国家", "Zürich", "x" * 17, "😀", "a b", "B"]
    arrays, order = pack_keys(keys)
    assert sorted(order) == sorted(keys)
    table = StringTable(arrays)
    assert len(table) == len(keys) and table.max_len == 17
    for k in keys:
        assert order[table.find(k)] == k
    for missing in ("c", "abc", "中国人", "x" * 16, "A", "a\x00", ""):
        assert table.find(missing) == -1
    assert list(table.keys()) == order
    values = {k: len(k) * 10 for k in keys}
    m = LazyMapping(table, lambda i: values[order[i]])
    assert dict(m.items()) == values and "中国" in m and "中国人" not in m and m.get("zz", 5) == 5
    with pytest.raises(KeyError):
        m["zz"]


def test_memoised_mapping_and_set_answer_as_the_plain_ones() -> None:
    keys = ["中国", "中", "国家", "Japan", "a b"]
    arrays, order = pack_keys(keys, "p")
    table = StringTable(arrays, "p")
    made: list[int] = []

    def value(i: int) -> list[str]:
        made.append(i)
        return [order[i]]

    m = LazyMapping(table, value, memo=True)
    assert m["中国"] == ["中国"] and m["中国"] is m["中国"] and made.count(order.index("中国")) == 1
    assert m.get("中国人") is None and "中国人" not in m and m.get(3, "x") == "x" and 3 not in m
    assert dict(m.items()) == {k: [k] for k in keys}
    s = LazySet(table, memo=True)
    assert "国家" in s and "国家" in s and "国" not in s and 7 not in s and set(s) == set(keys)
    assert s == frozenset(keys) and len(s) == len(keys)


@pytest.mark.parametrize("bad", ["", "a\x00b"])
def test_string_table_refuses_keys_numpy_cannot_hold(bad: str) -> None:
    with pytest.raises(UnpackableKeys):
        pack_keys(["a", bad])


def test_arrays_cached_builds_once_and_replaces_stale_files(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path))
    (tmp_path / "thing-v0.npz").write_bytes(b"old")
    built: list[int] = []

    def build() -> dict[str, np.ndarray]:
        built.append(1)
        return {"x": np.arange(5)}

    first = paths.arrays_cached("thing-v1", "thing-*.npz", build)
    again = paths.arrays_cached("thing-v1", "thing-*.npz", build)
    assert built == [1]
    assert np.array_equal(first["x"], again["x"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing-v1.npz"]
    (tmp_path / "thing-v1.npz").write_bytes(b"junk")  # a damaged file is rebuilt, not an error
    assert np.array_equal(paths.arrays_cached("thing-v1", "thing-*.npz", build)["x"], np.arange(5))
    assert built == [1, 1]


def _fresh_tokenizer(cache):  # noqa: ANN001, ANN202
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache)
    tok.cache_file = "jieba.cache"
    return tok


SENTENCES = (
    "他拒绝了这个提议。",
    "美国国防部长奥斯汀周日在新加坡香格里拉对话会上发表讲话，称中等强国不会被迫选边站。",
    "起初神创造天地。地是空虚混沌，渊面黑暗；神的灵运行在水面上。",
    "2024年第三季度GDP同比增长4.6%，达到31亿欧元。",
)


def test_lazy_jieba_dictionary_segments_as_jieba_does(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path))
    monkeypatch.setattr(paths, "USE_PREBUILT", False)  # the table built here, not the shipped one
    reference = _fresh_tokenizer(tmp_path)
    assert zh._lazy_freq(reference) is None  # builds the table; jieba's own dictionary is loaded
    assert reference.initialized and isinstance(reference.FREQ, dict)
    tok = _fresh_tokenizer(tmp_path)
    lazy = zh._lazy_freq(tok)
    assert lazy is not None and not tok.initialized
    tok.FREQ, tok.total, tok.initialized = lazy, lazy.total, True
    assert lazy.total == reference.total
    for s in SENTENCES:
        assert list(tok.tokenize(s)) == list(reference.tokenize(s))
        assert list(tok.cut(s, HMM=False)) == list(reference.cut(s, HMM=False))
    for w in ("中国", "中", "中等强", "不存在的词语", "香格里拉"):
        assert (w in lazy) == (w in reference.FREQ)
        assert lazy.get(w) == reference.FREQ.get(w)
        assert lazy.get(w, -1) == reference.FREQ.get(w, -1)
    with pytest.raises(KeyError):
        lazy["不存在的词语"]
    lazy["新词语"] = 3  # jieba's add_word writes into FREQ
    assert "新词语" in lazy and lazy["新词语"] == 3


def test_lazy_word_tags_match_the_dictionary_file(tmp_path, monkeypatch) -> None:
    import jieba

    monkeypatch.setenv("ALIGN_CACHE", str(tmp_path))
    monkeypatch.setattr(paths, "USE_PREBUILT", False)  # the table built here, not the shipped one
    zh._default_word_tags.cache_clear()
    try:
        plain = zh._default_word_tags()  # built now: the plain table
        zh._default_word_tags.cache_clear()
        lazy = zh._default_word_tags()  # read back from the cache file
    finally:
        zh._default_word_tags.cache_clear()
    assert isinstance(plain, dict) and not isinstance(lazy, dict)
    words = [*list(plain)[::997], "不存在的词语", "x"]
    for w in words:
        assert lazy.get(w, "x") == plain.get(w, "x")
        assert (w in lazy) == (w in plain)
    tagger = zh.pos_tokenizer()
    assert tagger.tokenizer is zh.jieba_tokenizer()
    assert [tuple(p) for p in tagger.cut(SENTENCES[1])] == [
        tuple(p) for p in jieba.posseg.POSTokenizer(zh.jieba_tokenizer()).cut(SENTENCES[1])
    ]


def test_translation_table_from_arrays_is_the_same_table() -> None:
    t = read_table(TABLE_PATH)
    u = TranslationTable.from_arrays(t.to_arrays())
    for k in ("comments", "en_words", "zh_words", "en_vocab", "zh_vocab", "_pairs"):
        assert getattr(t, k) == getattr(u, k), k
    for k in ("en_ids", "zh_ids", "p_zh_en", "p_en_zh", "count"):
        a, b = getattr(t, k), getattr(u, k)
        assert a.dtype == b.dtype and np.array_equal(a, b), k
    for k in ("_by_en", "_by_zh"):
        assert all(np.array_equal(a, b) for a, b in zip(getattr(t, k), getattr(u, k), strict=True))
    assert u.translations("tariff", "en") == t.translations("tariff", "en")


def _overlap_as_before(zh_words, en, *, strict=False):  # noqa: ANN001, ANN202
    """``translation_overlap`` as written before it was indexed (the reference it must equal)."""
    words = [w if isinstance(w, str) else w[0] for w in zh_words]
    toks = cedict.en_tokens(en) if isinstance(en, str) else list(en)
    lemma_sets = [set(t.lemmas) | {t.lower} for t in toks]
    pairs = []
    zh_content = [i for i, w in enumerate(words) if cedict._is_zh_content(w)]
    en_content = [
        j for j, t in enumerate(toks) if t.lemma not in cedict.STOPWORDS and t.lemma not in cedict.EN_FUNCTION
    ]
    for i in zh_content:
        g = cedict.glosses(words[i], strict=strict)
        if not g:
            continue
        for j, ls in enumerate(lemma_sets):
            if ls & g:
                pairs.append((i, j))
                continue
            if j + 1 < len(toks):
                for a in toks[j].lemmas:
                    for b in toks[j + 1].lemmas:
                        if f"{a} {b}" in g:
                            pairs.append((i, j))
                            pairs.append((i, j + 1))
                            break
    zm = frozenset(i for i, _ in pairs)
    em = frozenset(j for _, j in pairs if j in set(en_content))
    zc = len(zm & set(zh_content)) / len(zh_content) if zh_content else 1.0
    ec = len(em) / len(en_content) if en_content else 1.0
    return cedict.Overlap(tuple(sorted(set(pairs))), zm, em, zc, ec)


@pytest.mark.parametrize(
    ("zh_text", "en_text"),
    [
        ("他拒绝了这个提议。", "He refused the proposal."),
        (
            "央行上调利率，通货膨胀仍然很高。",
            "The central bank raised the interest rate; inflation is still high.",
        ),
        ("中等强国不会被迫选边站。", "Middle powers will not be forced to take sides, he said on Sunday."),
        ("起初神创造天地。", "In the beginning God created the heaven and the earth."),
    ],
)
def test_translation_overlap_is_unchanged(zh_text: str, en_text: str) -> None:
    words = zh.zh_words(zh_text)
    for strict in (False, True):
        want = _overlap_as_before(words, en_text, strict=strict)
        assert cedict.translation_overlap(words, en_text, strict=strict) == want
        assert cedict.translation_overlap(words, cedict.en_tokens(en_text), strict=strict) == want
