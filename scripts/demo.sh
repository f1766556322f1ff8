#!/usr/bin/env bash
# The main job end to end on the bundled data: installs what is missing, builds in release mode,
# then inspects datasets/telecom-customers.csv, trains a churn model, evaluates it and scores
# every customer. Outputs go to demo-output/. Usage: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-packages.sh
swift build -c release --product churn
churn="$(swift build -c release --show-bin-path)/churn"
data=datasets/telecom-customers.csv
mkdir -p demo-output
"$churn" inspect "$data" --target churned
echo
"$churn" train "$data" --target churned --l2 0 --out demo-output/churn-model.json
echo
"$churn" score demo-output/churn-model.json "$data" --out demo-output/scores.csv
