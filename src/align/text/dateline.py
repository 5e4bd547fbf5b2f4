"""Datelines: "【新华社布鲁塞尔10月4日电】", "TOKYO — ", "BRUSSELS (Reuters) - ".

Why: a news translation routinely adds, drops or rewrites the dateline (the agency, the city and
the date of filing) — the issue lists "a dateline … added for clarity" among the things that must
not be flagged. Its city, agency and date are not the article's content, so the number and name
checks leave a dateline at the start of either side out of their comparison.
"""

from __future__ import annotations

import regex

_ZH = (
    # 【新华社布鲁塞尔10月4日电】, （记者 王明）, [本报讯]
    regex.compile(r"^\s*[【\[（(〔]([^】\]）)〕]{1,40}?(?:电|讯|报道|记者[^】\]）)〕]{0,12}))[】\]）)〕]\s*"),
    # 新华社北京3月5日电 / 本报讯 / 中新网3月5日电（记者 王明） without brackets
    regex.compile(
        r"^\s*(?:\p{Han}{1,6}(?:社|网|报|台)\p{Han}{0,8}?\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)|本报讯)"
        r"(?:\s*[（(][^）)]{1,20}[）)])?\s*"
    ),
)
# CITY — / CITY, Nov. 3 (AP) — / CITY (Reuters) - : a capitalised place, optional date and agency
# (at least four capitals, so "US - China talks" is no dateline; a new sentence follows the dash)
_EN = regex.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'\-]+(?:[ ]+[A-Z][A-Z.'\-]+)*)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|,\s*[A-Z][A-Za-z.]+)?"
    r"(?:\s*\([A-Za-z .&]{2,30}\))?\s*(?:—|–|--|-)\s+(?=[\"“‘'A-Z0-9])"
)


def dateline_end(text: str, lang: str) -> int:
    """Where a dateline opening ``text`` ends (0 when there is none)."""
    if lang == "zh":
        for pat in _ZH:
            m = pat.match(text)
            if m:
                return m.end()
        return 0
    if lang == "en":
        m = _EN.match(text)
        if m and sum(c.isalpha() for c in m.group("city")) >= 4:
            return m.end()
    return 0
