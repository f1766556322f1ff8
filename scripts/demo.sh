#!/usr/bin/env bash
# The main job end to end on the bundled data: installs what is missing, builds in release mode,
# and runs `churn demo` on datasets/telecom-customers.csv. Outputs (model, scores, SVG figures,
# the model report notebook) go to demo-output/. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product churn
"$(swift build -c release --show-bin-path)/churn" demo --data datasets/telecom-customers.csv --out-dir demo-output --force
