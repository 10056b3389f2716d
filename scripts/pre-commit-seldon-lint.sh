#!/usr/bin/env bash
# Entry of the pre-commit hook (.pre-commit-hooks.yaml): runs seldon-lint on
# the files pre-commit passes.  pre-commit runs hooks from its own copy of this
# repository, which holds no build, so the binary comes from $SELDON_LINT or
# PATH.
set -euo pipefail
bin=${SELDON_LINT:-}
if [ -z "$bin" ]; then
  if command -v seldon-lint >/dev/null 2>&1; then
    bin=seldon-lint
  else
    echo "seldon-lint: the seldon-lint binary is not on PATH; install it (cmake --install build)" \
      "or set SELDON_LINT=/path/to/seldon-lint" >&2
    exit 2
  fi
fi
exec "$bin" --no-color "$@"
