"""A figure's movement read at the figure: 丰田上涨4.2% vs 'lost 4.2 percent', 升至 vs 'weakened to'."""

from __future__ import annotations

import functools

from align.checks.lexical.analysis import _En, _Zh
from align.checks.lexical.findings import _Finding
from align.checks.lexical.tables import relations
from align.text.numbers.extract import extract_numbers
from align.text.words import word_set

# Words that say which way a value moved when they stand right before its figure (丰田上涨4.2%,
# "Toyota lost 4.2 percent", "up 2.7 percent", 上调25个基点).
_ZH_MOVE = {
    "increase": word_set(
        "上涨 涨 大涨 增长 增加 增 上升 升 提高 提升 攀升 跃升 飙升 扩大 上调 回升 反弹 走高 升值 加 "
        "升至 涨至 增至 升到 涨到 增到 提高到 提高至 上升至 上升到 增长到 增长至 攀升至 回升至 高 高出",
    ),
    "decrease": word_set(
        "下跌 跌 大跌 暴跌 下降 降 减少 减 降低 下滑 缩小 下调 回落 锐减 萎缩 下挫 走低 贬值 缩减 跌落 "
        "跌至 降至 减至 跌到 降到 减到 下降到 下降至 减少到 减少至 回落至 下滑至 跌破 低",
    ),
}
# Beyond the opposites table's increase/decrease groups: words that are a movement only in front
# of a figure ("lost 4.2 percent", "added 3%", "up 2.7 percent", "strengthened to 142").
_EN_MOVE_EXTRA = {
    "increase": word_set("add jump lift up advance rebound strengthen appreciate"),
    "decrease": word_set("lose slide slip shed sink tumble down retreat weaken depreciate ease"),
}


@functools.cache
def _en_move_words() -> dict[str, frozenset[str]]:
    """English words of each direction: the opposites table's increase and decrease groups, plus
    ``_EN_MOVE_EXTRA``."""
    out = {}
    for way in ("increase", "decrease"):
        group = next(g for rel in relations() for g in rel.groups if way in g)
        out[way] = group | _EN_MOVE_EXTRA[way]
    return out


# What may stand between the movement word and its figure.
_ZH_MOVE_GAP = word_set("了 约 大约 近 达 到 至 逾 超过 将近 接近")
_EN_MOVE_GAP = word_set("by about nearly almost some roughly around a an more than over to")


def _zh_move(z: _Zh, start: int) -> tuple[str, tuple[int, int]] | None:
    """The direction and span of a movement word right before a Chinese figure at ``start``."""
    k = next((i for i, (_, s, e) in enumerate(z.words) if e == start), None)
    while k is not None and k >= 0 and z.words[k][0] in _ZH_MOVE_GAP:
        k -= 1
    if k is None or k < 0:
        return None
    w, s, e = z.words[k]
    for way, words in _ZH_MOVE.items():
        if w in words:
            return way, (s, e)
    return None


def _en_move(e: _En, start: int) -> tuple[str, tuple[int, int]] | None:
    """The direction and span of a movement word (rose, lost, up …) right before an English figure."""
    j = max((i for i, t in enumerate(e.toks) if t.end <= start), default=None)
    steps = 0
    while j is not None and j >= 0 and e.toks[j].lower in _EN_MOVE_GAP and steps < 3:
        j, steps = j - 1, steps + 1
    if j is None or j < 0:
        return None
    t = e.toks[j]
    for way, lemmas in _en_move_words().items():
        if {t.lower, *t.lemmas} & lemmas:
            return way, (t.start, t.end)
    return None


# A comparative right after a figure: "47 percent less likely", "20% more".
_EN_MOVE_AFTER = {
    "increase": word_set("more higher greater larger bigger"),
    "decrease": word_set("less lower fewer smaller"),
}


def _en_move_after(e: _En, end: int) -> tuple[str, tuple[int, int]] | None:
    """The direction and span of a comparative right after an English figure ending at ``end``."""
    t = next((t for t in e.toks if t.start >= end), None)
    if t is None or e.text[end : t.start].strip():
        return None
    for way, words in _EN_MOVE_AFTER.items():
        if t.lower in words:
            return way, (t.start, t.end)
    return None


def _figure_move_findings(z: _Zh, e: _En) -> list[_Finding]:
    """A figure both sides give once, moving up on one side and down on the other: 丰田上涨4.2%
    against "Toyota lost 4.2 percent". Read at the figure, so a sentence that reports rises and
    falls together (where counting the words for rise and fall cannot tell) is judged figure by
    figure."""
    zq = [q for q in extract_numbers(z.text, "zh") if not q.weak and q.unit not in ("name", "ordinal")]
    eq = [q for q in extract_numbers(e.text, "en") if not q.weak and q.unit not in ("name", "ordinal")]
    out: list[_Finding] = []
    for a in zq:
        same_z = [q for q in zq if q.value == a.value]
        same_e = [q for q in eq if q.value == a.value]
        if len(same_z) != 1 or len(same_e) != 1:
            continue
        za = _zh_move(z, a.start)
        ea = _en_move(e, same_e[0].start) or _en_move_after(e, same_e[0].end)
        if za and ea and za[0] != ea[0]:
            word = z.text[za[1][0] : za[1][1]]
            out.append(
                _Finding("antonym", "critical", 0.85, za[1], ea[1], f'"{word}" means "{za[0]}" at {a.text}')
            )
    return out
