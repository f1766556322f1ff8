#!/usr/bin/env bash
# Side-by-side comparison of ChurnKit with numpy / pandas / polars / scikit-learn / LightGBM /
# scikit-uplift on the same data, the same machine and in one run.
# Usage: Benchmarks/compare/compare.sh [--repeat N] [--only PREFIX] [--smoke] [--json FILE]
# The Python side lives in a venv this script makes (Benchmarks/.venv, or $CHURNKIT_COMPARE_VENV),
# installed from requirements.txt and reinstalled whenever that file changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="${CHURNKIT_COMPARE_VENV:-$here/../.venv}"
stamp="$venv/.requirements.sha256"
wanted=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "installing the Python reference into $venv ..." >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  echo "$wanted" > "$stamp"
fi
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
