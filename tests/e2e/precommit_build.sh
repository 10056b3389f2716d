#!/usr/bin/env bash
# End to end, as a new user meets the pre-commit hook: the real `pre-commit`
# (Debian's 3.0.4), an empty HOME, no seldon-lint on PATH, `pre-commit
# install`; the first `git commit` builds seldon-lint from the hook
# repository into ~/.cache/seldon-lint/<commit>/ and blocks a bad file; a
# good file then passes, reusing that build.  Slow (one Release build), so it
# is a step of .ci/run, not a ctest.
#
#   tests/e2e/precommit_build.sh SOURCE_DIR [VENDOR_DIR]
# VENDOR_DIR (default SOURCE_DIR/build/vendor) receives the pinned tree-sitter
# tarballs once (scripts/vendor-tree-sitter.sh); the hook's build then runs
# with `npm` made to fail, so it proves the build needs no network.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 SOURCE_DIR [VENDOR_DIR]" >&2; exit 2; }
src=$(cd "$1" && pwd)
source "$src/tests/cli/lib.sh"  # plaintext_values
fail() { echo "precommit_build: FAIL: $*" >&2; exit 1; }
vendor=${2:-$src/build/vendor}
command -v pre-commit >/dev/null || fail "pre-commit is not installed (scripts/install-deps.sh)"
bash "$src/scripts/vendor-tree-sitter.sh" "$vendor"
vendor=$(cd "$vendor" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_COLOR=never
unset XDG_CACHE_HOME PRE_COMMIT_HOME SELDON_LINT SELDON_LINT_CACHE_DIR
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
export SELDON_LINT_VENDOR_DIR="$vendor"
mkdir -p "$HOME" "$tmp/stubs"
printf '#!/bin/sh\necho "npm must not run: the build has the vendored tarballs" >&2\nexit 99\n' >"$tmp/stubs/npm"
chmod +x "$tmp/stubs/npm"
export PATH="$tmp/stubs:/usr/local/bin:/usr/bin:/bin"
! command -v seldon-lint >/dev/null 2>&1 || fail "seldon-lint is on PATH: $(command -v seldon-lint)"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hook repository: this source tree as it is (tracked and new files), one commit.
hooks="$tmp/seldon-lint"
mkdir -p "$hooks"
(cd "$src" && git ls-files -z --cached --others --exclude-standard |
  xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' | tar --null -T - -cf -) | tar -xf - -C "$hooks"
git -C "$hooks" init -q && git -C "$hooks" add -A && git -C "$hooks" commit -q -m "seldon-lint"
rev=$(git -C "$hooks" rev-parse HEAD)

work="$tmp/work"
mkdir -p "$work" && cd "$work" && git init -q
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: file://$hooks
    rev: $rev
    hooks:
      - id: seldon-lint
        verbose: true
YAML
git add .pre-commit-config.yaml && git commit -q -m config
pre-commit install >/dev/null

plaintext_values . prod
git add -A
start=$SECONDS
if git commit -m bad >"$tmp/first" 2>&1; then
  cat "$tmp/first" >&2
  fail "a commit with plaintext Kafka in production passed"
fi
echo "precommit_build: first commit (with the build) took $((SECONDS - start)) s" >&2
grep -q "SL101" "$tmp/first" || { cat "$tmp/first" >&2; fail "the blocked commit does not name SL101"; }
grep -q "building seldon-lint" "$tmp/first" || { cat "$tmp/first" >&2; fail "the hook did not say it builds"; }
built="$HOME/.cache/seldon-lint/$rev/bin/seldon-lint"
[ -x "$built" ] || fail "no build at $built"
"$built" --version | grep -q "commit ${rev:0:12}, Release build" || fail "built: $("$built" --version)"
case $(git -C "$hooks" status --porcelain) in "") ;; *) fail "the build wrote into the hook repository";; esac

git rm -q -r --cached clusters/prod && rm -rf clusters/prod
plaintext_values . staging
git add -A
git commit -m good >"$tmp/second" 2>&1 || { cat "$tmp/second" >&2; fail "a clean commit was blocked"; }
grep -q "using the cached build" "$tmp/second" || { cat "$tmp/second" >&2; fail "the second run did not reuse the build"; }
! grep -q "building seldon-lint" "$tmp/second" || fail "the second run built again"
echo "precommit_build: ok (bad commit blocked, good commit passed, build reused)"
