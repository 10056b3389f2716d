#!/usr/bin/env bash
# Writes the JSON and SARIF reports of fixtures/demo-repo and of every folder
# under examples/ into tests/golden/outputs/, the absolute root replaced by
# ROOT.  tests/cli/golden_outputs.sh compares a build against them, so a
# change in any finding, message, location or SARIF field shows up as a
# reviewable diff of these files.
#   scripts/update-golden-outputs.sh [BINARY] [--check]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-"$here/build/seldon-lint"}")
mode=${2:-write}
out="$here/tests/golden/outputs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for dir in "$here/fixtures/demo-repo" "$here"/examples/*/; do
  dir=${dir%/}
  name=$(basename "$dir")
  for format in json sarif; do
    (cd "$dir" && "$bin" --root . --format "$format" . || true) |
      sed "s#file://$dir/#file://ROOT/#g" >"$tmp/$name.$format"
    if [ "$mode" = --check ]; then
      if ! diff -u "$out/$name.$format" "$tmp/$name.$format" >"$tmp/diff"; then
        echo "golden output differs: tests/golden/outputs/$name.$format" >&2
        head -40 "$tmp/diff" >&2
        status=1
      fi
    else
      mkdir -p "$out"
      cp "$tmp/$name.$format" "$out/$name.$format"
    fi
  done
done
exit $status
