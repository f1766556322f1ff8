#!/usr/bin/env bash
# Instruction counts of ChurnKit's key kernels (CSV reading, histogram tree, boosting, logistic fit,
# k-means), gated in CI. perf's instruction counter is not available on every machine (it is not on
# this project's), so each kernel runs once under valgrind's callgrind, which counts the
# instructions executed whatever else the machine does. Each kernel is counted twice, with and
# without the kernel (`--prepare-only`: the same seeded inputs), and the difference is the kernel's
# count. Its ceiling in Benchmarks/Thresholds/instructions.json is the measured count plus 2%;
# `check` fails (exit 2) when a count is above its ceiling and says when one is more than 5% below
# (then `update`, and commit the new counts). The file records the CPU it was counted on (vendor,
# family, model, name): on another CPU the counts are printed with their change but not gated,
# since glibc and OpenBLAS may take other code paths there (`update` on that CPU gates it).
#
# The counts depend on the binary (toolchain, optimization) and on the kernels OpenBLAS and glibc
# pick for the CPU, so the runs pin them: OPENBLAS_CORETYPE=Haswell, one OpenBLAS thread. The BLAS
# kernels are skipped (with a note) on a CPU without AVX2.
#
# Usage: scripts/instruction-counts.sh [check]         # after `swift build -c release --package-path Benchmarks`
#        scripts/instruction-counts.sh update           # rewrite the ceilings from a fresh count
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-check}"
case "$mode" in check | update) ;; *) echo "usage: scripts/instruction-counts.sh [check | update]" >&2; exit 64 ;; esac
binary="Benchmarks/.build/release/InstructionCounts"
[ -x "$binary" ] || { echo "no $binary: run swift build -c release --package-path Benchmarks" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is missing (scripts/install-system-packages.sh installs it)" >&2; exit 2; }
thresholds="Benchmarks/Thresholds/instructions.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 of Swift 6's debug information: count a copy without it.
cp "$binary" "$work/InstructionCounts"
strip --strip-debug "$work/InstructionCounts"
binary="$work/InstructionCounts"
export TMPDIR="$work" OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=Haswell
blas_kernels="logistic-fit kmeans-fit"
avx2=yes
grep -qw avx2 /proc/cpuinfo || avx2=no

count() { # KERNEL [--prepare-only] -> instructions
  local out="$work/callgrind.out"
  valgrind --tool=callgrind --callgrind-out-file="$out" -q "$binary" "$@" >/dev/null \
    || { echo "valgrind failed on $*" >&2; return 1; }
  local n
  n=$(awk '/^(summary|totals):/ { print $2; exit }' "$out")
  [ -n "$n" ] && [ "$n" -gt 0 ] || { echo "no instruction count from callgrind for $*" >&2; return 1; }
  echo "$n"
}

results="$work/results.tsv"
: >"$results"
while IFS=$'\t' read -r kernel summary; do
  if [ "$avx2" = no ] && grep -qw "$kernel" <<<"$blas_kernels"; then
    echo "note: $kernel skipped (no AVX2: OpenBLAS cannot be pinned to the Haswell kernels)" >&2
    continue
  fi
  "$binary" "$kernel" --prepare-only >/dev/null  # writes the kernel's input files once, before counting
  start=$(date +%s)
  prepared=$(count "$kernel" --prepare-only)
  total=$(count "$kernel")
  printf '%s\t%s\t%s\n' "$kernel" "$((total - prepared))" "$summary" >>"$results"
  printf '%-14s %15s instructions  (%s; counted in %s s)\n' "$kernel" "$((total - prepared))" "$summary" "$(($(date +%s) - start))" >&2
done < <("$binary" --list)

python3 - "$mode" "$thresholds" "$results" <<'PY'
import json, math, pathlib, sys
mode, path, results = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
fields = {}
for line in open("/proc/cpuinfo"):
    key, _, value = line.partition(":")
    if key.strip() in ("vendor_id", "cpu family", "model", "model name") and key.strip() not in fields:
        fields[key.strip()] = value.strip()
cpu = f"{fields.get('vendor_id', '?')} family {fields.get('cpu family', '?')} model {fields.get('model', '?')} ({fields.get('model name', '?')})"
counts = {}
for line in open(results):
    kernel, count, summary = line.rstrip("\n").split("\t")
    counts[kernel] = (int(count), summary)
if mode == "update":
    stored = {k: {"instructions": c, "ceiling": c + math.ceil(0.02 * c), "kernel": s} for k, (c, s) in sorted(counts.items())}
    stored["_cpu"] = cpu
    path.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")
    print(f"instruction counts written to {path}: review and commit them", file=sys.stderr)
    sys.exit(0)
if not path.exists():
    sys.exit(f"no {path}: run scripts/instruction-counts.sh update")
stored = json.loads(path.read_text())
gated = stored.get("_cpu") == cpu
if not gated:
    print(f"note: the counts were recorded on {stored.get('_cpu', 'an unrecorded CPU')}, this is {cpu}: "
          "printed, not gated (scripts/instruction-counts.sh update on this CPU gates it)", file=sys.stderr)
worse = []
for kernel, (count, _) in sorted(counts.items()):
    if kernel not in stored:
        print(f"note: {kernel} has no ceiling in {path} (scripts/instruction-counts.sh update)", file=sys.stderr)
        continue
    ceiling, reference = stored[kernel]["ceiling"], stored[kernel]["instructions"]
    change = 100 * (count - reference) / reference
    print(f"{kernel:14} {count:>15,} against {reference:>15,} ({change:+.2f}%), ceiling {ceiling:,}", file=sys.stderr)
    if count > ceiling:
        worse.append(kernel)
    elif count < 0.95 * reference:
        print(f"note: {kernel} is {-change:.1f}% below its stored count: scripts/instruction-counts.sh update", file=sys.stderr)
if worse and not gated:
    print(f"instruction counts: above the ceiling on another CPU (not gated): {', '.join(worse)}", file=sys.stderr)
elif worse:
    print(f"instruction counts: regression, above the ceiling in {path}: {', '.join(worse)}", file=sys.stderr)
    sys.exit(2)
else:
    print("instruction counts: every kernel at or below its ceiling", file=sys.stderr)
PY
