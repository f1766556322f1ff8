#!/usr/bin/env bash
# CI check of notebooks-export/: re-executes every stored notebook in a fresh Python kernel and fails
# when a cell errors or its outputs differ from the stored ones (the timings the commands print
# excepted), then shows that the check fails on a copy with one edited output.
# Builds the release CLI first (Benchmarks/.build/release/churn).
set -euo pipefail
cd "$(dirname "$0")/.."
# Built through the benchmark package, whose release build of the library CI has already made.
swift build -c release --package-path Benchmarks --product churn
python="$(scripts/notebook-venv.sh)"
export CHURN="$(pwd)/Benchmarks/.build/release/churn"
"$python" scripts/notebooks.py check
"$python" scripts/notebooks.py self-test
