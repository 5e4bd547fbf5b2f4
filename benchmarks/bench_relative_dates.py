"""Relative dates (去年 / "last year"): false flags on real translations, and planted slips found.

`python benchmarks/bench_relative_dates.py`

Why: the number check compares dates relative to the writer's today (``align.checks.numbers.relative``).
Faithful pairs that hold one on both sides show its false-flag rate: the gold beads of MAC-Dev and
the Bible, MQM-TED segments without an accuracy error, WMT21 "NOT" pairs (train and dev), DEMETR's
clean pairs. Then, in every such pair whose two sides agree, the Chinese word is replaced by its
neighbour (去年 → 今年, 明天 → 今天, 上周 → 本周, 周一 → 周二, 春天 → 夏天 …): each of those must be
flagged.

Skips with a message where ../shared/data is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_false_flags import gold_beads  # noqa: E402

from align.bench.datasets import data_root, read_wmt21  # noqa: E402
from align.checks.numbers.relative import check_pair, relative_dates  # noqa: E402

# one step along the same unit: what a slip of the translator would write instead
NEIGHBOUR = {
    "去年": "今年", "今年": "去年", "明年": "今年", "前年": "去年", "后年": "明年",
    "上个月": "这个月", "上月": "本月", "本月": "上月", "下个月": "这个月", "下月": "本月",
    "上周": "本周", "本周": "上周", "下周": "本周", "上星期": "这星期", "下星期": "这星期",
    "昨天": "今天", "今天": "昨天", "明天": "今天", "昨日": "今日", "今日": "昨日", "明日": "今日",
    "昨晚": "今晚", "今晚": "昨晚", "今夜": "昨夜", "昨夜": "今夜", "前天": "昨天", "后天": "明天",
}  # fmt: skip
# and a weekday for the next one (周一 → 周二, 星期日 → 星期一)
_DAYS = "一二三四五六日"
NEIGHBOUR |= {
    f"{p}{d}": f"{p}{_DAYS[(k + 1) % 7]}" for p in ("周", "星期", "礼拜") for k, d in enumerate(_DAYS)
}
NEIGHBOUR |= {"星期天": "星期一", "礼拜天": "礼拜一"}
# and a season for the next one (春天 → 夏天, 冬季 → 春季)
NEIGHBOUR |= {f"{a}{t}": f"{b}{t}" for a, b in zip("春夏秋冬", "夏秋冬春", strict=True) for t in "天季"}


def pairs(root) -> dict[str, list[tuple[str, str, str, str]]]:  # noqa: ANN001 - a Path
    """(src, src_lang, tgt, tgt_lang) of every faithful pair, by set."""
    out = {name: gold_beads(name) for name in ("mac-dev", "bible", "mqm-clean")}
    wmt = [p for split in ("train", "dev") for p in read_wmt21(root, split)]
    out["wmt21 NOT (train + dev)"] = [(p.src, "en", p.tgt, "zh") for p in wmt if not p.critical]
    clean: dict[int, tuple[str, str]] = {}
    for f in sorted((root / "demetr-zh").glob("*.json")):
        for r in json.loads(f.read_text(encoding="utf-8")):
            clean[r["id"]] = (r["src_sent"], r["mt_sent"])
    out["demetr clean"] = [(s, "zh", t, "en") for s, t in clean.values()]
    return out


def main() -> int:
    root = data_root()
    if root is None:
        print("skipped: ../shared/data not found (the evaluation data is not part of the repository)")
        return 0
    print("| set | pairs | a relative date on both sides | flagged (false) | neighbour planted | found |")
    print("|---|---|---|---|---|---|")
    total_planted = total_found = 0
    for name, rows in pairs(root).items():
        both = false = planted = found = 0
        for s, sl, t, tl in rows:
            a, b = relative_dates(s, sl), relative_dates(t, tl)
            if not (a and b and {x[0] for x in a} & {x[0] for x in b}):
                continue
            both += 1
            flags = check_pair(s, sl, t, tl)
            false += bool(flags)
            if flags:
                continue
            zh_text, zh_dates = (s, a) if sl == "zh" else (t, b)
            for _unit, _off, start, end in zh_dates:
                new = NEIGHBOUR.get(zh_text[start:end])
                if not new:
                    continue
                slipped = zh_text[:start] + new + zh_text[end:]
                got = check_pair(slipped, sl, t, tl) if sl == "zh" else check_pair(s, sl, slipped, tl)
                planted += 1
                found += any(new in f.message for f in got)
        total_planted += planted
        total_found += found
        print(f"| {name} | {len(rows)} | {both} | {false} | {planted} | {found} |")
    print(f"\nplanted slips found: {total_found} / {total_planted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
