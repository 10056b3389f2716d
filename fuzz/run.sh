#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs one for a while.
#   fuzz/run.sh [fuzz_yaml|fuzz_repository] [seconds]
# The corpus is seeded from fixtures/; crashes land in fuzz/artifacts/.  Keep
# every crasher, minimised, in fuzz/regressions/: the test suite replays them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-fuzz_yaml}
seconds=${2:-60}
command -v clang++ >/dev/null || { echo "fuzz: needs clang (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
bash "$here/scripts/install-deps.sh"
CC=clang CXX=clang++ cmake -S "$here" -B "$here/build-fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSELDON_LINT_FUZZ=ON -DSELDON_LINT_TESTS=OFF >/dev/null
cmake --build "$here/build-fuzz" --target "$target" -j"$(nproc)"
corpus="$here/fuzz/corpus/$target"
mkdir -p "$corpus" "$here/fuzz/artifacts"
find "$here/fixtures" "$here/fuzz/regressions" -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k \
  -exec cp -n {} "$corpus/" \; 2>/dev/null || true
"$here/build-fuzz/fuzz/$target" "$corpus" -max_total_time="$seconds" -max_len=16384 \
  -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$here/fuzz/artifacts/" -print_final_stats=1
