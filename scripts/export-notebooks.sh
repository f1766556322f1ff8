#!/usr/bin/env bash
# Regenerates notebooks-export/ from real runs of the CLI on the bundled data.
# Usage: scripts/export-notebooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product churn
churn="$(swift build -c release --show-bin-path)/churn"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$churn" demo --data datasets/telecom-customers.csv --out-dir "$work" > /dev/null
mkdir -p notebooks-export
cp "$work/churn-demo.ipynb" notebooks-export/churn-demo.ipynb
echo "wrote notebooks-export/churn-demo.ipynb" >&2
