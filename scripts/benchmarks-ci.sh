#!/usr/bin/env bash
# The CI profile of the benchmark suites (CHURNKIT_BENCHMARK_PROFILE=ci: small inputs, seconds per
# suite). Runs every suite that has thresholds in Benchmarks/Thresholds/ci/, prints its results
# (wall clock is reported, never gated), keeps them as JSON in
# Benchmarks/.benchmarkBaselines/<Suite>/ci/results.json, and fails when the p90 of a gated count
# (mallocCountTotal, instructions) is above its ceiling in Benchmarks/Thresholds/ci/. `update`
# writes each ceiling as the measured p90 plus headroom: max(2%, 3) allocations, 2% instructions
# (what thread scheduling moves between runs; an extra allocation per row of a 5,000-row input is
# far above it). `check` then gates the instruction counts of the key kernels under callgrind
# (scripts/instruction-counts.sh: perf's counter is unavailable on many machines, this project's
# among them).
#
# Usage: scripts/benchmarks-ci.sh build                # release build of the suites, the plugin's tool and InstructionCounts
#        scripts/benchmarks-ci.sh                      # check, as .ci/run does
#        scripts/benchmarks-ci.sh check SuiteName      # check only the suites this regular expression matches
#        scripts/benchmarks-ci.sh update               # rewrite the thresholds of every suite from a fresh run
#        scripts/benchmarks-ci.sh update SuiteName     # only this suite (a regular expression on suite names)
# After `update`, review and commit the diff of Benchmarks/Thresholds/ci/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
export CHURNKIT_BENCHMARK_PROFILE=ci
thresholds="$root/Benchmarks/Thresholds/ci"
benchmark=(swift package --package-path Benchmarks --allow-writing-to-package-directory benchmark)
mode="${1:-check}"

case "$mode" in
build)
  swift build -c release --package-path Benchmarks
  # The plugin builds its own tool at its first use: `list` does it here, so that `check` only runs.
  "${benchmark[@]}" list --no-progress >/dev/null
  ;;
update)
  targets="${2:-.*}"
  "${benchmark[@]}" baseline update ci --target "$targets" --no-progress
  mkdir -p "$thresholds"
  "${benchmark[@]}" thresholds update ci --target "$targets" --path "$thresholds" --no-progress
  # Keep only the gated counts, with headroom; wall clock and memory are reported, never gated.
  # Only the files of the suites just updated: the others already hold their headroom.
  python3 - "$thresholds" "$targets" <<'PY'
import json, math, pathlib, re, sys
headroom = {"mallocCountTotal": lambda v: max(math.ceil(0.02 * v), 3), "instructions": lambda v: math.ceil(0.02 * v)}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.p90.json")):
    if not re.search(sys.argv[2], path.name.split(".")[0]):
        continue
    values = json.loads(path.read_text())
    gated = {k: v + headroom[k](v) for k, v in values.items() if k in headroom and v > 0}
    if gated:
        path.write_text(json.dumps(gated, indent=2, sort_keys=True) + "\n")
    else:
        path.unlink()
PY
  echo "thresholds written to Benchmarks/Thresholds/ci/: review and commit them" >&2
  ;;
check)
  gated=$(find "$thresholds" -name '*.p90.json' -printf '%f\n' 2>/dev/null | cut -d. -f1 | sort -u)
  if [ -z "$gated" ]; then
    echo "no thresholds in Benchmarks/Thresholds/ci/: run scripts/benchmarks-ci.sh update" >&2
    exit 2
  fi
  if [ -n "${2:-}" ]; then
    gated=$(grep -E -- "$2" <<<"$gated" || true)
    [ -n "$gated" ] || { echo "no suite with thresholds matches $2" >&2; exit 2; }
  fi
  for suite in Benchmarks/Benchmarks/*/; do
    suite=$(basename "$suite")
    grep -qx "$suite" <<<"$gated" || echo "note: $suite has no CI thresholds, not run (scripts/benchmarks-ci.sh update $suite)" >&2
  done
  targets="^($(paste -sd'|' <<<"$gated"))\$"
  "${benchmark[@]}" baseline update ci --target "$targets" --no-progress
  # The results table (wall clock included, for reading only).
  "${benchmark[@]}" baseline read ci --target "$targets" --no-progress
  log=$(mktemp)
  status=0
  "${benchmark[@]}" thresholds check ci --target "$targets" --path "$thresholds" --no-progress >"$log" 2>&1 || status=$?
  # The plugin exits 1 both for a regression and for counts below their ceilings: read its verdict.
  if grep -q "is WORSE than the defined thresholds" "$log"; then
    awk '/Deviations worse than threshold/,/^$/' "$log"
    echo "benchmarks: regression, a count above its ceiling in Benchmarks/Thresholds/ci (see above)" >&2
    rm -f "$log"
    exit 2
  elif [ "$status" -ne 0 ] && ! grep -q "is BETTER than the defined thresholds" "$log"; then
    cat "$log"
    echo "benchmarks: the threshold check failed (exit $status)" >&2
    rm -f "$log"
    exit "$status"
  fi
  rm -f "$log"
  echo "benchmarks: every gated count at or below its ceiling in Benchmarks/Thresholds/ci" >&2
  [ -n "${2:-}" ] || scripts/instruction-counts.sh check
  ;;
*)
  echo "usage: scripts/benchmarks-ci.sh [build | check [SUITE-REGEX] | update [SUITE-REGEX]]" >&2
  exit 64
  ;;
esac
