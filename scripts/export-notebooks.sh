#!/usr/bin/env bash
# Regenerates every notebook in notebooks-export/ from its cells in scripts/notebooks.py: builds the
# CLI (release), then executes each notebook top to bottom in a fresh Python kernel (nbclient) and
# stores its outputs, the ChurnKit version and the commands it ran.
# Usage: scripts/export-notebooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
# Built through the benchmark package, whose release build of the library CI has already made.
swift build -c release --package-path Benchmarks --product churn
python="$(scripts/notebook-venv.sh)"
CHURN="$(pwd)/Benchmarks/.build/release/churn" "$python" scripts/notebooks.py export
