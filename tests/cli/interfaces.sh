#!/usr/bin/env bash
# interfaces.md at the command line: PATH handling (spaces, Unicode, outside the
# root, missing, symbolic links, files and folders mixed), the root and config
# defaults from a git subdirectory, configuration errors, --output into a new
# folder, --quiet, the github format, --help, and --jobs never changing a byte.
#
#   tests/cli/interfaces.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail

source "$(dirname "$0")/lib.sh"
cli_test interfaces "$@"
need jq
unset NO_COLOR

prod_values() {
  mkdir -p "$(dirname "$1")"
  cat > "$1" <<'YAML'
security:
  kafka:
    protocol: PLAINTEXT
kafka:
  bootstrap: kafka.prod.svc:9093
  topics:
    replicationFactor: 3
YAML
}

# --- Spaces and Unicode in paths; columns in code points. --------------------
repo="$tmp/my repo"
prod_values "$repo/clusters/prod-ü/seldon/välues.yaml"
printf 'security: {ä: 1, ü: 2, kafka: {protocol: PLAINTEXT}}\nkafka: {topics: {replicationFactor: 3}}\n' \
  > "$repo/clusters/prod-ü/seldon/flow.yaml"
run 1 "unicode paths" --root "$repo" --format json --select SL101,SL501 "$repo"
jq -e '[.findings[] | select(.rule == "SL101") | .file] == ["clusters/prod-ü/seldon/flow.yaml", "clusters/prod-ü/seldon/välues.yaml"]' \
  "$tmp/out" >/dev/null || fail "unicode paths in JSON: $(jq -c '[.findings[] | [.rule, .file]]' "$tmp/out")"
jq -e '[.findings[] | select(.rule == "SL101")][0] | .line == 1 and .column == 42 and .end_column == 51' \
  "$tmp/out" >/dev/null || fail "columns count code points: $(jq -c '.findings' "$tmp/out")"
run 1 "unicode paths, sarif" --root "$repo" --format sarif --select SL101 "$repo"
jq -e '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri == "clusters/prod-%C3%BC/seldon/flow.yaml"' \
  "$tmp/out" >/dev/null || fail "SARIF uri percent-encoding: $(jq -c '.runs[0].results[0].locations' "$tmp/out")"
jq -e '.runs[0].originalUriBaseIds["%SRCROOT%"].uri | endswith("/my%20repo/")' "$tmp/out" >/dev/null ||
  fail "SARIF %SRCROOT%: $(jq -c '.runs[0].originalUriBaseIds' "$tmp/out")"
run 1 "file argument with spaces" --root "$repo" --select SL101 "$repo/clusters/prod-ü/seldon/välues.yaml"
has out "^clusters/prod-ü/seldon/välues.yaml:3:15: error\[SL101 plaintext-kafka-in-production\]" "text header"
hasnt out "flow.yaml" "file mode reports only the named file"

# --- github format: title=SLnnn name (interfaces.md, issue 12). -----------------
run 1 "github" --root "$repo" --format github --select SL101 "$repo"
grep -q '^::error file=clusters/prod-ü/seldon/välues.yaml,line=3,col=15,.*title=SL101 plaintext-kafka-in-production::security.kafka.protocol' "$tmp/out" ||
  fail "github workflow command: $(cat "$tmp/out")"

# --- Text: no color when not a terminal; --quiet drops the summary. -------------
run 1 "text to a pipe" --root "$repo" "$repo"
! grep -q $'\x1b' "$tmp/out" || fail "ANSI escapes in text output to a pipe"
has out "^Found " "summary line"
run 1 "--quiet" --root "$repo" --quiet "$repo"
has out "error\[SL101" "--quiet keeps findings"
hasnt out "^Found " "--quiet drops the summary line"

# --- PATHs: missing, outside the root, links out of the root, mixed. -----------
run 2 "missing PATH" --root "$repo" "$repo/nope"
has err "no such file or directory: .*nope" "missing PATH message"
outside="$tmp/outside"
prod_values "$outside/prod/values.yaml"
run 2 "folder outside --root" --root "$repo" "$outside"
has err "outside the repository root" "outside message"
run 2 "file outside --root" --root "$repo" "$outside/prod/values.yaml"
has err "outside the repository root" "outside file message"
ln -s "$outside/prod" "$repo/clusters/linked-prod"
ln -s "$outside/prod/values.yaml" "$repo/clusters/linked.yaml"
run 2 "linked folder leaving the root" --root "$repo" "$repo/clusters/linked-prod"
has err "outside the repository root" "link out of the root"
run 2 "linked file leaving the root" --root "$repo" "$repo/clusters/linked.yaml"
rm "$repo/clusters/linked-prod" "$repo/clusters/linked.yaml"
ln -s "$repo" "$tmp/alias"
run 1 "root spelled through a link" --root "$tmp/alias" --format json --select SL101 "$repo/clusters/prod-ü"
jq -e '[.findings[].file] | length == 2 and all(startswith("clusters/"))' "$tmp/out" >/dev/null ||
  fail "root through a link: $(jq -c '[.findings[].file]' "$tmp/out")"
prod_values "$repo/apps/prod/values.yaml"
run 1 "files and folders mixed" --root "$repo" --format json --select SL101 \
  "$repo/apps" "$repo/clusters/prod-ü/seldon/välues.yaml"
jq -e '[.findings[].file] == ["apps/prod/values.yaml", "clusters/prod-ü/seldon/välues.yaml"]' "$tmp/out" >/dev/null ||
  fail "a folder named next to a file keeps its findings: $(jq -c '[.findings[].file]' "$tmp/out")"

