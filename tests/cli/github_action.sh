#!/usr/bin/env bash
# The GitHub Action (action.yml) and its script, run with the GITHUB_* and
# RUNNER_* variables a runner sets: the cache key names the OS and the
# action's version, `install` reuses a cached binary, `run` writes the SARIF
# report (no automationDetails: the upload's category applies), annotations
# with the chosen format, the gate's exit code with fail-level, baseline and
# diff-base as outputs, and a job summary.  Also checks that action.yml passes
# every input to the script and uploads with a category, and that the
# documented workflow uses it with security-events: write on debian:12.
#   tests/cli/github_action.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test github_action "$@"
need jq
git config --global init.defaultBranch main

# What a runner sets for a composite action's run steps.
export GITHUB_ACTIONS=true CI=true GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main
export GITHUB_HEAD_REF=feature GITHUB_REPOSITORY=acme/gitops GITHUB_SHA=0000000000000000000000000000000000000000
export GITHUB_ACTION_PATH="$src" RUNNER_TEMP="$tmp/runner-temp" RUNNER_OS=Linux
export GITHUB_WORKSPACE="$tmp/workspace" GITHUB_OUTPUT="$tmp/output" GITHUB_STEP_SUMMARY="$tmp/summary"
mkdir -p "$RUNNER_TEMP" "$GITHUB_WORKSPACE"
action() { bash "$src/scripts/github-action.sh" "$@"; }
out() { sed -n "s/^$1=//p" "$GITHUB_OUTPUT" | tail -1; }

# The workspace: a repository with one clean environment on main, then a pull
# request that adds plaintext Kafka in production.
ws=$GITHUB_WORKSPACE
git -C "$ws" init -q
mkdir -p "$ws/clusters/staging/seldon" "$ws/clusters/prod/seldon"
printf 'security:\n  kafka:\n    protocol: PLAINTEXT\nkafka:\n  bootstrap: kafka.staging.svc:9092\n' \
  >"$ws/clusters/staging/seldon/components-values.yaml"
git -C "$ws" add -A && git -C "$ws" commit -q -m base
git -C "$ws" checkout -q -b feature
printf 'security:\n  kafka:\n    protocol: PLAINTEXT\nkafka:\n  bootstrap: kafka.prod.svc:9092\n  topics:\n    replicationFactor: 3\n' \
  >"$ws/clusters/prod/seldon/components-values.yaml"
git -C "$ws" add -A && git -C "$ws" commit -q -m "prod values"

# key: a cache folder under RUNNER_TEMP and a key with the OS and version.
: >"$GITHUB_OUTPUT"
action key || fail "key step failed"
dir=$(out dir)
key=$(out key)
[ "$dir" = "$RUNNER_TEMP/seldon-lint-bin" ] || fail "key: dir=$dir"
. /etc/os-release
[[ $key == "seldon-lint-$ID-$VERSION_ID-$(uname -m)-"* ]] || fail "key: $key"
[[ $key =~ -[0-9a-f]{40}$ ]] || fail "key does not end in the version: $key"

# install: a cache hit (the binary restored by actions/cache) is used as is.
mkdir -p "$dir" && cp "$bin" "$dir/seldon-lint"
: >"$GITHUB_OUTPUT"
SELDON_LINT_ACTION_DIR="$dir" action install 2>"$tmp/install.err" || fail "install step failed"
grep -q "using the cached build" "$tmp/install.err" || fail "install: $(cat "$tmp/install.err")"
[ "$(out binary)" = "$dir/seldon-lint" ] || fail "install: binary=$(out binary)"

run_action() { # run_action VAR=VALUE... : the lint step with these inputs
  : >"$GITHUB_OUTPUT" && : >"$GITHUB_STEP_SUMMARY"
  env SELDON_LINT="$dir/seldon-lint" SL_PATHS=. SL_FORMAT=github SL_FAIL_LEVEL=error SL_BASELINE= \
    SL_DIFF_BASE= SL_SARIF_FILE=seldon-lint.sarif SL_ARGS= "$@" \
    bash "$src/scripts/github-action.sh" run >"$tmp/stdout" 2>"$tmp/stderr"
}

# Defaults: SARIF written, annotations in the log, the gate fails (exit-code 1)
# but the step itself succeeds so that the upload still runs.
run_action || fail "run step failed: $(cat "$tmp/stderr")"
[ "$(out exit-code)" = 1 ] || fail "exit-code=$(out exit-code), expected 1"
sarif="$ws/$(out sarif-file)"
[ -f "$sarif" ] || fail "no SARIF at $sarif"
jq -e '.runs[0] | (has("automationDetails") | not) and (.results | length) > 0' "$sarif" >/dev/null ||
  fail "SARIF: automationDetails present or no results"
