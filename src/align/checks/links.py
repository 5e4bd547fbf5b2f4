"""Word links inside a bead, from the translation table learned from human translations: a term
rendered as a neighbouring term, and a run of content words the other side does not render.

Why: sentence vectors barely move when one term becomes its neighbour in the same field
("sanctions" → 关税 "tariffs", "inflation" → 通缩 "deflation"), and a dropped clause without a comma
("after a meeting with X on Sunday") leaves the rest of the sentence matching well. Both show in the
word links (``align.text.wordlinks``): the original's word has none of its usual renderings in the
translation, and the translation holds an unlinked word that usually renders something else.

Two findings, each tuned for precision (a faithful free translation also leaves words unlinked):

* **Substitution** (``mistranslation``): an English content word the table knows well (its likeliest
  rendering has p(zh|en) >= ``KNOWN_P``) with none of its usual renderings anywhere in the Chinese
  (``RENDERING_P``), facing an unlinked Chinese content word at a comparable place whose own usual
  meaning (table, else CC-CEDICT) is absent from the English, and which USE calls related to the
  English word (same field, ``FIELD_SIM``) but not a near-synonym of its usual rendering
  (``SYNONYM_SIM``). Reported with both words and both glosses.
* **Unrendered run** (``omission`` in the original, ``addition`` in the translation): at least
  ``RUN_WORDS`` consecutive content words (names do not count towards it: the name check owns them)
  with no link, in a sentence whose other content words are mostly linked (``REST_LINKED``).
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import numpy as np

from align.checks.base import PairCheck
from align.resources import Resources, default_resources
from align.text.cedict import senses
from align.text.en import EN_FUNCTION, STOPWORDS
from align.text.spans import without_span
from align.text.ttable import TranslationTable, load_table
from align.text.wordlinks import WordLinks, positions, usual_meanings, usual_renderings, word_links
from align.text.zh import pos_tokenizer
from align.types import Flag

KNOWN_P = 0.3  # the English word has one dominant rendering
RENDERING_P = 0.05  # renderings this likely count as "usual"
MEANING_P = 0.3  # the Chinese word has one dominant meaning
FIELD_SIM = 0.3  # USE cosine of the two words: same field (unrelated words are ~0.2)
SYNONYM_SIM = 0.8  # USE cosine of the actual and the usual rendering above which they are synonyms
MAX_SHIFT = 0.6  # relative positions further apart than this are not one slot (Chinese reorders much)
SUBSTITUTION_CONFIDENCE = 0.6
RUN_WORDS = {"en": 4, "zh": 4}  # lower-case content words in an unlinked run
REST_LINKED = 0.5  # share of the other content words that must be linked
RUN_CONFIDENCE = 0.55
# Sentence-level evidence (USE cosine of the two sides, the bead's own vectors): putting the English
# word's usual rendering in place of the Chinese word must raise the similarity by SWAP_GAIN, and
# with the Chinese word's meaning put back into the English, by SWAP_GAIN_BOTH together; leaving a
# run out must raise it by RUN_GAIN. A free rendering that the table does not know changes little
# either way (set on sentences written for the tests and the written texts: in-sample).
SWAP_GAIN = 0.045
SWAP_GAIN_BOTH = 0.06
RUN_GAIN = 0.04


@dataclass(frozen=True)
class Substitution:
    en_index: int
    zh_index: int
    en_word: str
    zh_word: str
    usual: tuple[str, ...]  # the English word's usual renderings
    meaning: str  # what the Chinese word usually renders
    field_sim: float
    gain: float = 0.0  # how much the sentence similarity rises with the usual rendering put back


def _content_gloss(words: str) -> bool:
    return all(
        len(w) > 2 and w.isalpha() and w not in STOPWORDS and w not in EN_FUNCTION for w in words.split()
    )


def _meaning(table: TranslationTable, zh_word: str) -> str | None:
    """What a Chinese word usually renders: the table's dominant meaning, else CC-CEDICT's first
    common sense; None when neither is sure (or the meaning is a function word, an alignment artefact)."""
    m = usual_meanings(table, zh_word)
    if m and m[0][1] >= MEANING_P:
        return m[0][0] if _content_gloss(m[0][0]) else None
    for s in senses(zh_word):
        if not s.rare and not s.proper and 1 <= len(s.words) <= 2:
            gloss = " ".join(s.words)
            return gloss if _content_gloss(gloss) else None
    return None


# jieba tags of a term: nouns (names excluded: the name check owns them), verbal nouns (出口),
# abbreviations (通胀) and set phrases (通货膨胀). Swaps of verbs are mostly free renderings.
_TERM_TAGS = ("n", "vn", "nz", "j", "l", "ng")


@functools.lru_cache(maxsize=65536)
def is_term(zh_word: str) -> bool:
    """Whether jieba tags the word (alone) as a noun-like term."""
    parts = list(pos_tokenizer().cut(zh_word))
    return bool(parts) and parts[-1].flag in _TERM_TAGS


def _is_name(links: WordLinks, i: int, en_text: str) -> bool:
    """A capitalised word inside a sentence that the table does not know (Nakatani, not Japanese)."""
    t = links.en[i]
    if not t.text[:1].isupper() or load_table().known(t.lemma, "en"):
        return False
    before = en_text[: t.start].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“”‘’'("


def substitutions(links: WordLinks, en_text: str, zh_text: str, res: Resources) -> list[Substitution]:
    """Pairs of an unrendered English term and the unlinked Chinese word that stands in its place."""
    table = load_table()
    en_lemmas = {lem for t in links.en for lem in t.lemmas}
    cands_e = []
    for i in links.en_unlinked():
        if _is_name(links, i, en_text):
            continue
        usual = usual_renderings(table, links.en[i].lemma, min_p=RENDERING_P)
        if not usual or usual[0][1] < KNOWN_P or any(z in zh_text for z, _ in usual):
            continue
        if len(usual[0][0]) < 2 or not is_term(usual[0][0]):
            continue
        cands_e.append((i, tuple(z for z, _ in usual)))
    if not cands_e:
        return []
    cands_z = []
    for j in links.zh_unlinked():
        w = links.zh[j][0]
        if len(w) < 2 or not is_term(w):
            continue
        meaning = _meaning(table, w)
        if meaning is None or any(part in en_lemmas for part in meaning.split()):
            continue
        cands_z.append((j, meaning))
    if not cands_z:
        return []
    pe, pz = positions(len(links.en)), positions(len(links.zh))
    words = [links.en[i].text for i, _ in cands_e] + [links.zh[j][0] for j, _ in cands_z]
    words += [u[0] for _, u in cands_e]
    V = res.word_vectors().encode(words)
    ne, nz = len(cands_e), len(cands_z)
    E, Z, U = V[:ne], V[ne : ne + nz], V[ne + nz :]
    field = E @ Z.T  # English word vs Chinese word
    synonym = U @ Z.T  # usual rendering vs Chinese word
    out: list[Substitution] = []
    used: set[int] = set()
    for a in np.argsort(-field.max(axis=1), kind="stable"):
        i, usual = cands_e[a]
        best = None
        for b in np.argsort(-field[a], kind="stable"):
            j, meaning = cands_z[b]
            if j in used or field[a, b] < FIELD_SIM:
                continue
            if synonym[a, b] >= SYNONYM_SIM or abs(pe[i] - pz[j]) > MAX_SHIFT:
                continue
            best = (b, j, meaning)
            break
        if best is None:
            continue
        b, j, meaning = best
        used.add(j)
        out.append(
            Substitution(i, j, links.en[i].text, links.zh[j][0], usual, meaning, round(float(field[a, b]), 3))
        )
    return out


def _runs(links: WordLinks, side: str, en_text: str) -> list[tuple[int, int, int]]:
    """Unlinked runs of content words on one side: (first word, last word, lower-case words)."""
    content = links.en_content if side == "en" else links.zh_content
    linked = links.en_linked if side == "en" else links.zh_linked
    out = []
    run: list[int] = []
    for k in [*content, None]:
        if k is not None and k not in linked:
            run.append(k)
            continue
        if run:
            names = sum(_is_name(links, i, en_text) for i in run) if side == "en" else 0
            plain = len(run) - names
            out.append((run[0], run[-1], plain))
        run = []
    return out


def unrendered_runs(links: WordLinks, en_text: str) -> list[tuple[str, tuple[int, int], str]]:
    """(side, character span, text) of each run of content words the other side does not render."""
    out = []
    for side in ("en", "zh"):
        content = links.en_content if side == "en" else links.zh_content
        linked = links.en_linked if side == "en" else links.zh_linked
        for first, last, plain in _runs(links, side, en_text):
            if plain < RUN_WORDS[side]:
                continue
            inside = {k for k in content if first <= k <= last}
            rest = [k for k in content if k not in inside]
            if not rest or sum(k in linked for k in rest) / len(rest) < REST_LINKED:
                continue
            if side == "en":
                span = (links.en[first].start, links.en[last].end)
            else:
                span = (links.zh[first][1], links.zh[last][2])
            out.append((side, span, ""))
    return out


def _confirmed_substitutions(
    subs: list[Substitution], links: WordLinks, en_text: str, zh_text: str, res: Resources
) -> list[Substitution]:
    """The substitutions that the sentence vectors confirm (see ``SWAP_GAIN``)."""
    if not subs:
        return []
    texts = [en_text, zh_text]
    for s in subs:
        t = links.en[s.en_index]
        _, zs, ze = links.zh[s.zh_index]
        texts += [zh_text[:zs] + r + zh_text[ze:] for r in s.usual[:3]]
        texts.append(en_text[: t.start] + s.meaning + en_text[t.end :])
    V = res.word_vectors().encode(texts)
    base = float(V[0] @ V[1])
    out, k = [], 2
    for s in subs:
        n = len(s.usual[:3])
        g1 = max(float(V[0] @ V[k + r]) for r in range(n)) - base
        g2 = float(V[k + n] @ V[1]) - base
        k += n + 1
        if g1 >= SWAP_GAIN and g1 + g2 >= SWAP_GAIN_BOTH:
            out.append(dataclasses.replace(s, gain=round(g1, 3)))
    return out


def _confirmed_runs(
    runs: list[tuple[str, tuple[int, int], str]], en_text: str, zh_text: str, res: Resources
) -> list[tuple[str, tuple[int, int], float]]:
    """The runs whose leaving out raises the sentence similarity by ``RUN_GAIN``."""
    if not runs:
        return []
    texts = [en_text, zh_text]
    for side, (a, b), _ in runs:
        texts.append(without_span(en_text if side == "en" else zh_text, a, b, side))
    V = res.word_vectors().encode(texts)
    base = float(V[0] @ V[1])
    out = []
    for k, (side, span, _) in enumerate(runs):
        other = V[1] if side == "en" else V[0]
        gain = float(V[2 + k] @ other) - base
        if gain >= RUN_GAIN:
            out.append((side, span, round(gain, 3)))
    return out


class LinkCheck(PairCheck):
    """Substituted terms and unrendered runs, from word links learned from human translations."""

    name = "links"
    kinds = ("mistranslation", "omission", "addition")
    default = False
    summary = "a term rendered as a neighbouring term (sanctions ↔ 关税), a run of words not rendered"

    def check_pair(self, src_text: str, src_lang: str, tgt_text: str, tgt_lang: str) -> list[Flag]:
        return check_pair(src_text, src_lang, tgt_text, tgt_lang, self.resources)


def check_pair(
    src_text: str, src_lang: str, tgt_text: str, tgt_lang: str, resources: Resources | None = None
) -> list[Flag]:
    """Flags of one bead (either direction); spans index into ``src_text`` / ``tgt_text``."""
    if {src_lang, tgt_lang} != {"en", "zh"} or not src_text.strip() or not tgt_text.strip():
        return []
    res = resources or default_resources()
    en_is_src = src_lang == "en"
    en_text, zh_text = (src_text, tgt_text) if en_is_src else (tgt_text, src_text)
    links = word_links(en_text, zh_text)
    flags: list[Flag] = []
    candidates = substitutions(links, en_text, zh_text, res)
    for s in _confirmed_substitutions(candidates, links, en_text, zh_text, res):
        t = links.en[s.en_index]
        _, zs, ze = links.zh[s.zh_index]
        usual = s.usual[0]
        if en_is_src:
            msg = (
                f'"{s.en_word}" is rendered as {s.zh_word} ("{s.meaning}"): {s.zh_word} usually '
                f'translates "{s.meaning}", and "{s.en_word}" is usually {usual}, which the translation lacks'
            )
            spans = ((t.start, t.end), (zs, ze))
            flags.append(Flag("mistranslation", "major", SUBSTITUTION_CONFIDENCE, msg, *spans))
        else:
            msg = (
                f'{s.zh_word} ("{s.meaning}") is rendered as "{s.en_word}" ({usual}): a neighbouring '
                f"term, not a translation of {s.zh_word}"
            )
            spans = ((zs, ze), (t.start, t.end))
            flags.append(Flag("mistranslation", "major", SUBSTITUTION_CONFIDENCE, msg, *spans))
    for side, span, _ in _confirmed_runs(unrendered_runs(links, en_text), en_text, zh_text, res):
        text = (en_text if side == "en" else zh_text)[span[0] : span[1]]
        in_source = (side == "en") == en_is_src
        if in_source:
            msg = f'the original\'s "{text}" has no counterpart in the translation (omitted?)'
            flags.append(Flag("omission", "major", RUN_CONFIDENCE, msg, source_span=span))
        else:
            msg = f'"{text}" in the translation has no counterpart in the original (added?)'
            flags.append(Flag("addition", "major", RUN_CONFIDENCE, msg, target_span=span))
    return flags
