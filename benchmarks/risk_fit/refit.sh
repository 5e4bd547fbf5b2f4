#!/usr/bin/env bash
# Refit the bead risk (src/align/data/risk_model.json): extraction in two processes over disjoint
# sets (2 cores, ~20 min), then the fit and every figure (~2 min). Run from the project root.
# Caches go to $ALIGN_CACHE/risk_fit (default ~/.cache/align/risk_fit). For the "old" column, put a
# copy of the previous src/align/risk.py and its model there as old/old_risk.py and
# old/old_risk_model.json (optional). Extra arguments go to fit.py (e.g. --lgbm).
set -euo pipefail
PY=${PYTHON:-.venv/bin/python}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
"$PY" benchmarks/risk_fit/extract.py mqm21 wmt21_dev gmt23 &
a=$!
"$PY" benchmarks/risk_fit/extract.py planted mqm_ted demetr &
b=$!
wait "$a"
wait "$b"
"$PY" benchmarks/risk_fit/fit.py --write "$@"
