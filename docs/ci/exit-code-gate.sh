#!/usr/bin/env bash
# A plain CI step for any CI system: the exit code is the gate.
#   0  no finding at or above --fail-level (default: error)
#   1  findings at or above it (printed as text)
#   2  usage or configuration error, or git failed (--diff-base)
#
# Adopting the linter in a repository with existing findings: record them once
#   seldon-lint --write-baseline .seldon-lint-baseline.json .
# commit the file, and gate on everything else:
set -euo pipefail

baseline=()
if [ -f .seldon-lint-baseline.json ]; then baseline=(--baseline .seldon-lint-baseline.json); fi

seldon-lint --fail-level error "${baseline[@]}" .
