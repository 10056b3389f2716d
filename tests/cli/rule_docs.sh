#!/usr/bin/env bash
# Every SARIF helpUri (docs/rules/<ID>.md) exists and matches the rule's help.
set -euo pipefail
bash "$2/scripts/update-rule-docs.sh" "$1" --check
