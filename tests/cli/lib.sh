# Shared set-up of the shell-level tests, sourced after `set -uo pipefail`:
#   source "$(dirname "$0")/lib.sh"; cli_test NAME "$@"
# checks the arguments (SELDON_LINT_BINARY SOURCE_DIR) and sets
#   $bin, $src  absolute paths of the binary and the source tree
#   $tmp        a scratch folder, removed on exit; HOME lives in it, with a
#               git identity and no system git configuration
# and the helpers
#   fail MSG              counts a failure and goes on (`finish` reports them)
#   die MSG               a failure that ends the test at once
#   run RC WHAT ARGS...   runs the binary: stdout in $tmp/out, stderr in $tmp/err
#   has FILE TEXT WHAT    FILE is out or err; hasnt likewise
#   finish                exit 1 after any failure, else "NAME: ok"
cli_test() {
  test_name=$1
  shift
  [ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
  bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  src=$(cd "$2" && pwd)
  failures=0
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1
  export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
  export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
  mkdir -p "$HOME"
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "$test_name: $1 is required" >&2; exit 1; }
}

fail() { echo "$test_name: FAIL: $*" >&2; failures=$((failures + 1)); }
die() { echo "$test_name: FAIL: $*" >&2; exit 1; }

# Extra arguments every `run` passes first (for example --no-color).
run_args=()
run() {
  local want=$1 what=$2
  shift 2
  "$bin" "${run_args[@]}" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "$what: exit $rc, expected $want (args: $*)"
    sed 's/^/    /' "$tmp/err" "$tmp/out" | head -20 >&2
  fi
}
has() { grep -q -- "$2" "$tmp/$1" || fail "$3: '$2' not in $1: $(head -c 400 "$tmp/$1")"; }
hasnt() { ! grep -q -- "$2" "$tmp/$1" || fail "$3: '$2' unexpectedly in $1"; }

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$test_name: $failures failure(s)" >&2
    exit 1
  fi
  echo "$test_name: ok"
}

# plaintext_values ROOT ENVIRONMENT: a Seldon values file with PLAINTEXT Kafka
# (an error only where ENVIRONMENT is production) and a safe replication factor.
plaintext_values() {
  mkdir -p "$1/clusters/$2/seldon"
  cat >"$1/clusters/$2/seldon/components-values.yaml" <<YAML
security:
  kafka:
    protocol: PLAINTEXT
kafka:
  bootstrap: kafka.$2.svc:9092
  topics:
    replicationFactor: 3
YAML
}
