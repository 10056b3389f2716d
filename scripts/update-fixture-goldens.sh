#!/usr/bin/env bash
# Snapshot of each fixture's text report, like ruff's snapshots and
# clang-tidy's CHECK-MESSAGES: every fixture case (fixtures/<RULE>/<case>/,
# fixtures/sources/<case>/, fixtures/demo-repo) keeps the full text output of
# `seldon-lint --root <case> --no-color <case>` in <case>/expected-report.txt,
# paths relative to the case, so a changed message, location, code frame or
# related note shows up as a reviewable diff.  tests/cli/fixture_goldens.sh
# runs this with --check.  Regenerate only when an output change is intended:
#   scripts/update-fixture-goldens.sh [BINARY] [--check] [CASE-DIR...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-"$here/build/seldon-lint"}")
[ $# -gt 0 ] && shift
mode=write
if [ "${1:-}" = --check ]; then
  mode=--check
  shift
fi
golden_name=expected-report.txt

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=("$here/fixtures/demo-repo")
  for dir in "$here"/fixtures/SL*/*/ "$here"/fixtures/sources/*/; do
    [ -d "$dir" ] && cases+=("${dir%/}")
  done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
checked=0
for dir in "${cases[@]}"; do
  dir=$(realpath "$dir")
  rel=${dir#"$here"/}
  # Run from inside the case so nothing absolute can reach the report; the
  # exit code (1 when there are findings) is not part of the snapshot.
  (cd "$dir" && "$bin" --root . --no-color --jobs 2 . >"$tmp/report" 2>&1 || true)
  checked=$((checked + 1))
  if [ "$mode" = --check ]; then
    if [ ! -f "$dir/$golden_name" ]; then
      echo "$rel/$golden_name: missing (run scripts/update-fixture-goldens.sh)" >&2
      status=1
    elif ! diff -u "$dir/$golden_name" "$tmp/report" >"$tmp/diff"; then
      echo "$rel/$golden_name: the text report differs (- expected, + actual):" >&2
      head -60 "$tmp/diff" >&2
      status=1
    fi
  else
    cp "$tmp/report" "$dir/$golden_name"
  fi
done
if [ "$mode" = --check ]; then
  [ $status -eq 0 ] && echo "fixture goldens: $checked text reports match"
else
  echo "fixture goldens: wrote $checked text reports ($golden_name)"
fi
exit $status
