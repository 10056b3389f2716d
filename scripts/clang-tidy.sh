#!/usr/bin/env bash
# clang-tidy over the project's own code (linter/, rules/, and the headers
# they include) with the checked-in .clang-tidy, using the build's
# compile_commands.json.  Prints each warning as file:line:col (relative to
# the repository) and exits 1 when there is any.  CI runs it as its own step.
#   scripts/clang-tidy.sh [BUILD_DIR] [FILE...]    (default: build, every .cpp)
# Environment: CLANG_TIDY (default clang-tidy-14, else clang-tidy), JOBS (default 2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-"$root/build"}")
[ $# -gt 0 ] && shift
tidy=${CLANG_TIDY:-$(command -v clang-tidy-14 || command -v clang-tidy || true)}
jobs=${JOBS:-2}
if [ -z "$tidy" ]; then
  echo "clang-tidy.sh: no clang-tidy found (apt-get install clang-tidy-14)" >&2
  exit 2
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "clang-tidy.sh: $build/compile_commands.json missing: configure with cmake first" >&2
  exit 2
fi
cd "$root"
if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find linter rules -name '*.cpp' | sort)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# One file per clang-tidy process, $jobs at a time; each writes its own log.
# GCC-only flags in the compile commands (-Wno-restrict) are not errors for clang.
printf '%s\n' "${files[@]}" |
  xargs -P "$jobs" -I{} sh -c '"$1" -p "$2" --quiet --extra-arg=-Wno-unknown-warning-option "$3" \
      >"$4/$(echo "$3" | tr / _).log" 2>&1 || true' _ "$tidy" "$build" {} "$out"
# Warnings in headers repeat once per including file: keep each once, sorted.
cat "$out"/*.log |
  grep -E '^[^ ].*:[0-9]+:[0-9]+: (warning|error):' |
  sed -E "s#^$root/##; s#^(build[^/]*/)?include-view/[a-z]+/##" | sort -u >"$out/warnings" || true
count=$(wc -l <"$out/warnings")
if [ "$count" -gt 0 ]; then
  cat "$out/warnings"
  echo "clang-tidy: $count warning(s) in ${#files[@]} file(s)" >&2
  exit 1
fi
echo "clang-tidy: ${#files[@]} file(s), no warnings"
