#!/usr/bin/env bash
# Creates (once) the Python environment that executes the notebooks: .build/notebook-venv with the
# pinned packages of notebooks-export/requirements.txt (nbclient, ipykernel and their dependencies)
# from PyPI, retrying the download. Prints the environment's python on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/notebook-venv
requirements=notebooks-export/requirements.txt
stamp="$venv/requirements.installed"
if [ -f "$stamp" ] && cmp -s "$stamp" "$requirements"; then
  echo "$venv/bin/python"
  exit 0
fi
command -v python3 >/dev/null || { echo "notebooks need python3 (3.11 or newer) on the PATH" >&2; exit 1; }
rm -rf "$venv"
python3 -m venv "$venv"
for attempt in 1 2 3; do
  if "$venv/bin/pip" install --quiet --disable-pip-version-check --retries 5 --timeout 60 -r "$requirements" >&2; then
    cp "$requirements" "$stamp"
    echo "$venv/bin/python"
    exit 0
  fi
  echo "pip install failed (attempt $attempt of 3)" >&2
  sleep $((attempt * 10))
done
echo "could not install $requirements from PyPI" >&2
exit 1
