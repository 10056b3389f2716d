#!/usr/bin/env bash
# CLI behaviour: exit codes 0/1/2, --fail-level, --select/--ignore (ids, names,
# prefixes), configuration errors, output formats and --output, file-argument
# mode, `rules`, `explain`, --version/--help, inline suppressions and baselines.
#
#   tests/cli/exit_codes.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail

source "$(dirname "$0")/lib.sh"
cli_test exit_codes "$@"
need jq
run_args=(--no-color)
repo="$tmp/repo"
mkdir -p "$repo/clusters/prod-eu/seldon" "$repo/clusters/staging/seldon"
plaintext_values "$repo" prod
cat > "$repo/clusters/prod-eu/seldon/components-values.yaml" <<'YAML'
security:
  kafka:
    protocol: PLAINTEXT  # seldon-lint: ignore[SL101] lab cluster without TLS
kafka:
  bootstrap: kafka.prod-eu.svc:9092
  topics:
    replicationFactor: 3
YAML
cat > "$repo/clusters/staging/seldon/components-values.yaml" <<'YAML'
security:
  kafka:
    # seldon-lint: ignore[SL001] the file parses, so this hides nothing
    protocol: PLAINTEXT
kafka:
  # seldon-lint: ignore[SL403]
  bootstrap: kafka.staging.svc:9092
YAML
# Findings: SL101 error (prod), SL003 warning (no reason), SL004 note (unused); one suppressed.


# Exit codes and --fail-level.
run 1 "error finding" --root "$repo" "$repo"
has out "SL101" "text output"
has out "1 suppressed" "summary counts suppressed findings"
run 0 "--fail-level none" --root "$repo" --fail-level none "$repo"
run 0 "--ignore by id" --root "$repo" --ignore SL101 "$repo"
run 1 "--fail-level warning" --root "$repo" --ignore SL101 --fail-level warning "$repo"
run 0 "only a note left" --root "$repo" --ignore SL1,SL003 --fail-level warning "$repo"
run 1 "--fail-level note" --root "$repo" --ignore SL1,SL003 --fail-level note "$repo"
run 2 "bad --fail-level" --root "$repo" --fail-level fatal "$repo"
run 2 "missing path" --root "$repo" "$repo/nope"
run 2 "unknown option" --root "$repo" --frobnicate "$repo"

# --select/--ignore with ids, names and prefixes.
run 1 "--select by name" --root "$repo" --format json --select plaintext-kafka-in-production "$repo"
[ "$(jq -r '[.findings[].rule] | unique | join(",")' "$tmp/out")" = "SL101" ] ||
  fail "--select by name: rules $(jq -c '[.findings[].rule]' "$tmp/out")"
run 0 "--select by prefix" --root "$repo" --format json --select SL0 "$repo"
[ "$(jq -r '[.findings[].rule] | unique | join(",")' "$tmp/out")" = "SL003,SL004" ] ||
  fail "--select SL0: rules $(jq -c '[.findings[].rule]' "$tmp/out")"
run 0 "--ignore by name" --root "$repo" --ignore plaintext-kafka-in-production "$repo"
run 2 "--select unknown" --root "$repo" --select SL999 "$repo"
has err "SL999" "--select unknown names the rule"

# Configuration errors: exit 2 naming the line.
printf 'rules:\n  SL101: [off\n' > "$tmp/bad.yaml"
run 2 "config syntax error" --root "$repo" --config "$tmp/bad.yaml" "$repo"
grep -Eq "bad.yaml:[0-9]+" "$tmp/err" || fail "config syntax error does not name the line: $(cat "$tmp/err")"
printf 'rules:\n  SL101: error\n  SL999: off\n' > "$tmp/unknown.yaml"
run 2 "unknown rule in config" --root "$repo" --config "$tmp/unknown.yaml" "$repo"
has err "unknown.yaml:3" "unknown rule in config names the line"
has err "SL999" "unknown rule in config names the rule"
printf 'rules:\n  plaintext-kafka-in-production: warning\n' > "$tmp/warn.yaml"
run 0 "config severity override" --root "$repo" --config "$tmp/warn.yaml" "$repo"
printf 'rules:\n  SL004: error\n' > "$tmp/sl004.yaml"
run 1 "config severity for SL004" --root "$repo" --config "$tmp/sl004.yaml" --ignore SL101 "$repo"
has out "error\[SL004" "SL004 raised to error by the config"

# Output formats and --output.
run 1 "--output" --root "$repo" --format json --output "$tmp/report.json" "$repo"
[ ! -s "$tmp/out" ] || fail "--output: stdout not empty"
jq -e '.summary.errors == 1 and .summary.suppressed == 1 and .summary.warnings == 1 and .summary.notes == 1' \
  "$tmp/report.json" >/dev/null || fail "--output json summary: $(jq -c .summary "$tmp/report.json")"
run 1 "--format github" --root "$repo" --format github "$repo"
grep -q '^::error file=clusters/prod/seldon/components-values.yaml,line=3' "$tmp/out" ||
  fail "github format: $(cat "$tmp/out")"

