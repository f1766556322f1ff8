#!/usr/bin/env bash
# Installs the system libraries ChurnKit links against (OpenBLAS, LAPACKE, pkg-config) when missing.
# Uses sudo when not root. Debian / Ubuntu (apt-get).
set -euo pipefail
missing=()
for package in libopenblas-dev liblapacke-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
