#!/usr/bin/env bash
# The man page and the bash/zsh/fish completions know every option `--help`
# lists, and the bash completion completes options, option values, the
# subcommands and rule ids.
#   tests/cli/completions.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
failures=0
fail() { echo "completions: FAIL: $*" >&2; failures=$((failures + 1)); }
pkg="$src/packaging"

options=$("$bin" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u)
[ "$(echo "$options" | wc -l)" -ge 20 ] || fail "too few options in --help: $options"
for option in $options; do
  grep -q -- "${option//-/\\\\-}" "$pkg/seldon-lint.1" || fail "man page lacks $option"
  grep -q -- "$option\b" "$pkg/completions/seldon-lint.bash" || fail "bash completion lacks $option"
  grep -q -- "'[(]*[^']*$option\[\|{[^}]*$option}" "$pkg/completions/_seldon-lint" ||
    grep -q -- "$option\[" "$pkg/completions/_seldon-lint" || fail "zsh completion lacks $option"
  grep -q -- "-l ${option#--}\b" "$pkg/completions/seldon-lint.fish" || fail "fish completion lacks $option"
done
for format in text json sarif github gitlab; do
  "$bin" --help | grep -q "$format" || fail "--help lacks format $format"
  grep -q "$format" "$pkg/completions/seldon-lint.bash" || fail "bash completion lacks format $format"
done

# bash: run the completion function as bash-completion would.
tmpbin=$(mktemp -d)
trap 'rm -rf "$tmpbin"' EXIT
ln -s "$bin" "$tmpbin/seldon-lint"
complete_words() { # complete_words WORD... -> COMPREPLY of the last word
  PATH="$tmpbin:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
    _seldon_lint
    printf "%s\n" "${COMPREPLY[@]}"' _ "$pkg/completions/seldon-lint.bash" "$@"
}
# (grep reads a variable: with pipefail, grep -q ending a pipe early fails it)
offers() { local want=$1; shift; grep -qx -- "$want" <<<"$(complete_words "$@")"; }
offers --format seldon-lint --form || fail "bash: --form"
[ "$(complete_words seldon-lint --format g | sort | tr '\n' ' ')" = "github gitlab " ] ||
  fail "bash: --format g -> $(complete_words seldon-lint --format g | tr '\n' ' ')"
offers always seldon-lint --color "" || fail "bash: --color"
offers explain seldon-lint ex || fail "bash: subcommand"
offers SL302 seldon-lint explain SL30 || fail "bash: explain SL30 -> rule ids"
bash -n "$pkg/completions/seldon-lint.bash" || fail "bash completion syntax"
if command -v zsh >/dev/null 2>&1; then zsh -n "$pkg/completions/_seldon-lint" || fail "zsh syntax"; fi
if command -v fish >/dev/null 2>&1; then fish -n "$pkg/completions/seldon-lint.fish" || fail "fish syntax"; fi

if [ "$failures" -gt 0 ]; then
  echo "completions: $failures failure(s)" >&2
  exit 1
fi
echo "completions: ok"
