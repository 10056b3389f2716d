#!/usr/bin/env bash
# The README's rule table matches `seldon-lint rules` (every rule documented).
set -euo pipefail
bash "$2/scripts/update-readme-rules.sh" "$1" --check
