#!/usr/bin/env bash
# libFuzzer on one reader of _ChurnKitFuzz (csv, model-file or assignment), seeded with the
# committed corpus (Tests/FuzzTests/Corpus/TARGET, copied: libFuzzer adds to the folder it is given).
# Usage: scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags]   (default 60 s)
#        scripts/fuzz.sh --ci [SECONDS]   CI: a debug build (compiles in a third of the time), then
#                                         every target for SECONDS (default 20); fails on a finding.
# Builds churn-fuzz in release mode with -sanitize=fuzzer in .build-fuzz (take the release lock
# for the build on a shared machine: flock /tmp/churnkit-release.lock scripts/fuzz.sh --build-only).
# A run builds only when the executable is missing: after changing sources, run --build-only.
# Findings (crash-*, timeout-*, oom-* inputs) go to .build-fuzz/findings/TARGET; replay one with
# `.build-fuzz/release/churn-fuzz FILE` and CHURNKIT_FUZZ_TARGET=TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-fuzz
build() {
  CHURNKIT_FUZZ=1 swift build -c release --scratch-path "$scratch" --product churn-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld
}
if [ "${1:-}" = "--build-only" ]; then build; exit; fi
if [ "${1:-}" = "--ci" ]; then
  seconds=${2:-20}
  ci=.build-fuzz-ci
  CHURNKIT_FUZZ=1 swift build --scratch-path "$ci" --product churn-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld
  for target in csv model-file assignment; do
    corpus=$(mktemp -d) findings=$(mktemp -d)
    cp "Tests/FuzzTests/Corpus/$target/"* "$corpus/"
    echo "fuzz: $target for $seconds s" >&2
    # libFuzzer exits non-zero on a crash, a timeout or an out-of-memory input, and writes it to findings/.
    if ! CHURNKIT_FUZZ_TARGET=$target "$ci/debug/churn-fuzz" "$corpus" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 2>"$findings/log"; then
      tail -40 "$findings/log" >&2
      echo "fuzz: $target found an input that crashes, hangs or exhausts memory: $(ls "$findings" | grep -v '^log$' | head -3)" >&2
      exit 1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$findings/log" | tr '\n' ' ' >&2; echo >&2
    rm -rf "$corpus" "$findings"
  done
  exit 0
fi
target=${1:?usage: scripts/fuzz.sh csv|model-file|assignment [SECONDS] [libFuzzer flags]}
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
[ -x "$scratch/release/churn-fuzz" ] || build
corpus="$scratch/corpus/$target" findings="$scratch/findings/$target"
mkdir -p "$corpus" "$findings"
cp -n "Tests/FuzzTests/Corpus/$target/"* "$corpus/"
CHURNKIT_FUZZ_TARGET=$target "$scratch/release/churn-fuzz" "$corpus" -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 "$@"
