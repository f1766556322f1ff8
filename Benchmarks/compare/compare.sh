#!/usr/bin/env bash
# Side-by-side comparison of ChurnKit with numpy / pandas / polars / scikit-learn / LightGBM /
# scikit-uplift / lifelines / lifetimes on the same data, the same machine and in one run.
# Usage: Benchmarks/compare/compare.sh [--repeat N] [--only PREFIX] [--smoke] [--json FILE]
# The Python side lives in a venv this script makes (Benchmarks/.venv, or $CHURNKIT_COMPARE_VENV),
# installed from requirements.txt and reinstalled whenever that file changes; lifetimes in a second
# one (Benchmarks/.venv-lifetimes, or $CHURNKIT_COMPARE_LIFETIMES_VENV) from requirements-lifetimes.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# venv DIR REQUIREMENTS: (re)creates the venv DIR from the pinned REQUIREMENTS when that file changed.
venv() {
  local dir="$1" requirements="$2" wanted
  wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ ! -x "$dir/bin/python" ] || [ "$(cat "$dir/.requirements.sha256" 2>/dev/null)" != "$wanted" ]; then
    echo "installing the Python reference $(basename "$requirements") into $dir ..." >&2
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$dir/.requirements.sha256"
  fi
}
venv="${CHURNKIT_COMPARE_VENV:-$here/../.venv}"
venv "$venv" "$here/requirements.txt"
# lifetimes 0.11.3 (the BG/NBD reference) does not run on pandas 3 / numpy 2: it has a venv of its
# own, whose python tasks_lifetime.py calls for the reference side.
lifetimes_venv="${CHURNKIT_COMPARE_LIFETIMES_VENV:-$here/../.venv-lifetimes}"
venv "$lifetimes_venv" "$here/requirements-lifetimes.txt"
export CHURNKIT_COMPARE_LIFETIMES_PYTHON="$lifetimes_venv/bin/python"
# Both executables come from the benchmark package's release build (churn is a product of its
# dependency on ChurnKit), so a clean clone needs no separate release build of the root package.
swift build -c release --package-path "$here/.." --product ChurnKitCompare >&2
swift build -c release --package-path "$here/.." --product churn >&2
bin="$(swift build -c release --package-path "$here/.." --show-bin-path)"
runner="$bin/ChurnKitCompare"
churn="$bin/churn"
# OpenMP references (LightGBM, scikit-learn) wait passively: on a machine shared with other jobs
# spinning threads slow them several fold (tasks_ensembles.py). Set OMP_WAIT_POLICY to override.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
exec "$venv/bin/python" "$here/compare.py" --runner "$runner" --churn "$churn" "$@"
