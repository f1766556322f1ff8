#!/usr/bin/env bash
# libFuzzer on one reader of _ChurnKitFuzz (csv, model-file or assignment), seeded with the
# committed corpus (Tests/FuzzTests/Corpus/TARGET, copied: libFuzzer adds to the folder it is given).
# Usage: scripts/fuzz.sh TARGET [SECONDS] [extra libFuzzer flags]   (default 60 s)
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
target=${1:?usage: scripts/fuzz.sh csv|model-file|assignment [SECONDS] [libFuzzer flags]}
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))
[ -x "$scratch/release/churn-fuzz" ] || build
corpus="$scratch/corpus/$target" findings="$scratch/findings/$target"
mkdir -p "$corpus" "$findings"
cp -n "Tests/FuzzTests/Corpus/$target/"* "$corpus/"
CHURNKIT_FUZZ_TARGET=$target "$scratch/release/churn-fuzz" "$corpus" -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 "$@"
