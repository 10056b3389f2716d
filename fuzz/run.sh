#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 and runs one, niced, single worker.
#   fuzz/run.sh TARGET [seconds]
#   TARGET: fuzz_repository fuzz_yaml fuzz_config fuzz_suppressions fuzz_diff fuzz_glob fuzz_base64
# The corpus is seeded from fixtures/ (fuzz/seed.sh); crashes land in
# fuzz/artifacts/.  Keep every crasher, minimised, in fuzz/regressions/ (one
# file per input; repository inputs in fuzz/regressions/repository/, other
# targets in fuzz/regressions/<target>/): the test suite replays them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-fuzz_repository}
seconds=${2:-60}
cc=$(command -v clang-14 || command -v clang || true)
cxx=$(command -v clang++-14 || command -v clang++ || true)
[ -n "$cxx" ] || { echo "fuzz: needs clang (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
build=${FUZZ_BUILD:-$here/build-fuzz}
# FUZZ_NO_BUILD=1: run $build/fuzz/TARGET as it is (two fuzzers side by side,
# or a copy of the binary while the build folder is rebuilt).
if [ "${FUZZ_NO_BUILD:-0}" != 1 ]; then
  if [ ! -f "$build/build.ninja" ]; then
    CC=$cc CXX=$cxx cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSELDON_LINT_FUZZ=ON -DSELDON_LINT_TESTS=OFF >/dev/null
  fi
  nice -n 19 cmake --build "$build" --target "$target" -j2
fi
corpus="$here/fuzz/corpus/$target"
bash "$here/fuzz/seed.sh" "$target" "$corpus"
mkdir -p "$here/fuzz/artifacts/$target"
dict=()
[ -f "$here/fuzz/$target.dict" ] && dict=(-dict="$here/fuzz/$target.dict")
max_len=16384
[ "$target" = fuzz_repository ] && max_len=65536
nice -n 19 "$build/fuzz/$target" "$corpus" "${dict[@]}" -max_total_time="$seconds" \
  -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$here/fuzz/artifacts/$target/" -print_final_stats=1
