#!/bin/sh
# Model files written by an earlier ChurnKit, kept so that every later build proves it still loads
# them and scores them the same (LegacyModelFileTests, FittedUpliftModel+FileTests).
# Written by `churn` built from commit 2d7c56c (pipeline format 2, uplift format 1, before the model
# protocols), Swift 6.3.1, on the first 300 rows of datasets/telecom-customers.csv; the expected
# outputs are that build's scores of the file's first 20 rows.
# Usage: make_legacy_models.sh PATH-TO-CHURN (run from the repository root).
set -eu
churn=$1
pipelines=Tests/PipelinesTests/Fixtures/legacy-models
uplift=Tests/ExperimentsTests/Fixtures/legacy-models
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$pipelines"/*.json "$pipelines"/*.csv "$uplift"/*.json "$uplift"/*.csv
head -301 datasets/telecom-customers.csv > "$work/train.csv"
head -21 datasets/telecom-customers.csv > "$work/score.csv"
features=tenure_months,contract,monthly_charges
"$churn" train "$work/train.csv" --target churned --features $features --out "$pipelines/logistic-v2.json" > /dev/null
"$churn" train "$work/train.csv" --target churned --features $features --model tree --max-depth 2 \
    --min-samples-leaf 20 --out "$pipelines/tree-v2.json" > /dev/null
"$churn" segment fit "$work/train.csv" --k 2 --features tenure_months,monthly_charges --out "$work/segments.csv" \
    --model-out "$pipelines/kmeans-v2.json" > /dev/null
"$churn" score "$pipelines/logistic-v2.json" "$work/score.csv" --out "$pipelines/scores-logistic.csv" > /dev/null
"$churn" score "$pipelines/tree-v2.json" "$work/score.csv" --out "$pipelines/scores-tree.csv" > /dev/null
"$churn" segment assign "$pipelines/kmeans-v2.json" "$work/score.csv" --out "$pipelines/segments-kmeans.csv" > /dev/null
# Uplift: paperless_billing stands in for a treatment column (the files only need to decode).
"$churn" uplift train "$work/train.csv" --treatment paperless_billing --outcome churned --churn-outcome \
    --features tenure_months,monthly_charges --model tree --max-depth 2 --out "$uplift/uplift-two-model-v1.json" > /dev/null
"$churn" uplift train "$work/train.csv" --treatment paperless_billing --outcome churned --churn-outcome \
    --features tenure_months,contract --learner class-transformation --out "$uplift/uplift-class-transformation-v1.json" > /dev/null
"$churn" uplift score "$uplift/uplift-two-model-v1.json" "$work/score.csv" --out "$uplift/uplift-two-model.csv" > /dev/null
"$churn" uplift score "$uplift/uplift-class-transformation-v1.json" "$work/score.csv" \
    --out "$uplift/uplift-class-transformation.csv" > /dev/null
