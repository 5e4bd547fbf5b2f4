"""How often translators leave a word unrendered (``data/null_rates.tsv.gz``), the risk feature that
reads it, and the script that rebuilds it."""

from __future__ import annotations

import gzip
import importlib.util
import math
import sys
from pathlib import Path

import pytest

from align.risk import link_features, null_features
from align.text.cedict import translation_overlap
from align.text.en import en_tokens
from align.text.nullrates import NULL_RATES_PATH, load_null_rates, read_null_rates
from align.text.ttable import link, load_table
from align.text.wordlinks import word_links
from align.text.zh import zh_words

ROOT = Path(__file__).resolve().parents[1]


def test_file_ships_with_provenance_and_totals():
    with gzip.open(NULL_RATES_PATH, "rt", encoding="utf-8") as f:
        head = [line for line in f if line.startswith("#")]
    text = "".join(head)
    assert "CC BY-SA 4.0" in text and "scripts/build_null_rates.py" in text
    for source in ("tatoeba.tsv", "mlqe-pe.tsv", "wiki-bio.tsv", "ntrex.tsv", "hsk.tsv"):
        assert source in text
    rates = load_null_rates()
    for side in ("en", "zh"):
        n, u = rates.totals[side]
        assert n > 100_000 and 0.05 < u / n < 0.5
        assert all(0 <= un <= k and k >= 3 for k, un in rates.counts[side].values())
    assert (ROOT / "src" / "align" / "data" / "null_rates.md").exists()


def test_words_translators_always_render_are_more_surprising():
    rates = load_null_rates()
    assert rates.surprise("制裁", "zh") > 0.5 > rates.surprise("情况", "zh")
    assert rates.surprise("sanction", "en") > 0.5 > rates.surprise("along", "en")
    # an unlisted word takes its side's overall rate: no evidence either way
    assert rates.rate("从未见过的词", "zh") == pytest.approx(rates.overall("zh"))
    assert rates.surprise("zzzunseen", "en") == pytest.approx(0.0)
    for w in ("制裁", "情况", "人"):
        assert 0.0 < rates.rate(w, "zh") < 1.0


def test_an_unrendered_word_raises_zh_null():
    zh = "美国宣布对伊朗实施新的制裁。"
    faithful = null_features(zh, "The United States announced new sanctions against Iran.")
    dropped = null_features(zh, "The United States announced new steps against Iran.")
    assert dropped["zh_null"] > faithful["zh_null"]
    assert dropped["zh_null"] == pytest.approx(load_null_rates().surprise("制裁", "zh"))
    assert (
        link_features(zh, "The United States announced new steps against Iran.")["zh_null"]
        == dropped["zh_null"]
    )
    assert null_features("", "Anything at all.")["zh_null"] == 0.0


def test_word_links_reuses_what_the_caller_computed():
    en = "The central bank raised interest rates by a quarter point on Tuesday."
    zh = "央行周二将利率上调了25个基点，研究人员表示。"
    toks, words = en_tokens(en), zh_words(zh)
    learned = link(load_table(), [t.lemma for t in toks], [w for w, _, _ in words])
    given = word_links(en, zh, learned=learned, overlap=translation_overlap(words, en))
    assert given == word_links(en, zh)
    assert given.links  # something links


def _script():  # noqa: ANN202 - the module scripts/build_null_rates.py
    spec = importlib.util.spec_from_file_location(
        "build_null_rates", ROOT / "scripts" / "build_null_rates.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_null_rates"] = module  # its worker function is pickled by name (-j 2)
    spec.loader.exec_module(module)
    return module


def test_build_script_counts_linked_and_unlinked_words(tmp_path):
    data = tmp_path / "parallel"
    data.mkdir()
    rows = ["我喜欢狗。\tI like dogs.", "狗很可爱。\tDogs are cute.", "他有一只狗。\tHe has a dog."]
    rows += ["昨天下雨了。\tIt rained.", "我昨天很忙。\tI was busy.", "昨天是周一。\tIt was Monday."]
    for k, name in enumerate(("tatoeba.tsv", "mlqe-pe.tsv", "wiki-bio.tsv", "ntrex.tsv", "hsk.tsv")):
        body = rows if k == 0 else []
        (data / name).write_text("zh\ten\n" + "".join(r + "\n" for r in body), encoding="utf-8")
    out1, out2 = tmp_path / "a", tmp_path / "b"
    script = _script()
    assert script.main(["--data", str(data), "--out", str(out1), "-j", "1"]) == 0
    assert script.main(["--data", str(data), "--out", str(out2), "-j", "2"]) == 0
    built = out1 / "null_rates.tsv.gz"
    assert built.read_bytes() == (out2 / "null_rates.tsv.gz").read_bytes()  # order-independent
    rates = read_null_rates(built)
    assert rates.counts["zh"]["狗"] == (3, 0)  # rendered every time
    assert rates.counts["zh"]["昨天"] == (3, 3)  # never rendered in these made-up pairs
    assert rates.surprise("狗", "zh") > 0.0 > rates.surprise("昨天", "zh")
    n, u = rates.totals["zh"]
    assert n >= 6 and u >= 3 and not math.isnan(rates.overall("zh"))
