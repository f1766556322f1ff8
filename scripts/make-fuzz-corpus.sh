#!/usr/bin/env bash
# Writes the seed corpus of the fuzz harness (Tests/FuzzTests/Corpus) with the churn CLI:
# csv/ small valid CSVs (quoting, CRLF, missing cells, a stray text cell, extreme numbers),
# model-file/ one model file of each kind (logistic, tree, gbdt, forest, k-means pipelines without
# their content hash; a two-model uplift file), assignment/ an assignment and its manifest joined
# as FuzzTarget.assignmentInput does (the manifest's SHA-256
# replaced by the placeholder). Deterministic: every command is seeded.
# Usage: scripts/make-fuzz-corpus.sh [CHURN]   (default .build/debug/churn; build it first)
set -euo pipefail
cd "$(dirname "$0")/.."
churn=${1:-.build/debug/churn}
out=Tests/FuzzTests/Corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out" && mkdir -p "$out/csv" "$out/model-file" "$out/assignment"

"$churn" generate --rows 100 --seed 5 --out "$work/c.csv" >/dev/null
cp "$work/c.csv" "$out/csv/customers.csv"
printf 'id,name,amount,flag\r\n1,"Smith, J.",12.5,yes\r\n2,"say ""hi""",,no\r\n3,"two\nlines",-3e2,yes\r\n' > "$out/csv/quoted-crlf.csv"
printf 'a,b\nx,1\n,2\nNA,3\n"",nan\n' > "$out/csv/missing.csv"
printf 'v,w\n1,2\n2,3\n25,5\n3,x\n1e308,-0\n' > "$out/csv/stray-cell.csv"

"$churn" train "$work/c.csv" --target churned --seed 1 --out "$out/model-file/logistic.json" >/dev/null 2>&1
"$churn" train "$work/c.csv" --target churned --model tree --max-depth 3 --seed 1 --out "$out/model-file/tree.json" >/dev/null 2>&1
"$churn" train "$work/c.csv" --target churned --model gbdt --rounds 3 --max-leaves 4 --seed 1 --out "$out/model-file/gbdt.json" >/dev/null 2>&1
"$churn" train "$work/c.csv" --target churned --model forest --trees 2 --max-depth 3 --seed 1 --out "$out/model-file/forest.json" >/dev/null 2>&1
"$churn" segment "$work/c.csv" --k 2 --restarts 1 --seed 1 --model-out "$out/model-file/kmeans.json" >/dev/null 2>&1
# Without their content hash, so that mutated parameters reach the meaning checks and scoring
# instead of stopping at the hash (which has its own tests; a file without one still loads).
sed -i '/^  "contentSHA256" : /d' "$out"/model-file/*.json
# An uplift sample: the customers with a treatment flag by row parity.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "treated"; next } { print $0, (NR % 2 ? "yes" : "no") }' "$work/c.csv" > "$work/u.csv"
"$churn" uplift train "$work/u.csv" --treatment treated --control no --outcome churned --seed 1 \
  --out "$out/model-file/uplift.json" >/dev/null 2>&1

"$churn" experiment simulate --customers 60 --seed 2 --out "$work/p.csv" >/dev/null 2>&1
"$churn" experiment design "$work/p.csv" --id id --score-column score --seed 3 --out "$work/a.csv" >/dev/null 2>&1
{ cat "$work/a.csv"; printf '\n#manifest\n'; sed -E 's/"assignmentSHA256" : "[0-9a-f]+"/"assignmentSHA256" : "@SHA256@"/' "$work/a.csv.manifest.json"; } \
  > "$out/assignment/assignment.txt"
ls -l "$out"/*
