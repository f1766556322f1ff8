#!/usr/bin/env bash
# Regenerates notebooks-export/ from real runs of the CLI on the bundled data.
# Usage: scripts/export-notebooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product churn
churn="$(swift build -c release --show-bin-path)/churn"
# The same run as scripts/demo.sh, so the notebook names the same relative paths on every machine.
"$churn" demo --data datasets/telecom-customers.csv --out-dir demo-output > /dev/null
mkdir -p notebooks-export
cp demo-output/churn-demo.ipynb notebooks-export/churn-demo.ipynb
echo "wrote notebooks-export/churn-demo.ipynb" >&2