# File-argument mode: whole repo modelled, findings limited to the named files.
run 0 "file mode, clean file" --root "$repo" "$repo/clusters/staging/seldon/components-values.yaml"
has out "SL003" "file mode reports the named file's findings"
hasnt out "\[SL101" "file mode hides other files' findings"
run 1 "file mode, broken file" --root "$repo" "$repo/clusters/prod/seldon/components-values.yaml"

# Inline suppressions: --no-inline-suppressions, --include-suppressed.
run 1 "--no-inline-suppressions" --root "$repo" --format json --no-inline-suppressions "$repo"
jq -e '([.findings[] | select(.rule == "SL101")] | length) == 2 and .summary.suppressed == 0
       and ([.findings[] | select(.rule == "SL003" or .rule == "SL004")] | length) == 0' \
  "$tmp/out" >/dev/null || fail "--no-inline-suppressions: $(jq -c '[.findings[].rule]' "$tmp/out")"
run 1 "--include-suppressed json" --root "$repo" --format json --include-suppressed "$repo"
jq -e '[.findings[] | select(.suppressed == true)] | length == 1' "$tmp/out" >/dev/null ||
  fail "--include-suppressed: no suppressed finding in JSON"
run 1 "--include-suppressed sarif" --root "$repo" --format sarif --include-suppressed "$repo"
jq -e '[.runs[0].results[] | select(.suppressions)][0].suppressions[0]
       | .kind == "inSource" and .justification == "lab cluster without TLS"' "$tmp/out" >/dev/null ||
  fail "SARIF suppressions: $(jq -c '[.runs[0].results[].suppressions]' "$tmp/out")"
run 1 "sarif hides suppressed" --root "$repo" --format sarif "$repo"
jq -e '[.runs[0].results[] | select(.suppressions)] | length == 0' "$tmp/out" >/dev/null ||
  fail "SARIF without --include-suppressed lists suppressed results"

# Baselines.
run 0 "--write-baseline" --root "$repo" --write-baseline "$tmp/baseline.json" "$repo"
jq -e '.version == 1 and (.entries | length) == 3 and (.entries | map(.rule) | sort) == ["SL003","SL004","SL101"]' \
  "$tmp/baseline.json" >/dev/null || fail "baseline content: $(cat "$tmp/baseline.json")"
run 0 "--baseline hides" --root "$repo" --baseline "$tmp/baseline.json" --fail-level note "$repo"
run 0 "--baseline, sarif external" --root "$repo" --baseline "$tmp/baseline.json" --format sarif --include-suppressed "$repo"
jq -e '[.runs[0].results[] | select(.suppressions[0].kind == "external")] | length == 3' "$tmp/out" >/dev/null ||
  fail "baseline SARIF kind external: $(jq -c '[.runs[0].results[].suppressions]' "$tmp/out")"
cp -r "$repo" "$tmp/repo2"
printf '\n# a comment\n' >> "$tmp/repo2/clusters/prod/seldon/components-values.yaml"
sed -i '1i # inserted above' "$tmp/repo2/clusters/prod/seldon/components-values.yaml"
run 0 "baseline survives moved lines" --root "$tmp/repo2" --baseline "$tmp/baseline.json" "$tmp/repo2"
mkdir -p "$tmp/repo2/clusters/prod-us/seldon"
cp "$repo/clusters/prod/seldon/components-values.yaml" "$tmp/repo2/clusters/prod-us/seldon/"
run 1 "new occurrence reported" --root "$tmp/repo2" --baseline "$tmp/baseline.json" "$tmp/repo2"
has out "clusters/prod-us" "new occurrence"
sed -i 's/protocol: PLAINTEXT/protocol: SASL_SSL/' "$tmp/repo2/clusters/prod/seldon/components-values.yaml"
run 1 "stale entry" --root "$tmp/repo2" --baseline "$tmp/baseline.json" "$tmp/repo2"
has out "1 baseline entry is stale; rewrite with --write-baseline" "stale note"
echo '{"version": 7, "entries": []}' > "$tmp/bad-baseline.json"
run 2 "bad baseline" --root "$repo" --baseline "$tmp/bad-baseline.json" "$repo"
has err "baseline version" "bad baseline message"
run 2 "missing baseline" --root "$repo" --baseline "$tmp/none.json" "$repo"

# Subcommands and global flags.
run 0 "rules --format json" rules --format json
jq -e 'map(.id) | index("SL003") != null and index("SL004") != null and index("SL101") != null' \
  "$tmp/out" >/dev/null || fail "rules --format json: $(head -c 300 "$tmp/out")"
run 0 "rules" rules
has out "invalid-suppression" "rules text lists SL003"
run 0 "explain SL101" explain SL101
has out "plaintext-kafka-in-production" "explain SL101"
run 0 "explain by name" explain unused-suppression
has out "SL004" "explain by name"
run 2 "explain typo" explain SL1O1
has err "did you mean 'SL101'" "explain typo suggestion"
run 0 "--version" --version
grep -Eq "^seldon-lint [0-9]+\.[0-9]+" "$tmp/out" || fail "--version: $(cat "$tmp/out")"
run 0 "--help" --help
has out "--baseline" "--help lists options"
has out "--diff-base" "--help lists --diff-base"

finish
