#!/usr/bin/env bash
# --fix and --diff against the snapshots in tests/golden/fixes/<case>/ (one case
# per fixable rule and source shape: plain values file, HelmRelease
# spec.values, Argo CD inline helm.values, CRLF file, shared base, moves):
#  - SARIF results carry `fixes` and the log is valid against the SARIF 2.1.0 schema;
#  - --diff prints expected.diff, changes nothing, exits 1, and the diff applies
#    with patch -p1;
#  - --fix turns before/ into exactly after/ (byte for byte: CRLF, comments,
#    quotes); a second --fix changes nothing (twice equals once);
#  - after --fix no finding is new (every fingerprint was there before), no
#    fixed finding is left, and nothing left is fixable.
#   tests/cli/fix_goldens.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test fix_goldens "$@"
need jq
need patch

cases=("$src"/tests/golden/fixes/*/)
[ ${#cases[@]} -ge 5 ] || die "expected at least 5 cases under tests/golden/fixes, found ${#cases[@]}"
for dir in "${cases[@]}"; do
  dir=${dir%/}
  name=$(basename "$dir")
  work="$tmp/$name"
  rm -rf "$work" "$tmp/patched"
  cp -r "$dir/before" "$work"
  cp -r "$dir/before" "$tmp/patched"

  (cd "$work" && "$bin" --root . --format json --fail-level none . >"$tmp/before.json" 2>/dev/null)
  (cd "$work" && "$bin" --root . --format sarif --fail-level none . >"$tmp/run.sarif" 2>/dev/null)
  [ "$(jq '[.runs[0].results[] | select(.fixes)] | length' "$tmp/run.sarif")" -gt 0 ] ||
    fail "$name: no SARIF result carries fixes"
  "$src/tests/tools/sarif/validate.sh" "$tmp/run.sarif" >/dev/null 2>"$tmp/validate" ||
    fail "$name: SARIF with fixes is not valid SARIF 2.1.0: $(head -c 600 "$tmp/validate")"
  (cd "$work" && "$bin" --root . --diff . >"$tmp/diff" 2>"$tmp/err")
  rc=$?
  [ "$rc" -eq 1 ] || fail "$name: --diff exited $rc, expected 1 (something to fix)"
  diff -u "$dir/expected.diff" "$tmp/diff" >"$tmp/d" || { fail "$name: --diff differs from expected.diff"; head -40 "$tmp/d" >&2; }
  diff -r "$dir/before" "$work" >/dev/null || fail "$name: --diff changed files"
  (cd "$tmp/patched" && patch -s -p1 <"$tmp/diff") || fail "$name: the --diff output does not apply with patch -p1"

  (cd "$work" && "$bin" --root . --fix --fail-level none . >"$tmp/out" 2>&1) || fail "$name: --fix failed: $(cat "$tmp/out")"
  grep -q "^Fixed [1-9]" "$tmp/out" || fail "$name: --fix did not say what it fixed: $(tail -3 "$tmp/out")"
  diff -r "$dir/after" "$work" >"$tmp/d" || { fail "$name: --fix result differs from after/"; head -40 "$tmp/d" >&2; }

  cp -r "$work" "$tmp/once"
  (cd "$work" && "$bin" --root . --fix --fail-level none . >"$tmp/out" 2>&1)
  grep -q "^Fixed 0 findings" "$tmp/out" || fail "$name: a second --fix fixed something: $(tail -2 "$tmp/out")"
  diff -r "$tmp/once" "$work" >/dev/null || fail "$name: fixing twice differs from fixing once"
  rm -rf "$tmp/once"
  (cd "$work" && "$bin" --root . --diff . >"$tmp/diff2" 2>/dev/null)
  [ ! -s "$tmp/diff2" ] || fail "$name: --diff after --fix is not empty"

  (cd "$work" && "$bin" --root . --format json --fail-level none . >"$tmp/after.json" 2>/dev/null)
  new=$(jq -r --slurpfile before "$tmp/before.json" '
    [$before[0].findings[].fingerprint] as $old
    | .findings[] | select(.fingerprint as $f | $old | index($f) | not)
    | "\(.rule) \(.file):\(.line) \(.message)"' "$tmp/after.json")
  [ -z "$new" ] || fail "$name: new findings after --fix: $new"
  left=$(jq -r --slurpfile after "$tmp/after.json" '
    [$after[0].findings[].fingerprint] as $now
    | .findings[] | select(.fix != null) | select(.fingerprint as $f | $now | index($f))
    | "\(.rule) \(.file):\(.line)"' "$tmp/before.json")
  [ -z "$left" ] || fail "$name: fixed findings still reported: $left"
  fixable=$(jq '[.findings[] | select(.fix != null)] | length' "$tmp/after.json")
  [ "$fixable" -eq 0 ] || fail "$name: $fixable fixable findings left after --fix"
done
finish
