#!/usr/bin/env bash
# What users bring from other linters, at the command line: --version with
# commit and build type (JSON/SARIF keep the plain version), --color and
# FORCE_COLOR/NO_COLOR, --statistics, rule ids and names in any case and as
# group prefixes (--select, --ignore, config rules:, explain), .gitignore'd
# files skipped (--no-ignore reads them), configuration mistakes as exit 2
# with file:line, --sarif-category and --format gitlab.
#
#   tests/cli/habits.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail

source "$(dirname "$0")/lib.sh"
cli_test habits "$@"
need jq
unset NO_COLOR FORCE_COLOR
esc=$'\033'  # ANSI escape

demo="$src/fixtures/demo-repo"

# --- --version ---------------------------------------------------------------------
run 0 "--version" --version
grep -Eq '^seldon-lint [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}(-dirty)?|unknown), [A-Za-z]+ build\)$' "$tmp/out" ||
  fail "--version: $(cat "$tmp/out")"
version=$(sed -E 's/^seldon-lint ([^ ]+) .*/\1/' "$tmp/out")
run 1 "json version" --format json "$demo"
jq -e --arg v "$version" '.version == $v' "$tmp/out" >/dev/null || fail "json version is not plain $version"
run 1 "sarif version" --format sarif "$demo"
jq -e --arg v "$version" '.runs[0].tool.driver.version == $v' "$tmp/out" >/dev/null ||
  fail "sarif version is not plain $version"

# --- color ---------------------------------------------------------------------------
run 1 "no color into a pipe" "$demo"
hasnt out "$esc" "auto color on a pipe"
run 1 "--color always" --color always "$demo"
has out "$esc" "--color always"
FORCE_COLOR=1 run 1 "FORCE_COLOR" "$demo"
has out "$esc" "FORCE_COLOR=1"
FORCE_COLOR=0 run 1 "FORCE_COLOR=0" "$demo"
hasnt out "$esc" "FORCE_COLOR=0"
NO_COLOR=1 FORCE_COLOR=1 run 1 "NO_COLOR wins in auto" "$demo"
hasnt out "$esc" "NO_COLOR=1 FORCE_COLOR=1"
FORCE_COLOR=1 run 1 "--no-color beats FORCE_COLOR" --no-color "$demo"
hasnt out "$esc" "--no-color with FORCE_COLOR"
FORCE_COLOR=1 run 1 "--color never beats FORCE_COLOR" --color never "$demo"
hasnt out "$esc" "--color never with FORCE_COLOR"
run 2 "--color bad" --color sometimes "$demo"

# --- --statistics ----------------------------------------------------------------------
run 1 "--statistics" --statistics "$demo"
has out "^    1  SL101  plaintext-kafka-in-production$" "--statistics text"
has out "^    [0-9]*  total$" "--statistics total"
total=$(sed -nE 's/^ +([0-9]+)  total$/\1/p' "$tmp/out")
"$bin" --format json "$demo" >"$tmp/json"
[ "$total" = "$(jq '.findings | length' "$tmp/json")" ] || fail "--statistics total $total"
run 1 "--statistics json" --statistics --format json "$demo"
jq -e . "$tmp/out" >/dev/null || fail "--statistics broke the JSON on stdout"
has err "SL101  plaintext-kafka-in-production" "--statistics on stderr for json"

# --- rule ids and names: any case, group prefixes ---------------------------------------
run 1 "--select lower case id" --format json --select sl101 "$demo"
jq -e '[.findings[].rule] | unique == ["SL101"]' "$tmp/out" >/dev/null || fail "--select sl101"
run 1 "--select name in upper case" --format json --select PLAINTEXT-KAFKA-IN-PRODUCTION "$demo"
jq -e '[.findings[].rule] | unique == ["SL101"]' "$tmp/out" >/dev/null || fail "--select NAME"
run 1 "--ignore group prefix" --format json --ignore sl1 "$demo"
jq -e '[.findings[].rule | select(startswith("SL1"))] | length == 0' "$tmp/out" >/dev/null ||
  fail "--ignore sl1"
run 2 "--select unknown" --select SL999 "$demo"
has err "unknown rule or group 'SL999'" "--select SL999"
run 0 "explain lower case" explain sl302
has out "secret-missing-in-logs-namespace" "explain sl302"
run 0 "explain name any case" explain Secret-Missing-In-Logs-Namespace
has out "SL302" "explain NAME"
run 0 "explain group" explain SL40
has out "^SL401 " "explain SL40 (SL401)"
has out "^SL402 " "explain SL40 (SL402)"
run 2 "explain SL999" explain SL999
has err "there is no rule 'SL999'" "explain SL999"
hasnt err "did you mean" "explain SL999 suggests an unrelated id"

# config rules: by name, lower case id, and group prefix (the most specific wins).
r="$tmp/rules"
cp -r "$demo" "$r"
printf 'rules:\n  sl1: off\n  SL101: warning\n  secret-missing-in-logs-namespace: note\n' >"$r/.seldon-lint.yaml"
run 1 "config rules by prefix/name" --format json --root "$r" "$r"
jq -e '([.findings[] | select(.rule == "SL101") | .severity] | unique == ["warning"])
       and ([.findings[] | select(.rule == "SL302") | .severity] | unique == ["note"])
       and ([.findings[] | select(.rule | startswith("SL1")) | .rule] | unique == ["SL101"])' \
  "$tmp/out" >/dev/null || fail "config rules: $(jq -c '[.findings[] | [.rule, .severity]]' "$tmp/out")"