# --- --output into a folder that does not exist yet. ---------------------------
run 1 "--output into a new folder" --root "$repo" --format sarif --output "$tmp/reports/a b/run.sarif" "$repo"
[ -s "$tmp/reports/a b/run.sarif" ] || fail "--output did not create the folder"
run 2 "--output is a folder" --root "$repo" --output "$tmp/reports" "$repo"
has err "cannot write" "--output folder message"

# --- Configuration errors name the line; accepted spellings. -------------------
cfg() { printf "$1" > "$tmp/c.yaml"; }
cfg 'rules:\n  SL101: off\n  SL101: error\n'
run 2 "duplicate key" --root "$repo" --config "$tmp/c.yaml" "$repo"
has err "c.yaml:3: duplicate key 'SL101'" "duplicate key names the line"
cfg 'releases:\n  - values: [a.yaml]\n    namespace: [x]\n'
run 2 "non-string namespace" --root "$repo" --config "$tmp/c.yaml" "$repo"
has err "c.yaml:3: releases.namespace must be a string" "wrong shape names the key and line"
cfg 'releases:\n  - values: [a.yaml]\n'
run 2 "release without namespace" --root "$repo" --config "$tmp/c.yaml" "$repo"
has err "c.yaml:2: releases entry without 'namespace'" "missing namespace"
cfg 'externalSecrets:\n  - name: {a: b}\n'
run 2 "non-string secret name" --root "$repo" --config "$tmp/c.yaml" "$repo"
has err "c.yaml:2: externalSecrets.name must be a string" "secret name shape"
cfg 'logsNamespace: null\nrules:\n  SL101: Off\n'
run 0 "Off and logsNamespace: null" --root "$repo" --config "$tmp/c.yaml" --select SL101,SL302 "$repo"
cfg 'rules: {SL101: off}\nenvironments:\n  staging: ["clusters/**"]\n'
run 0 "flow-style rules" --root "$repo" --config "$tmp/c.yaml" --select SL101 "$repo/clusters"
run 2 "--config is a folder" --root "$repo" --config "$tmp" "$repo"
has err "is a folder" "--config folder message"
run 2 "missing --config" --root "$repo" --config "$tmp/none.yaml" "$repo"
has err "none.yaml" "missing config named"

# --- Environments from --env and --production-env. -----------------------------
prod_values "$repo/regions/eu-pre-prod/values.yaml"
run 0 "pre-prod inside a segment is staging" --root "$repo" --select SL101 "$repo/regions"
run 1 "--production-env" --root "$repo" --select SL101 --production-env staging "$repo/regions"
run 1 "--env" --root "$repo" --select SL101 --env 'production=regions/**' "$repo/regions"

# --- From a subdirectory of a git repository: root = top-level, its config. ----
if command -v git >/dev/null 2>&1; then
  g="$tmp/gitrepo"
  mkdir -p "$g" && git -C "$g" init -q
  prod_values "$g/clusters/prod/seldon/values.yaml"
  printf 'rules:\n  SL405: off\n' > "$g/.seldon-lint.yaml"
  mkdir -p "$g/clusters/prod/seldon/sub"
  (cd "$g/clusters/prod/seldon/sub" && "$bin" --format json .. >"$tmp/out" 2>"$tmp/err")
  rc=$?
  [ "$rc" -eq 1 ] || fail "git subdirectory: exit $rc: $(cat "$tmp/err")"
  jq -e '[.findings[].file] | unique == ["clusters/prod/seldon/values.yaml"]' "$tmp/out" >/dev/null ||
    fail "git subdirectory: paths not relative to the top-level: $(jq -c '[.findings[].file]' "$tmp/out")"
  jq -e '[.findings[].rule] | index("SL101") != null and index("SL405") == null' "$tmp/out" >/dev/null ||
    fail "git subdirectory: top-level config not applied: $(jq -c '[.findings[].rule]' "$tmp/out")"
  (cd "$g/clusters" && "$bin" --format sarif >"$tmp/out" 2>"$tmp/err")
  jq -e '(.runs[0].originalUriBaseIds["%SRCROOT%"].uri | endswith("/gitrepo/"))
         and (.runs[0].results | length) > 0' "$tmp/out" >/dev/null ||
    fail "git subdirectory, default PATH: $(jq -c '.runs[0].originalUriBaseIds' "$tmp/out")"
fi

# --- --help, explain. -----------------------------------------------------------
run 0 "--help" --help
for want in "--output FILE" "--config FILE" "--root DIR" "--env NAME=GLOB" "--jobs N" "else the current directory" \
  "or the linter itself failed"; do
  has out "$want" "--help"
done
run 0 "explain, lower-case id" explain sl101
has out "plaintext-kafka-in-production" "explain sl101"

# --- --jobs never changes a byte (fixtures/ and examples/, every format). ----
for dir in fixtures examples; do
  for format in text json sarif github; do
    (cd "$src" && "$bin" --no-color --format "$format" --jobs 1 "$dir" >"$tmp/j1" 2>/dev/null)
    rc1=$?
    (cd "$src" && "$bin" --no-color --format "$format" "$dir" >"$tmp/jd" 2>/dev/null)
    rcd=$?
    (cd "$src" && "$bin" --no-color --format "$format" --jobs 7 "$dir" >"$tmp/j7" 2>/dev/null)
    rc7=$?
    [ "$rc1" -eq "$rcd" ] && [ "$rc1" -eq "$rc7" ] || fail "--jobs changes the exit code on $dir ($rc1/$rcd/$rc7)"
    [ -s "$tmp/j1" ] || fail "no $format output on $dir"
    cmp -s "$tmp/j1" "$tmp/jd" || fail "--jobs 1 and the default differ: $dir, $format"
    cmp -s "$tmp/j1" "$tmp/j7" || fail "--jobs 1 and --jobs 7 differ: $dir, $format"
  done
done

finish
