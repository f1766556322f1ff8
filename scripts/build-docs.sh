#!/usr/bin/env bash
# Builds the DocC documentation of every module with a catalog (Sources/MODULE/MODULE.docc) and
# fails on any warning (an unresolved symbol link, a parameter documented under the wrong name).
# The archives land in .build/plugins/Swift-DocC/outputs/; `--open-preview MODULE` is not offered:
# use `swift package --disable-sandbox preview-documentation --target MODULE` for that.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=()
for catalog in Sources/*/*.docc; do
  targets+=(--target "$(basename "$(dirname "$catalog")")")
done
swift package generate-documentation --warnings-as-errors "${targets[@]}"
