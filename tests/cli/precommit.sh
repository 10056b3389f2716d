#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) works through `pre-commit
# try-repo`, offline, against a scratch git repository:
#   - a clean staged file passes;
#   - a broken staged file fails with its finding;
#   - an unrelated staged file passes although the repository has findings elsewhere.
#
#   tests/cli/precommit.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
source "$(dirname "$0")/lib.sh"  # plaintext_values
fail() { echo "precommit: FAIL: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "not executable: $bin"

if ! command -v pre-commit >/dev/null 2>&1; then
  echo "precommit: installing Debian's pre-commit" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -qq --no-install-recommends pre-commit >/dev/null 2>&1 ||
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends pre-commit >/dev/null; } ||
    fail "pre-commit is not installed and apt-get could not install it"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# An isolated git and pre-commit environment: no user config, no network.
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/pre-commit-cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hook repository: this project's hook definition and entry script, committed.
hooks="$tmp/hooks"
mkdir -p "$hooks/scripts"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
cp "$src/scripts/pre-commit-seldon-lint.sh" "$hooks/scripts/"
chmod +x "$hooks/scripts/pre-commit-seldon-lint.sh"
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" commit -q -m hooks

# The freshly built binary is what the hook finds on PATH.
mkdir -p "$tmp/bin"
ln -s "$bin" "$tmp/bin/seldon-lint"
export PATH="$tmp/bin:$PATH"

work="$tmp/work"
mkdir -p "$work"
cd "$work"
git init -q

staging_values() {
  mkdir -p clusters/staging/seldon
  cat > clusters/staging/seldon/components-values.yaml <<'YAML'
security:
  kafka:
    protocol: PLAINTEXT
kafka:
  bootstrap: kafka.staging.svc:9092
YAML
}
prod_plaintext() { plaintext_values . prod; }

try_repo() {
  set +e
  pre-commit try-repo "$hooks" seldon-lint >"$tmp/out" 2>&1
  local rc=$?
  set -e
  echo "$rc"
}

# 1. A clean staged file passes.
staging_values
git add -A
"$bin" --no-color . >/dev/null || fail "the clean scratch repository has findings: $("$bin" --no-color . 2>&1)"
rc=$(try_repo)
[ "$rc" -eq 0 ] || { cat "$tmp/out" >&2; fail "clean staged file: pre-commit exited $rc, expected 0"; }
grep -q "Passed" "$tmp/out" || { cat "$tmp/out" >&2; fail "clean staged file: hook did not run/pass"; }
git commit -q -m "staging values"

# 2. A broken staged file fails with the finding.
prod_plaintext
git add -A
rc=$(try_repo)
[ "$rc" -ne 0 ] || { cat "$tmp/out" >&2; fail "broken staged file: pre-commit passed"; }
grep -q "SL101" "$tmp/out" || { cat "$tmp/out" >&2; fail "broken staged file: no SL101 in the output"; }
grep -q "clusters/prod/seldon/components-values.yaml" "$tmp/out" ||
  { cat "$tmp/out" >&2; fail "broken staged file: finding does not name the file"; }
git commit -q -m "prod values (with a finding)"

# 3. An unrelated staged file passes although the repository has a finding elsewhere.
"$bin" --no-color . >/dev/null 2>&1 && fail "the scratch repository should now have a finding"
mkdir -p apps/staging
cat > apps/staging/podinfo.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
  namespace: apps
spec:
  replicas: 2
YAML
git add -A
rc=$(try_repo)
[ "$rc" -eq 0 ] || { cat "$tmp/out" >&2; fail "unrelated staged file: pre-commit exited $rc, expected 0"; }
grep -q "Passed" "$tmp/out" || { cat "$tmp/out" >&2; fail "unrelated staged file: hook did not run/pass"; }

# 4. Not on PATH and a build dependency missing: the hook names what to install
#    (exit 2) instead of failing in the middle of a build.  PATH holds only the
#    tools the hook script itself uses, so cmake and g++ are "missing".
mkdir -p "$tmp/minimal"
for tool in bash git dirname find sort xargs sha256sum cut sed mkdir cat tail nproc env; do
  ln -sf "$(command -v "$tool")" "$tmp/minimal/$tool"
done
rc=0
env -u SELDON_LINT PATH="$tmp/minimal" XDG_CACHE_HOME="$tmp/xdg" \
  bash "$hooks/scripts/pre-commit-seldon-lint.sh" clusters/prod/seldon/components-values.yaml \
  >"$tmp/out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { cat "$tmp/out" >&2; fail "missing build dependencies: exit $rc, expected 2"; }
grep -q "building it needs: cmake g++" "$tmp/out" || { cat "$tmp/out" >&2; fail "missing dependencies not named"; }
grep -q "sudo apt-get install cmake g++" "$tmp/out" || { cat "$tmp/out" >&2; fail "no install line"; }
[ ! -e "$tmp/xdg/seldon-lint" ] || [ -z "$(ls "$tmp/xdg/seldon-lint")" ] || fail "a failed check left a build behind"

echo "precommit: ok"