# --- configuration mistakes: exit 2, file:line, what is expected ---------------------------
c="$tmp/config"
mkdir -p "$c"
cfg() { # cfg TEXT LINE WORDS DESCRIPTION
  printf "$1" >"$c/.seldon-lint.yaml"
  run 2 "$4" --root "$c" "$c"
  has err "$c/.seldon-lint.yaml:$2: " "$4: file:line"
  has err "$3" "$4: what is expected"
}
cfg 'externalSecrets:\n  - name: kafka-sasl\n' 2 "without namespaces" "externalSecrets without namespaces"
cfg 'externalSecrets:\n  - {name: kafka-sasl, namespaces: []}\n' 2 "without namespaces" "externalSecrets with empty namespaces"
cfg 'rules:\n  SL101: off\n---\nrules:\n  SL102: off\n' 4 "one document" "several documents"
cfg 'rules:\n  SL101: [off]\n' 2 "expected off, error, warning or note, got a list" "rules: a list"
cfg 'rules:\n  SL101: {level: off}\n' 2 "got a mapping" "rules: a mapping"
cfg 'rules:\n  SL101: 3\n' 2 "got '3'" "rules: a number"
cfg 'rules:\n  SL101:\n' 2 "got nothing" "rules: nothing"
cfg 'rules:\n  SL999: off\n' 2 "unknown rule or group 'SL999'" "rules: unknown id"

# --- .gitignore ---------------------------------------------------------------------------
g="$tmp/ignored"
mkdir -p "$g/clusters/prod/seldon"
cat >"$g/clusters/prod/seldon/values.yaml" <<'YAML'
security:
  kafka:
    protocol: PLAINTEXT
kafka:
  bootstrap: broker.example.com:9093
YAML
cp "$g/clusters/prod/seldon/values.yaml" "$g/clusters/prod/seldon/local-1.yaml"
printf 'local-[0-9].yaml\n' >"$g/.gitignore"
git -C "$g" init -q
run 1 ".gitignore" --format json "$g"
jq -e '[.findings[].file] | unique == ["clusters/prod/seldon/values.yaml"]' "$tmp/out" >/dev/null ||
  fail ".gitignore: $(jq -c '[.findings[].file] | unique' "$tmp/out")"
run 1 "--no-ignore" --format json --no-ignore "$g"
jq -e '[.findings[].file] | index("clusters/prod/seldon/local-1.yaml") != null' "$tmp/out" >/dev/null ||
  fail "--no-ignore: $(jq -c '[.findings[].file] | unique' "$tmp/out")"
# A values file that a release references is skipped too when ignored (CI's
# clone would not have it); --no-ignore shows that it is referenced.
cat >"$g/clusters/prod/kustomization.yaml" <<'YAML'
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
helmCharts:
  - name: seldon-core-v2-setup
    releaseName: seldon-core-v2-setup
    namespace: seldon-system
    valuesFile: generated/values.yaml
YAML
printf 'generated/\n' >>"$g/.gitignore"
mkdir -p "$g/clusters/prod/generated"
cp "$g/clusters/prod/seldon/values.yaml" "$g/clusters/prod/generated/values.yaml"
run 1 ".gitignore'd referenced file" --format json "$g"
# Only SL005 may name it: a referenced file missing from the checkout is an
# unreadable values layer (noted, never read).
jq -e '[.findings[] | select(.rule != "SL005") | .file, .message] | any(contains("clusters/prod/generated")) | not' "$tmp/out" >/dev/null ||
  fail ".gitignore'd folder is read"
run 1 "--no-ignore, referenced file" --format json --no-ignore "$g"
has out "clusters/prod/generated/values.yaml" "--no-ignore reads the referenced file"

# --- --sarif-category, --format gitlab ------------------------------------------------------
run 1 "sarif default" --format sarif "$demo"
jq -e '.runs[0] | has("automationDetails") | not' "$tmp/out" >/dev/null ||
  fail "automationDetails without --sarif-category"
run 1 "--sarif-category" --format sarif --sarif-category prod-gitops "$demo"
jq -e '.runs[0].automationDetails.id == "prod-gitops/"' "$tmp/out" >/dev/null ||
  fail "--sarif-category: $(jq -c '.runs[0].automationDetails' "$tmp/out")"
run 1 "--format gitlab" --format gitlab "$demo"
jq -e 'length > 0 and all(.[]; (.description | type) == "string" and (.check_name | test("^SL[0-9]{3}$"))
       and (.fingerprint | type) == "string" and (.severity | IN("info","minor","major","critical","blocker"))
       and (.location.path | startswith("fixtures/demo-repo/")) and .location.lines.begin >= 1)
       and ([.[].fingerprint] | unique | length) == length' "$tmp/out" >/dev/null ||
  fail "--format gitlab: $(head -c 600 "$tmp/out")"
jq -e '[.[] | select(.check_name == "SL101") | .severity] == ["critical"]' "$tmp/out" >/dev/null ||
  fail "gitlab severity of SL101"
run 1 "--format github" --format github "$demo"
has out "title=SL302 secret-missing-in-logs-namespace::" "github title"
has out "%0Anote: fixtures/demo-repo/clusters/production/seldon/eventhub-kafka.sealedsecret.yaml:5:9: secret 'eventhub-kafka' exists in namespace seldon-mesh" "github related locations"

finish
