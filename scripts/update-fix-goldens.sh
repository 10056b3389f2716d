#!/usr/bin/env bash
# Before/after snapshots of --fix: each case tests/golden/fixes/<case>/ holds a
# small repository in before/, the tree --fix makes of it in after/, and the
# first round's `--diff` in expected.diff.  tests/cli/fix_goldens.sh checks
# them (and that fixing twice equals fixing once).  Regenerate only when a fix
# is meant to change, and review the after/ diff:
#   scripts/update-fix-goldens.sh [BINARY] [CASE-DIR...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-"$here/build/seldon-lint"}")
[ $# -gt 0 ] && shift
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for dir in "$here"/tests/golden/fixes/*/; do cases+=("${dir%/}"); done
fi
for case in "${cases[@]}"; do
  case=$(realpath "$case")
  rm -rf "$case/after"
  cp -r "$case/before" "$case/after"
  (cd "$case/before" && "$bin" --root . --diff . 2>/dev/null || true) >"$case/expected.diff"
  (cd "$case/after" && "$bin" --root . --fix --quiet . >/dev/null 2>&1 || true)
  echo "updated ${case#"$here"/}"
done
