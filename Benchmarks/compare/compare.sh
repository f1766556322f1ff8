#!/usr/bin/env bash
# Side-by-side comparison of ChurnKit with numpy / pandas / scikit-learn on the same data,
# the same machine and in one run. Usage: Benchmarks/compare/compare.sh [--repeat N] [--only PREFIX]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/../.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
fi
swift build -c release --package-path "$here/.." --product ChurnKitCompare >&2
runner="$(swift build -c release --package-path "$here/.." --show-bin-path)/ChurnKitCompare"
exec "$venv/bin/python" "$here/compare.py" --runner "$runner" "$@"
