#!/usr/bin/env bash
# The main job end to end on the bundled data: installs what is missing, builds in release mode,
# and runs `churn` on datasets/telecom-customers.csv. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product churn
churn="$(swift build -c release --show-bin-path)/churn"
"$churn" inspect datasets/telecom-customers.csv --target churned
