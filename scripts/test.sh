#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install dependencies, build with
# warnings as errors, run the whole test suite with ctest.
#   scripts/test.sh                 # build/ (Release, -Werror)
#   SANITIZE=1 scripts/test.sh      # build-asan/ (ASan + UBSan)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/install-deps.sh"

jobs=$(nproc)
if [ "${SANITIZE:-0}" = 1 ]; then
  build="$here/build-asan"
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSELDON_LINT_SANITIZE=ON -DSELDON_LINT_WERROR=ON)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
else
  build="$here/build"
  flags=(-DCMAKE_BUILD_TYPE=Release -DSELDON_LINT_WERROR=ON)
fi
cmake -S "$here" -B "$build" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$build" -j"$jobs"
cd "$build"
ctest --output-on-failure -j"$jobs"
