#!/usr/bin/env bash
# The steps of action.yml, as a script that can be tested outside GitHub
# (tests/cli/github_action.sh runs it with the GITHUB_* variables a runner sets).
#   github-action.sh key      -> outputs `dir` (cache folder) and `key` (cache key)
#   github-action.sh install  -> output `binary`: the cached build, else a fresh one
#   github-action.sh run      -> outputs `exit-code`, `findings`, `sarif-file`
# Inputs come from the environment (SL_PATHS, SL_FORMAT, SL_FAIL_LEVEL,
# SL_BASELINE, SL_DIFF_BASE, SL_SARIF_FILE, SL_ARGS); outputs go to
# $GITHUB_OUTPUT, a summary to $GITHUB_STEP_SUMMARY.
set -euo pipefail
src=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}
say() { echo "seldon-lint action: $*" >&2; }
output() { echo "$1=$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: not on a GitHub runner}"; }

# The action's own source decides the build: the commit when the action is a
# git checkout, else a hash of its sources; plus the OS, since a binary built
# on one image may not run on another.
cache_key() {
  local version os
  version=$(git -C "$src" rev-parse --verify -q HEAD 2>/dev/null ||
    (cd "$src" && find CMakeLists.txt cmake linter rules include -type f -print0 | sort -z |
      xargs -0 sha256sum | sha256sum | cut -c1-40))
  os=$( (. /etc/os-release 2>/dev/null && echo "${ID:-linux}-${VERSION_ID:-unknown}") || echo linux)
  echo "seldon-lint-$os-$(uname -m)-$version"
}

step_key() {
  local dir="${RUNNER_TEMP:?RUNNER_TEMP is not set}/seldon-lint-bin"
  output dir "$dir"
  output key "$(cache_key)"
}

step_install() {
  local dir=${SELDON_LINT_ACTION_DIR:?} bin
  bin="$dir/seldon-lint"
  if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
    say "using the cached build: $("$bin" --version)"
  else
    say "building seldon-lint from $src (cached for the next runs)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends cmake ninja-build g++ pkg-config git \
      ca-certificates npm libyaml-cpp-dev libfmt-dev nlohmann-json3-dev libcli11-dev \
      libmimalloc-dev >/dev/null
    local work
    work=$(mktemp -d)
    cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSELDON_LINT_TESTS=OFF -DSELDON_LINT_TS_DIR="$work/tree-sitter" >/dev/null
    cmake --build "$work/build" --target seldon-lint -j"$(nproc)"
    mkdir -p "$dir"
    cp "$work/build/seldon-lint" "$bin"
    rm -rf "$work"
    say "built $("$bin" --version)"
  fi
  output binary "$bin"
}

step_run() {
  local bin=${SELDON_LINT:?SELDON_LINT is not set: the install step names the binary}
  cd "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}"
  # Container jobs check out as another user: let git read the workspace.
  git config --global --add safe.directory "$GITHUB_WORKSPACE" 2>/dev/null || true
  local -a paths args common
  read -r -a paths <<<"${SL_PATHS:-.}"
  read -r -a args <<<"${SL_ARGS:-}"
  common=("${args[@]}")
  [ -z "${SL_BASELINE:-}" ] || common+=(--baseline "$SL_BASELINE")
  local sarif=${SL_SARIF_FILE:-seldon-lint.sarif}

  # 1. The full SARIF report for code scanning (never the gate; code scanning
  #    compares with the base branch itself).
  local rc=0
  "$bin" "${common[@]}" --format sarif --output "$sarif" --fail-level none "${paths[@]}" || rc=$?
  if [ "$rc" -ne 0 ]; then
    say "seldon-lint failed (exit $rc)"
    output exit-code "$rc"
    output sarif-file ""
    return 0
  fi
  local findings
  findings=$(jq '.runs[0].results | length' "$sarif" 2>/dev/null || grep -c '"ruleId"' "$sarif" || true)
  output sarif-file "$sarif"
  output findings "$findings"

  # 2. The gate, in the chosen format (github: annotations on the pull request).
  local -a gate=("${common[@]}" --format "${SL_FORMAT:-github}" --fail-level "${SL_FAIL_LEVEL:-error}")
  [ -z "${SL_DIFF_BASE:-}" ] || gate+=(--diff-base "$SL_DIFF_BASE")
  rc=0
  "$bin" "${gate[@]}" "${paths[@]}" || rc=$?
  output exit-code "$rc"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
      echo "### seldon-lint"
      echo
      echo "$findings finding(s) in the SARIF report (\`$sarif\`); gate exit code $rc" \
        "(fail level ${SL_FAIL_LEVEL:-error}${SL_DIFF_BASE:+, lines changed since $SL_DIFF_BASE})."
    } >>"$GITHUB_STEP_SUMMARY"
  fi
}

case ${1:-} in
  key) step_key ;;
  install) step_install ;;
  run) step_run ;;
  *) echo "usage: $0 key|install|run" >&2; exit 2 ;;
esac