[ "$(out findings)" = "$(jq '.runs[0].results | length' "$sarif")" ] || fail "findings=$(out findings)"
grep -q "^::error file=clusters/prod/seldon/components-values.yaml,line=3,.*title=SL101 plaintext-kafka-in-production::" "$tmp/stdout" ||
  fail "annotations: $(head -c 400 "$tmp/stdout")"
grep -q "gate exit code 1" "$GITHUB_STEP_SUMMARY" || fail "summary: $(cat "$GITHUB_STEP_SUMMARY")"

# fail-level none: the gate passes.
run_action SL_FAIL_LEVEL=none
[ "$(out exit-code)" = 0 ] || fail "fail-level none: exit-code=$(out exit-code)"

# format text and paths limited to staging: clean.
run_action SL_FORMAT=text SL_PATHS="clusters/staging"
[ "$(out exit-code)" = 0 ] || fail "paths clusters/staging: exit-code=$(out exit-code) $(cat "$tmp/stdout")"
grep -q "No findings" "$tmp/stdout" || fail "format text: $(head -c 300 "$tmp/stdout")"

# baseline: recorded findings are hidden from the gate.
"$dir/seldon-lint" --write-baseline "$ws/.seldon-lint-baseline.json" --root "$ws" "$ws" >/dev/null 2>&1
run_action SL_BASELINE=.seldon-lint-baseline.json
[ "$(out exit-code)" = 0 ] || fail "baseline: exit-code=$(out exit-code)"
rm "$ws/.seldon-lint-baseline.json"

# diff-base: only what the pull request changed counts.
git -C "$ws" checkout -q main
git -C "$ws" checkout -q -b other
mkdir -p "$ws/clusters/prod/seldon"
printf 'security:\n  kafka:\n    protocol: PLAINTEXT\nkafka:\n  bootstrap: kafka.prod.svc:9092\n  topics:\n    replicationFactor: 3\n' \
  >"$ws/clusters/prod/seldon/components-values.yaml"
git -C "$ws" add -A && git -C "$ws" commit -q -m "prod values on main's side"
git -C "$ws" checkout -q -b feature2
printf '# docs\n' >"$ws/README.md" && git -C "$ws" add -A && git -C "$ws" commit -q -m docs
run_action SL_DIFF_BASE=other
[ "$(out exit-code)" = 0 ] || fail "diff-base without new findings: exit-code=$(out exit-code) $(cat "$tmp/stderr")"
[ "$(out findings)" -gt 0 ] || fail "diff-base must not narrow the SARIF report"
run_action SL_DIFF_BASE=main
[ "$(out exit-code)" = 1 ] || fail "diff-base main: exit-code=$(out exit-code)"

# A configuration error: exit-code 2 and no SARIF to upload.
printf 'rules:\n  SL999: off\n' >"$ws/.seldon-lint.yaml"
run_action
[ "$(out exit-code)" = 2 ] || fail "config error: exit-code=$(out exit-code)"
[ -z "$(out sarif-file)" ] || fail "config error: sarif-file=$(out sarif-file)"
rm "$ws/.seldon-lint.yaml"

# action.yml: composite, every input reaches the script, SARIF uploaded with a category.
python3 - "$src/action.yml" <<'PY' || fail "action.yml"
import sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
assert action["runs"]["using"] == "composite", "not composite"
steps = action["runs"]["steps"]
inputs = set(action["inputs"])
for wanted in ["paths", "format", "fail-level", "baseline", "diff-base", "category"]:
    assert wanted in inputs, f"input {wanted} missing"
used = " ".join(str(s) for s in steps)
for name in inputs:
    assert "inputs." + name in used, f"input {name} is not used"
upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
assert upload and upload[0]["with"]["category"] == "${{ inputs.category }}", "no upload with category"
assert any(str(s.get("uses", "")).startswith("actions/cache@") for s in steps), "no cache"
PY
wf="$src/docs/ci/github-actions.yml"
python3 - "$wf" <<'PY' || fail "documented workflow $wf"
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
job = next(iter(wf["jobs"].values()))
assert job["permissions"]["security-events"] == "write", "permissions"
assert job["container"] in ("debian:12", {"image": "debian:12"}), "container"
steps = job["steps"]
uses = [s for s in steps if str(s.get("uses", "")).startswith("seldon-lint/seldon-lint@")]
assert uses, "does not use the action"
PY
grep -q "docs/ci/github-actions.yml" "$src/README.md" || fail "README does not link the workflow"

finish
