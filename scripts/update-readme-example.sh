#!/usr/bin/env bash
# Regenerates the README's opening example (between <!-- demo:begin --> and
# <!-- demo:end -->) from a real run of `seldon-lint fixtures/demo-repo` in the
# source folder, so that what the README shows is what the binary prints.
#   scripts/update-readme-example.sh [BINARY] [--check]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-"$here/build/seldon-lint"}")
mode=${2:-write}
block=$(mktemp)
trap 'rm -f "$block" "$block.readme"' EXIT
{
  echo '```'
  echo '$ seldon-lint fixtures/demo-repo'
  (cd "$here" && "$bin" --no-color fixtures/demo-repo 2>&1 || true)
  echo '```'
} >"$block"
awk -v block="$block" '
  /<!-- demo:begin -->/ { print; while ((getline line < block) > 0) print line; skip = 1; next }
  /<!-- demo:end -->/ { skip = 0 }
  !skip { print }
' "$here/README.md" >"$block.readme"
if [ "$mode" = --check ]; then
  if ! diff -u "$here/README.md" "$block.readme"; then
    echo "README.md opening example differs from a real run: run scripts/update-readme-example.sh" >&2
    exit 1
  fi
  echo "readme_example: ok"
else
  cp "$block.readme" "$here/README.md"
fi
