#!/usr/bin/env bash
# Refit the flag model (src/align/data/flag_model.json) from parallel/ntrex.tsv: the checker on every
# NTREX document, faithful and with one planted error per copy, both directions, with the default
# checks and again with the opt-in links check (~12 min each on 2 cores), then the fit (~10 s).
# Optional: WMT=1 also dumps the wmt-docs documents and prints the model's figures there (measured,
# never fit on; ~8 min). Run from the project root. Work files go to ${FLAG_FIT_DIR:-/tmp/flag_fit}.
set -euo pipefail
PY=${PYTHON:-.venv/bin/python}
D=${FLAG_FIT_DIR:-/tmp/flag_fit}
C=coverage,number,name,lexical,form,clause
mkdir -p "$D"
"$PY" benchmarks/bench_planted.py --folders ntrex.en-zh,ntrex.zh-en --docs 200 -j 2 \
  --checks "$C" --dump "$D/ntrex.jsonl" --out "$D/ntrex" > "$D/ntrex.log"
"$PY" benchmarks/bench_planted.py --folders ntrex.en-zh,ntrex.zh-en --docs 200 -j 2 \
  --checks "$C,links" --dump "$D/ntrex_links.jsonl" --out "$D/ntrex_links" > "$D/ntrex_links.log"
EVAL=()
if [ "${WMT:-0}" = 1 ]; then
  "$PY" benchmarks/bench_planted.py -j 2 --checks "$C" --dump "$D/wmt.jsonl" --out "$D/wmt" > "$D/wmt.log"
  EVAL=(--eval "$D/wmt.jsonl")
fi
"$PY" benchmarks/flag_fit/fit.py "$D/ntrex.jsonl" --links "$D/ntrex_links.jsonl" "${EVAL[@]}" --write "$@"
