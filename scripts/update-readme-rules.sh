#!/usr/bin/env bash
# Regenerates the rules table in README.md from `seldon-lint rules --format json`.
#   scripts/update-readme-rules.sh [BINARY] [--check]
# With --check, exits 1 when README.md is out of date instead of writing it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$here/build/seldon-lint"}
mode=${2:-write}
table=$(mktemp)
trap 'rm -f "$table" "$table.readme"' EXIT
{
  echo "| id | name | severity | what it catches |"
  echo "|---|---|---|---|"
  "$bin" rules --format json |
    jq -r '.[] | "| \(.id) | `\(.name)` | \(.severity) | \(.summary | gsub("\\|"; "\\\\|")) |"'
} >"$table"
awk -v table="$table" '
  /<!-- rules-table:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- rules-table:end -->/ { skip = 0 }
  !skip { print }
' "$here/README.md" >"$table.readme"
if [ "$mode" = "--check" ]; then
  if ! diff -u "$here/README.md" "$table.readme"; then
    echo "README.md rules table is out of date: run scripts/update-readme-rules.sh" >&2
    exit 1
  fi
  echo "readme_rules: ok"
else
  cp "$table.readme" "$here/README.md"
fi
