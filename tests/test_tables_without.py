"""``benchmarks/tables_without.py``: a fit script can make the word linker read a table and null
rates other than the shipped ones (built without the pairs it fits on), and put them back."""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))

import tables_without as T  # noqa: E402

import align.text.nullrates as nr  # noqa: E402
import align.text.ttable as tt  # noqa: E402
from align.text.datafiles import data_path  # noqa: E402
from align.text.wordlinks import word_links  # noqa: E402

EN = "The United States imposed new sanctions on Russia."
ZH = "美国对俄罗斯实施了新的制裁。"


def test_use_tables_switches_the_linker_to_other_files(tmp_path: Path) -> None:
    shutil.copy(data_path("null_rates.tsv.gz"), tmp_path / "null_rates.tsv.gz")
    # a table that lacks every row with 制裁: the learned link goes (CC-CEDICT still links the word)
    with gzip.open(data_path("ttable.tsv.gz"), "rt", encoding="utf-8") as src, gzip.open(
        tmp_path / "ttable.tsv.gz", "wt", encoding="utf-8"
    ) as dst:
        dst.writelines(line for line in src if "\t制裁\t" not in line)
    saved_table, saved_rates = tt.TABLE_PATH, nr.NULL_RATES_PATH
    try:
        shipped = tt.load_table()
        T.use_tables(tmp_path)
        other = tt.load_table()
        assert other is not shipped
        assert other.prob("sanction", "制裁") == (0.0, 0.0) and shipped.prob("sanction", "制裁")[0] > 0
        assert tmp_path / "null_rates.tsv.gz" == nr.NULL_RATES_PATH
        assert nr.load_null_rates().totals == nr.read_null_rates(data_path("null_rates.tsv.gz")).totals
        assert word_links(EN, ZH).links  # the linker runs on the other table
    finally:
        tt.TABLE_PATH, nr.NULL_RATES_PATH = saved_table, saved_rates
        tt.load_table.cache_clear()
        nr.load_null_rates.cache_clear()
    assert tt.load_table().prob("sanction", "制裁")[0] > 0
