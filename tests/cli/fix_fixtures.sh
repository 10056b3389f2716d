#!/usr/bin/env bash
# --fix over every fixture repository (fixtures/demo-repo, fixtures/SL*/*,
# fixtures/sources/*), in a scratch copy: it never fails (exit 2), fixing twice
# equals fixing once, nothing fixable is left, and --diff on the fixed copy is
# empty.  Findings that appear because a fixed value now takes effect (a
# protocol fixed to SSL without a client certificate: SL208) are allowed; the
# snapshots in tests/golden/fixes pin the exact results.
#   tests/cli/fix_fixtures.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test fix_fixtures "$@"
need jq

cases=0
fixed_cases=0
for dir in "$src/fixtures/demo-repo" "$src"/fixtures/SL*/*/ "$src"/fixtures/sources/*/; do
  dir=${dir%/}
  [ -d "$dir" ] || continue
  cases=$((cases + 1))
  name=${dir#"$src"/fixtures/}
  work="$tmp/work"
  rm -rf "$work" "$tmp/once"
  cp -r "$dir" "$work"
  (cd "$work" && "$bin" --root . -j1 --fix --fail-level none . >"$tmp/out" 2>&1)
  rc=$?
  [ "$rc" -eq 0 ] || { fail "$name: --fix exited $rc"; continue; }
  grep -q "^Fixed 0 findings" "$tmp/out" || fixed_cases=$((fixed_cases + 1))
  cp -r "$work" "$tmp/once"
  (cd "$work" && "$bin" --root . -j1 --fix --fail-level none . >"$tmp/out" 2>&1)
  grep -q "^Fixed 0 findings" "$tmp/out" || fail "$name: a second --fix fixed more: $(tail -1 "$tmp/out")"
  diff -r "$tmp/once" "$work" >/dev/null || fail "$name: fixing twice differs from fixing once"
  (cd "$work" && "$bin" --root . -j1 --diff . >"$tmp/diff" 2>/dev/null)
  [ ! -s "$tmp/diff" ] || fail "$name: --diff after --fix is not empty"
  (cd "$work" && "$bin" --root . -j1 --format json --fail-level none . >"$tmp/json" 2>/dev/null)
  left=$(jq '[.findings[] | select(.fix != null)] | length' "$tmp/json")
  [ "$left" -eq 0 ] || fail "$name: $left fixable findings left after --fix"
done
[ "$cases" -ge 100 ] || fail "only $cases fixture cases found"
[ "$fixed_cases" -ge 10 ] || fail "only $fixed_cases fixture cases had something to fix"
echo "fix_fixtures: $cases cases, $fixed_cases fixed"
finish
