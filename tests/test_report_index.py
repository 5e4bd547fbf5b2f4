"""``index.html`` of ``align batch``: escaped, linked, and sortable in a real headless Chromium."""

from __future__ import annotations

from pathlib import Path

from align.batching import COLUMNS
from align.report.index import render_index, write_index
from test_report_html import browser  # noqa: F401 - the module's headless Chromium fixture


def _row(name: str, status: str = "ok", critical: int = 0, seconds: float = 1.0, error: str = "") -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(name=name, status=status, error=error, seconds=seconds)
    if status == "ok":
        row.update(beads=10, critical=critical, major=1, minor=0, max_risk=0.5)
    return row


ROWS = [
    _row("beta", critical=2, seconds=12.5),
    _row("alpha", critical=0, seconds=3.25),
    _row("gamma", status="failed", error="gamma.zh.txt: no such file"),
    _row("delta", critical=10, seconds=100.0),
]


def test_index_escapes_and_links_only_finished_reports():
    page = render_index([_row("<script>x</script>"), *ROWS], ("json", "html"))
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert 'href="beta/report.html"' in page and 'href="gamma/report.html"' not in page
    assert "4 checked, 1 failed, 2 with critical flags" in page
    without_html = render_index(ROWS, ("json",))
    assert "report.html" not in without_html


def _names(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [tr.get_attribute("data-name") for tr in driver.find_elements(By.CSS_SELECTOR, "#pairs tbody tr")]


def _click(driver, label: str) -> None:
    from selenium.webdriver.common.by import By

    [th] = [th for th in driver.find_elements(By.CSS_SELECTOR, "#pairs th") if th.text.strip(" ▲▼") == label]
    th.click()


def test_index_sorts_by_any_column_in_the_browser(browser, tmp_path: Path):  # noqa: F811
    from selenium.webdriver.common.by import By

    for r in ROWS:
        if r["status"] == "ok":
            (tmp_path / r["name"]).mkdir()
            (tmp_path / r["name"] / "report.html").write_text("<p>report</p>", encoding="utf-8")
    path = write_index(tmp_path, ROWS, ("html",))
    browser.get(path.resolve().as_uri())
    assert _names(browser) == ["beta", "alpha", "gamma", "delta"]  # the batch's order
    _click(browser, "critical")
    assert _names(browser) == ["gamma", "alpha", "beta", "delta"]  # numbers, not strings: 10 > 2
    _click(browser, "critical")
    assert _names(browser) == ["delta", "beta", "alpha", "gamma"]
    _click(browser, "pair")
    assert _names(browser) == ["alpha", "beta", "delta", "gamma"]
    _click(browser, "seconds")
    assert _names(browser)[-1] == "delta"  # 100 s sorts after 12.5 s
    link = browser.find_element(By.LINK_TEXT, "beta")
    link.click()
    assert browser.current_url.endswith("/beta/report.html") and "report" in browser.page_source
