#!/usr/bin/env bash
# Pull-request mode: --diff-base REF reports only findings on lines added or
# changed since the merge base with REF (the whole repository is still
# modelled), and exits 2 with a clear message when git cannot answer.
#
#   tests/cli/diff_base.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail

fail() { echo "diff_base: FAIL: $*" >&2; exit 1; }
[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
command -v git >/dev/null 2>&1 || fail "git is required"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
mkdir -p "$HOME"

repo="$tmp/repo"
mkdir -p "$repo/clusters/prod/seldon"
cd "$repo"
git init -q -b main
values() {
  cat <<YAML
security:
  kafka:
    protocol: PLAINTEXT
kafka:
  bootstrap: kafka.$1.svc:9092
  topics:
    replicationFactor: 3
YAML
}
values prod > clusters/prod/seldon/components-values.yaml
git add -A && git commit -q -m "legacy finding on main"

run() {
  set +e
  "$bin" --no-color --format json "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set -e
}
files() { jq -r '[.findings[] | "\(.file):\(.line):\(.rule)"] | join(" ")' "$tmp/out"; }

git checkout -q -b feature
# Unrelated edit above the legacy finding: lines move, the finding is not new.
sed -i '1i # reviewed' clusters/prod/seldon/components-values.yaml
git commit -q -am "comment"
run --diff-base main .
[ "$rc" -eq 0 ] || fail "only moved lines: exit $rc, findings: $(files) $(cat "$tmp/err")"
[ -z "$(files)" ] || fail "only moved lines: reported $(files)"

# A new file with the same problem is reported; the legacy one is not.
mkdir -p clusters/prod-eu/seldon
values prod-eu > clusters/prod-eu/seldon/components-values.yaml
git add -A && git commit -q -m "new region"
run --diff-base main .
[ "$rc" -eq 1 ] || fail "new finding: exit $rc, expected 1"
[ "$(files)" = "clusters/prod-eu/seldon/components-values.yaml:3:SL101" ] || fail "new finding: reported '$(files)'"
jq -e '.summary.files == 2' "$tmp/out" >/dev/null || fail "the whole repository is not modelled"

# Without --diff-base both are reported.
run .
[ "$(jq '.findings | length' "$tmp/out")" -eq 2 ] || fail "without --diff-base: $(files)"

# An untracked file counts as wholly new.
mkdir -p clusters/prod-us/seldon
values prod-us > clusters/prod-us/seldon/components-values.yaml
run --diff-base main .
echo "$(files)" | grep -q "clusters/prod-us/seldon/components-values.yaml:3:SL101" ||
  fail "untracked file not reported: '$(files)'"
rm -rf clusters/prod-us

# Git failures are usage errors with a clear message.
run --diff-base no-such-branch .
[ "$rc" -eq 2 ] || fail "unknown ref: exit $rc, expected 2"
grep -q "git merge-base" "$tmp/err" || fail "unknown ref: message $(cat "$tmp/err")"
run --diff-base "--output=x" .
[ "$rc" -eq 2 ] || fail "option-like ref: exit $rc, expected 2"
mkdir -p "$tmp/plain/clusters/prod"
values plain > "$tmp/plain/clusters/prod/values.yaml"
cd "$tmp/plain"
run --root "$tmp/plain" --diff-base main .
[ "$rc" -eq 2 ] || fail "not a git repository: exit $rc, expected 2"
grep -q "diff-base" "$tmp/err" || fail "not a git repository: message $(cat "$tmp/err")"

echo "diff_base: ok"
