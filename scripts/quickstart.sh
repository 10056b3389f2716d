#!/usr/bin/env bash
# Command 1 of the README: install dependencies, build build/seldon-lint, and
# lint the bundled demo repository (or the path you give).
#   scripts/quickstart.sh [PATH] [seldon-lint options...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/install-deps.sh"
cmake -S "$here" -B "$here/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$here/build" --target seldon-lint -j"$(nproc)"
target=${1:-"$here/fixtures/demo-repo"}
[ $# -gt 0 ] && shift
echo
echo "== build/seldon-lint $target $*"
status=0
"$here/build/seldon-lint" "$target" "$@" || status=$?
echo
echo "(exit code $status: 0 = clean, 1 = findings at or above --fail-level, 2 = usage/config error)"
