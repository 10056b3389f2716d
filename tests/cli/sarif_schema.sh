#!/usr/bin/env bash
# The SARIF log of a real run is valid against the official SARIF 2.1.0 schema,
# lists every rule, and every result's ruleIndex points at its ruleId.
#
#   tests/cli/sarif_schema.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail

fail() { echo "sarif_schema: FAIL: $*" >&2; exit 1; }
[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
src=$2
[ -x "$bin" ] || fail "not executable: $bin"
command -v jq >/dev/null 2>&1 || fail "jq is required"

input="$src/fixtures/demo-repo"
[ -d "$input" ] || input="$src/fixtures"
[ -d "$input" ] || fail "no fixtures under $src/fixtures"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sarif="$tmp/run.sarif"

rc=0
"$bin" --format sarif --output "$sarif" --fail-level none "$input" 2>"$tmp/stderr" || rc=$?
[ "$rc" -eq 0 ] || { cat "$tmp/stderr" >&2; fail "seldon-lint exited $rc (expected 0 with --fail-level none)"; }
[ -s "$sarif" ] || fail "no SARIF written"

"$src/tests/tools/sarif/validate.sh" "$sarif" || fail "not valid SARIF 2.1.0"

rules=$(jq '.runs[0].tool.driver.rules | length' "$sarif")
[ "$rules" -ge 20 ] || fail "tool.driver.rules has $rules rules, expected every rule (>= 20)"

bad=$(jq -r '.runs[0] as $run
  | $run.results[]
  | select((.ruleIndex == null) or ($run.tool.driver.rules[.ruleIndex].id != .ruleId))
  | "\(.ruleId) has ruleIndex \(.ruleIndex)"' "$sarif")
[ -z "$bad" ] || fail "ruleIndex does not point at ruleId: $bad"

# Deterministic: a second run gives the same bytes.
"$bin" --format sarif --output "$tmp/again.sarif" --fail-level none "$input" 2>/dev/null ||
  fail "second run failed"
cmp -s "$sarif" "$tmp/again.sarif" || fail "two runs on the same input differ"

echo "sarif_schema: ok"
