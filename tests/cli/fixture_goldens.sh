#!/usr/bin/env bash
# Every fixture case's text report matches its expected-report.txt snapshot
# (scripts/update-fixture-goldens.sh regenerates them; review the diff).
set -euo pipefail
bash "$2/scripts/update-fixture-goldens.sh" "$1" --check
