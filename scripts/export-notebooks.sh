#!/usr/bin/env bash
# Regenerates every notebook in notebooks-export/ from its cells in scripts/notebooks.py: builds the
# CLI (release), then executes each notebook top to bottom in a fresh Python kernel (nbclient) and
# stores its outputs, the ChurnKit version and the commands it ran.
# Usage: scripts/export-notebooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product churn
python="$(scripts/notebook-venv.sh)"
CHURN="$(pwd)/.build/release/churn" "$python" scripts/notebooks.py export
