#!/usr/bin/env bash
# The README's opening example is a real run of the binary under test
# (scripts/update-readme-example.sh regenerates it).
#   tests/cli/readme_example.sh SELDON_LINT_BINARY SOURCE_DIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SELDON_LINT_BINARY SOURCE_DIR" >&2; exit 2; }
grep -q "<!-- demo:begin -->" "$2/README.md" || { echo "readme_example: no demo block in README.md" >&2; exit 1; }
bash "$2/scripts/update-readme-example.sh" "$1" --check
