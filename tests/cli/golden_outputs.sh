#!/usr/bin/env bash
# The JSON and SARIF reports of the demo repository and every example equal
# the reviewed files in tests/golden/outputs/ (scripts/update-golden-outputs.sh
# regenerates them).
set -euo pipefail
bin=$1
src=$2
bash "$src/scripts/update-golden-outputs.sh" "$bin" --check
echo "golden outputs: all equal"
