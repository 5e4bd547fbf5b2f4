"""Text helpers and word lists shared by both sides of the name check."""

from __future__ import annotations

import functools
import unicodedata

import regex

from align.lexicon import word_set  # noqa: F401  (shared helper, re-exported for this package)

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")
_NON_LETTER = regex.compile(r"[^a-z]")


def ascii_fold(s: str) -> str:
    """Strip accents (Pará → Para) so spellings with and without diacritics compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Comparison key of an English form: accent-free, lower case, straight apostrophes, single spaces."""
    s = ascii_fold(s).replace("’", "'").lower()
    return " ".join(s.split())


@functools.lru_cache(maxsize=65536)
def letters_of(s: str) -> str:
    """Only the letters of a form, accent-free and lower case (Kenta-Arai → kentaarai).

    Memoised, like :func:`name_key`: both are pure and the name check asks for the same words
    hundreds of times per bead.
    """
    return _NON_LETTER.sub("", name_key(s))


# Small words inside a name: Bank of England, Leonardo da Vinci, Osama bin Laden.
FORM_CONNECT = word_set("of de du da del della der den von van la le al el bin ibn the and y di des do dos")

# Titles and honorifics: part of how a person is referred to, not of the name.
TITLES = word_set("""
president vice secretary minister prime premier chancellor governor gov gov. senator sen sen. rep rep.
representative congressman congresswoman mayor general gen gen. lt lt. col col. colonel sgt sgt. capt
capt. captain adm adm. admiral commander chief chairman chairwoman chair director ambassador envoy
spokesman spokeswoman spokesperson king queen prince princess emperor empress pope sir dame lord lady mr
mr. mrs mrs. ms ms. miss dr dr. prof prof. professor judge justice ceo deputy acting former supreme
speaker leader officer sergeant lieutenant marshal defense defence foreign interior treasury attorney
commissioner secretary-general premier-elect president-elect vice-president chief-executive executive
general-secretary sheikh crown his her their majesty excellency honourable honorable reverend rev rev.
father brother sister saint-like cardinal bishop archbishop rabbi imam ayatollah dalai lama
""")

NON_NAME_ACRONYMS = frozenset(
    x.upper()
    for x in word_set("""
GDP GNP CEO CFO COO CTO AI PM AM TV DNA RNA CPI PPI IT OK ID VIP PHD MBA USB PC CD DVD GPS SMS SUV ATM
VAT HIV AIDS SARS COVID ICU PR HR QR FAQ CEOs IQ EQ UFO BC AD BCE CE FM AV RMB USD EUR YEN OECD UTC GMT
""")
)

# Characters that Chinese uses to spell foreign names (and rarely as ordinary words next to each other).
TRANSLIT = frozenset(
    "阿埃艾爱安昂奥澳巴拜班邦堡贝本比彼毕宾波伯勃博布查察柴达戴丹道德迪狄蒂丁杜顿多厄恩尔法菲斐费芬"
    "佛夫弗伏福盖甘冈戈哥格葛根古圭哈汉豪荷赫亨胡霍基吉加迦贾杰捷津卡凯坎康考柯科克肯孔库夸奎昆拉莱"
    "赖兰朗劳勒雷蕾里莉丽列琳卢鲁伦罗洛吕玛马迈麦曼芒梅门蒙米密缅敏摩莫墨默姆穆纳娜乃奈内尼妮涅宁"
    "纽努诺欧帕派潘庞佩彭蓬皮珀普齐奇琪恰乔切钦琴丘萨塞赛桑瑟森沙莎尚什舍施史舒斯思索苏塔泰坦汤"
    "陶特提汀图托瓦旺威韦维温沃乌伍希锡夏谢辛欣休雅亚扬耶伊依因尤约泽扎詹兹佐祖茨瓜柏鲍朵黛娅露"
    "丝琼茜珊薇莲霍柯莎妮蒂奥贡隆歇肖利金惠"
)


# Characters that transliterate only inside a name, after two transliteration characters (加勒万
# "Galwan"); elsewhere they are numerals (达万亿美元).
TRANSLIT_INSIDE = frozenset("万")
# What follows 万 when it is the numeral "ten thousand" (万亿, 万元, 万人 …), not part of a name.
_AFTER_NUMERAL_WAN = frozenset("亿千百十元人多余名个年户次件台辆吨斤公平米里美欧英日港块股份种项家所只头")


def translit_inside(text: str, k: int, run_start: int) -> bool:
    """Whether ``text[k]``, a ``TRANSLIT_INSIDE`` character, continues the transliteration that
    started at ``run_start``."""
    return (
        text[k] in TRANSLIT_INSIDE
        and k - run_start >= 2
        and (k + 1 >= len(text) or text[k + 1] not in _AFTER_NUMERAL_WAN)
    )


def is_translit(s: str) -> bool:
    """Written only in transliteration characters (特朗普, not 习近平; 加勒万, where 万 comes after two)."""
    return bool(s) and all(
        ch in TRANSLIT or (k >= 2 and ch in TRANSLIT_INSIDE and all(c in TRANSLIT for c in s[:k]))
        for k, ch in enumerate(s)
    )
