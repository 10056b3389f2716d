#!/usr/bin/env bash
# Pull-request mode: --diff-base REF reports only findings on lines added or
# changed since the merge base with REF (the whole repository is still
# modelled), and exits 2 with a clear message when git cannot answer.
#
#   tests/cli/diff_base.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail

source "$(dirname "$0")/lib.sh"
cli_test diff_base "$@"
need git

repo="$tmp/repo"
mkdir -p "$repo"
cd "$repo"
git init -q -b main
plaintext_values . prod
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
[ "$rc" -eq 0 ] || die "only moved lines: exit $rc, findings: $(files) $(cat "$tmp/err")"
[ -z "$(files)" ] || die "only moved lines: reported $(files)"

# A new file with the same problem is reported; the legacy one is not.
plaintext_values . prod-eu
git add -A && git commit -q -m "new region"
run --diff-base main .
[ "$rc" -eq 1 ] || die "new finding: exit $rc, expected 1"
[ "$(files)" = "clusters/prod-eu/seldon/components-values.yaml:3:SL101" ] || die "new finding: reported '$(files)'"
jq -e '.summary.files == 2' "$tmp/out" >/dev/null || die "the whole repository is not modelled"

# Without --diff-base both are reported.
run .
[ "$(jq '.findings | length' "$tmp/out")" -eq 2 ] || die "without --diff-base: $(files)"

# An untracked file counts as wholly new.
plaintext_values . prod-us
run --diff-base main .
echo "$(files)" | grep -q "clusters/prod-us/seldon/components-values.yaml:3:SL101" ||
  die "untracked file not reported: '$(files)'"
rm -rf clusters/prod-us

# Git failures are usage errors with a clear message.
run --diff-base no-such-branch .
[ "$rc" -eq 2 ] || die "unknown ref: exit $rc, expected 2"
grep -q "git merge-base" "$tmp/err" || die "unknown ref: message $(cat "$tmp/err")"
run --diff-base "--output=x" .
[ "$rc" -eq 2 ] || die "option-like ref: exit $rc, expected 2"
plaintext_values "$tmp/plain" prod
cd "$tmp/plain"
run --root "$tmp/plain" --diff-base main .
[ "$rc" -eq 2 ] || die "not a git repository: exit $rc, expected 2"
grep -q "diff-base" "$tmp/err" || die "not a git repository: message $(cat "$tmp/err")"

finish
