#!/usr/bin/env bash
# A repository with more findings than GitHub code scanning accepts: the SARIF
# keeps at most 25,000 results and at most 10 MB, keeps the most severe
# results, says so in toolExecutionNotifications and on stderr, and stays valid.
#
#   tests/cli/sarif_limits.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail

fail() { echo "sarif_limits: FAIL: $*" >&2; exit 1; }
[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$1
src=$2
command -v jq >/dev/null 2>&1 || fail "jq is required"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/repo"
mkdir -p "$repo/clusters/staging/seldon"
# 30,000 unused suppressions (SL004 notes) ...
awk 'BEGIN { print "security:"; print "  kafka:";
             for (i = 0; i < 30000; i++) printf "    # seldon-lint: ignore[SL001] stale %d\n", i;
             print "    protocol: PLAINTEXT" }' > "$repo/clusters/staging/seldon/components-values.yaml"
# ... and a few errors, which must survive the cut.
for region in eu us ap; do
  mkdir -p "$repo/clusters/prod-$region/seldon"
  printf 'security:\n  kafka:\n    protocol: PLAINTEXT\nkafka:\n  bootstrap: kafka.%s.svc:9092\n' "$region" \
    > "$repo/clusters/prod-$region/seldon/components-values.yaml"
done

sarif="$tmp/run.sarif"
"$bin" --format sarif --output "$sarif" --fail-level none --root "$repo" "$repo" 2>"$tmp/err" ||
  fail "seldon-lint failed: $(cat "$tmp/err")"
size=$(stat -c %s "$sarif")
[ "$size" -le 10000000 ] || fail "SARIF is $size bytes, over 10 MB"
results=$(jq '.runs[0].results | length' "$sarif")
[ "$results" -le 25000 ] || fail "$results results, over 25,000"
[ "$results" -gt 1000 ] || fail "only $results results kept"
errors=$(jq '[.runs[0].results[] | select(.ruleId == "SL101")] | length' "$sarif")
[ "$errors" -eq 3 ] || fail "the errors were not all kept ($errors of 3)"
jq -e '[.runs[0].invocations[0].toolExecutionNotifications[].message.text
        | select(test("limited to [0-9]+ of [0-9]+ results"))] | length == 1' "$sarif" >/dev/null ||
  fail "no toolExecutionNotification about the cut"
grep -q "limited to" "$tmp/err" || fail "no note on stderr: $(cat "$tmp/err")"
total=$("$bin" --format json --fail-level none --root "$repo" "$repo" | jq '.findings | length')
[ "$total" -gt 25000 ] || fail "the JSON report should keep every finding ($total)"

"$src/tests/tools/sarif/validate.sh" "$sarif" || fail "truncated SARIF is not valid SARIF 2.1.0"
echo "sarif_limits: ok ($results of $total results, $size bytes)"
