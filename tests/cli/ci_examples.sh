#!/usr/bin/env bash
# The CI examples in docs/ci/ stay runnable: every `seldon-lint ... --format
# sarif` command in them is run against a sample repository and its SARIF is
# validated against the SARIF 2.1.0 schema; the workflows are well-formed YAML
# (seldon-lint itself reports SL001 for YAML that does not parse); the GitHub
# workflow uses the action (action.yml uploads with upload-sarif and a category);
# the GitLab recipe's `--format gitlab` report feeds the Code Quality widget.
#
#   tests/cli/ci_examples.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail

fail() { echo "ci_examples: FAIL: $*" >&2; exit 1; }
[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
docs="$src/docs/ci"
[ -d "$docs" ] || fail "no $docs"
command -v jq >/dev/null 2>&1 || fail "jq is required"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -q "uses: seldon-lint/seldon-lint@" "$docs/github-actions.yml" || fail "the workflow does not use the action"
grep -q "github/codeql-action/upload-sarif" "$src/action.yml" || fail "no upload-sarif step in action.yml"
grep -Eq "^\s+category: \S+" "$docs/github-actions.yml" || fail "the workflow names no category"
grep -q "security-events: write" "$docs/github-actions.yml" || fail "missing security-events permission"
grep -q "codequality: gl-code-quality-report.json" "$docs/gitlab-ci.yml" || fail "GitLab recipe: no codequality report"

# Well-formed YAML: an SL001 would name the file.
mkdir -p "$tmp/yaml"
cp "$docs"/*.yml "$tmp/yaml/"
"$bin" --no-color --root "$tmp/yaml" --select SL001 "$tmp/yaml" >"$tmp/yaml.out" 2>&1 ||
  { cat "$tmp/yaml.out" >&2; fail "docs/ci YAML does not parse"; }

# A sample repository with findings of every severity and a suppressed one.
repo="$tmp/repo"
mkdir -p "$repo/clusters/prod/seldon" "$repo/clusters/staging/seldon"
cat > "$repo/clusters/prod/seldon/components-values.yaml" <<'YAML'
security:
  kafka:
    protocol: PLAINTEXT
kafka:
  bootstrap: kafka.prod.svc:9092
YAML
cat > "$repo/clusters/staging/seldon/components-values.yaml" <<'YAML'
security:
  kafka:
    protocol: PLAINTEXT  # seldon-lint: ignore[SL001] nothing to hide
kafka:
  bootstrap: kafka.staging.svc:9092  # seldon-lint: ignore[SL403]
YAML

commands=$(grep -hoE "seldon-lint [^#|]*--format sarif[^#|]*" "$docs"/*.yml "$docs"/*.sh | sed 's/[[:space:]]*$//' | sort -u)
[ -n "$commands" ] || fail "no 'seldon-lint ... --format sarif' command in docs/ci"
count=0
while IFS= read -r command; do
  [ -n "$command" ] || continue
  out=$(printf '%s\n' "$command" | sed -nE 's/.*--output ([^ ]+).*/\1/p')
  [ -n "$out" ] || fail "command writes SARIF to stdout, expected --output: $command"
  (cd "$repo" && rm -f "$out" && eval "\"\$bin\" ${command#seldon-lint }") ||
    fail "command failed (exit $?): $command"
  [ -s "$repo/$out" ] || fail "no SARIF written by: $command"
  "$src/tests/tools/sarif/validate.sh" "$repo/$out" || fail "invalid SARIF from: $command"
  jq -e '.runs[0].results | length > 0' "$repo/$out" >/dev/null || fail "no results from: $command"
  count=$((count + 1))
done <<<"$commands"

# The GitLab recipe's Code Quality command gives what the widget reads.
command=$(grep -hoE "seldon-lint [^#|]*--format gitlab[^#|]*" "$docs/gitlab-ci.yml" | sed 's/[[:space:]]*$//' | head -1)
[ -n "$command" ] || fail "no 'seldon-lint ... --format gitlab' command in docs/ci/gitlab-ci.yml"
out=$(printf '%s\n' "$command" | sed -nE 's/.*--output ([^ ]+).*/\1/p')
(cd "$repo" && eval "\"\$bin\" ${command#seldon-lint }") || fail "command failed: $command"
jq -e 'type == "array" and length > 0 and all(.[]; has("description") and has("check_name")
       and has("fingerprint") and has("severity") and (.location.path | type) == "string"
       and (.location.lines.begin | type) == "number")' "$repo/$out" >/dev/null ||
  fail "GitLab Code Quality report: $(head -c 300 "$repo/$out")"

echo "ci_examples: ok ($count SARIF command(s) validated, GitLab Code Quality checked)"
