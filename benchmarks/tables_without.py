"""Build a translation table and null rates that have not seen NTREX: ``parallel/`` without
``ntrex.tsv``, for fitting the small models on NTREX with word links as they will be at run time.

Why: the shipped table (``data/ttable.tsv.gz``) and null rates were learned from every pair of
``parallel/``, NTREX included, so on NTREX pairs the table links nearly every word the translator
chose: faithful NTREX pairs leave far fewer, and far more telling, words unlinked than any text a
user brings. A model whose features read the links, fit on NTREX with the shipped table, learns from
in-sample links (measured on a learned term-swap model: ten times more false flags on unseen news
than on its own held-out NTREX documents; ``benchmarks/RESULTS.md``).

    python benchmarks/tables_without.py --out /tmp/no_ntrex          # ~1 min on 2 cores
    python benchmarks/clause_fit/fit.py --tables /tmp/no_ntrex [--write]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import ntrex_fit as nf  # noqa: E402


def use_tables(folder: Path) -> None:
    """Make this process read the table and null rates in ``folder`` instead of the shipped ones."""
    import align.text.nullrates as nr
    import align.text.ttable as tt

    tt.TABLE_PATH = folder / "ttable.tsv.gz"
    tt.load_table.cache_clear()
    nr.NULL_RATES_PATH = folder / "null_rates.tsv.gz"
    nr.load_null_rates.cache_clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    data = args.out / "parallel"
    data.mkdir(parents=True, exist_ok=True)
    for path in sorted(nf.PARALLEL.glob("*.tsv")):
        lines = [x for x in path.read_text(encoding="utf-8").split("\n") if x]
        keep = lines[:1] if path.name == "ntrex.tsv" else lines
        (data / path.name).write_text("\n".join(keep) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(keep) - 1} of {len(lines) - 1} rows kept", file=sys.stderr)
    import build_null_rates
    import build_ttable

    build_ttable.main(["--data", str(data), "--out", str(args.out)])
    use_tables(args.out)
    build_null_rates.main(["--data", str(data), "--out", str(args.out)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
