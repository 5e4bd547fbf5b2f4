"""Name check: people, places and organisations named in the original must be named in the translation.

Why a separate check: a swapped country ("Japan" rendered as 韩国) or a dropped person is a critical
error that sentence similarity barely notices — the sentence still reads like a faithful rendering.
Names are also the one thing that can be checked almost mechanically across the two languages:

* **known names** come from a hand-written gazetteer (``data/names_gazetteer.tsv``: countries with their
  demonyms, capitals and major cities, regions, seas, organisations) and from the proper nouns of
  CC-CEDICT (capitalised pinyin: 特朗普 → "Donald Trump", 杜伊斯堡 → "Duisburg");
* **Chinese names** (习近平, 重庆, 段梦琪) are romanised with pypinyin and looked up as written;
* **transliterations** (赫格塞思 ≈ Hegseth, 鲁比奥 ≈ Rubio) are compared with a phonetic similarity that
  knows how Chinese transliterates English: both sides are reduced to a skeleton of sound classes
  (b/p, d/t, g/k/c, s/z/sh, x, j/q/zh/ch, l/r, …, and three vowel classes) and compared with a weighted
  edit distance in which the usual changes of transliteration are cheap — an inserted vowel
  (Hegseth → he-ge-sai-si), r ↔ l, a dropped r or final consonant, v ↔ w, h ↔ x. On the 595
  CC-CEDICT "X (name)" pairs, 90 % of the true pairs score ≥ ``MATCH_THRESHOLD`` (0.65) and 1.3 % of
  random pairs do; most of the misses are Japanese names written in kanji (松下 Matsushita);
* **Latin text inside Chinese** (马尔科·鲁比奥(Marco Rubio), 查科 (Chaco), an acronym such as CEP)
  must appear in the English as written.

Finding a name's counterpart is deliberately lenient (any listed form, any case, derived forms such as
Argentine/Argentina, close spellings, a person by the surname alone), because a miss becomes a flag.

Precision comes first. Every candidate name carries a confidence from how sure its *extraction* is: a
gazetteer place or organisation 0.8; a capitalised multi-word name 0.75; a Latin name or a
middle-dot name in Chinese 0.75; a CC-CEDICT name 0.7; a transliteration 0.6 (two characters 0.5); a
single capitalised unknown word in mid-sentence, or a native Chinese name found by jieba's tagger,
0.55; a romanised Japanese-looking name (Chinese writes it in kanji, which pinyin cannot match), an
unknown acronym, a demonym, a one-word organisation that is also an ordinary word (Congress), or a
two-character county name jieba does not tag as a place 0.4–0.45; a capitalised phrase of ordinary
words ("Defense Ministry", "Scientific Revolution") 0.3, unless it starts with a given name that is
also a word (Bill Gates, Tom Hardy: 0.55). Kinds of flag:

* **missing** (major, confidence = extraction confidence): an original name with no counterpart;
  emitted only at ``MIN_CONFIDENCE`` (0.5) or above;
* **swap** (critical, 0.9, or 0.75 below 0.7): a missing name that would be flagged anyway (or a
  country/city demonym) and a *known* name of a compatible type in the translation that the original
  does not contain; both spans are given;
* **added** (minor, 0.55): a gazetteer place or organisation in the translation with no counterpart in
  the original — except a country in a title (美国总统特朗普, "U.S. President Trump") or a country the
  Chinese implies (我国, 国内, 回国 imply China);
* **Latin name not in the original** (major, 0.6; English original only): a Chinese translation
  copies Latin-letter names from its original, so one the original lacks came from somewhere else
  (TogiNet Radio for "Hunan TV"; MERM for MEMRI);
* **given name** (major, 0.6): the surname is rendered, the given name is another one (格雷琴·惠特默
  ↔ "Zeman Whitmer"), in either direction.

An unknown English name whose words CC-CEDICT finds translated (微软飞行模拟器 for "Microsoft Flight
Simulator") is rendered by meaning.

Literary translation renders weak names otherwise, so two kinds of weak evidence get a second chance:
a native name only jieba's tagger found is not flagged where the English has a personal pronoun, leaves
out the speaker of a quotation (X道：“…”), or has an unexplained capitalised phrase of ordinary words
(a name rendered by meaning); an unknown one-word English name is looked for again, one stretch per
name, at a lower phonetic threshold (old spellings of Bible names: Enoch → 以诺, Jabal → 雅八).
False flags on faithful published translations (benchmarks/bench_false_flags.py --checks names):
MAC-Dev 149 → 24 of 1,337 beads, Bible 504 → 339 of 4,747; on MQM-TED segments without an accuracy
error 71 → 5 of 5,995 (a dictionary place name read across a word cut, 中都 in 中 + 都 "all"; 米高
in 40米高; a dash typed as a hyphen, "Wales-the"; "Long Beach, CA"). The price: a name really dropped from a
sentence that has a pronoun is missed (1 of 24 DEMETR removals), and an unknown English name is
"found" in an unrelated Bible verse 13.5 % of the time instead of 6.4 % (thresholds 0.6 / 0.75; see
``find_in_zh.WEAK_MATCH_THRESHOLD``).

Measured (see tests/test_names.py): DEMETR zh→en, name replaced 41/43 flagged, name removed 39/43,
clean pairs 0/50; the same pairs reversed (English original) 0/50 clean flagged.

Modules: ``text`` (shared helpers and word lists), ``phonetic`` (transliteration similarity),
``gazetteer`` (the known-name lexicon and its cache), ``candidate`` (a name found in a text),
``english`` / ``chinese`` (finding candidate names), ``find_in_en`` / ``find_in_zh`` (finding a name's
counterpart in the other text), ``check`` (pairing them into flags).
"""

from align.checks.names.candidate import Cand
from align.checks.names.check import MIN_CONFIDENCE, check_pair
from align.checks.names.chinese import zh_candidates
from align.checks.names.english import en_candidates
from align.checks.names.gazetteer import PLACE_TYPES, Entry, Lexicon, lexicon
from align.checks.names.phonetic import (
    MATCH_THRESHOLD,
    STRICT_MATCH_THRESHOLD,
    en_code,
    phonetic_similarity,
    pinyin_of,
    py_code,
)
from align.checks.names.text import ascii_fold

__all__ = [
    "MATCH_THRESHOLD",
    "MIN_CONFIDENCE",
    "PLACE_TYPES",
    "STRICT_MATCH_THRESHOLD",
    "Cand",
    "Entry",
    "Lexicon",
    "ascii_fold",
    "check_pair",
    "en_candidates",
    "en_code",
    "lexicon",
    "phonetic_similarity",
    "pinyin_of",
    "py_code",
    "zh_candidates",
]
