#!/usr/bin/env bash
# Entry of the pre-commit hook (.pre-commit-hooks.yaml): runs seldon-lint on
# the files pre-commit passes.  The binary is, in this order: $SELDON_LINT;
# `seldon-lint` on PATH; or a build of this hook repository's commit, made on
# first use into ${XDG_CACHE_HOME:-~/.cache}/seldon-lint/<commit>/ (outside
# pre-commit's clone, so that `pre-commit clean` or a new clone of the same
# rev does not rebuild) and reused after.  The build needs what the README's
# first command installs (cmake, g++, yaml-cpp, fmt, nlohmann-json, CLI11, and
# npm for the pinned tree-sitter sources unless SELDON_LINT_VENDOR_DIR holds
# them); what is missing is named.
set -euo pipefail
say() { echo "seldon-lint hook: $*" >&2; }

find_binary() {
  if [ -n "${SELDON_LINT:-}" ]; then
    echo "$SELDON_LINT"
  elif command -v seldon-lint >/dev/null 2>&1; then
    command -v seldon-lint
  else
    return 1
  fi
}

# The commit of this hook repository (pre-commit's clone is a git checkout),
# else a hash of its sources.
source_key() {
  local src=$1 commit
  if commit=$(git -C "$src" rev-parse --verify -q HEAD 2>/dev/null) &&
     [ -z "$(git -C "$src" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    echo "$commit"
  else
    (cd "$src" && find CMakeLists.txt cmake linter rules include scripts -type f -print0 |
      sort -z | xargs -0 sha256sum | sha256sum | cut -c1-40 | sed 's/^/tree-/')
  fi
}

missing_build_dependencies() {
  local missing=()
  command -v cmake >/dev/null 2>&1 || missing+=(cmake)
  command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || missing+=(g++)
  command -v ninja >/dev/null 2>&1 || command -v make >/dev/null 2>&1 || missing+=(ninja-build)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  [ -f /usr/include/yaml-cpp/yaml.h ] || missing+=(libyaml-cpp-dev)
  [ -f /usr/include/fmt/format.h ] || missing+=(libfmt-dev)
  [ -f /usr/include/nlohmann/json.hpp ] || missing+=(nlohmann-json3-dev)
  [ -f /usr/include/CLI/CLI.hpp ] || missing+=(libcli11-dev)
  if [ -z "${SELDON_LINT_VENDOR_DIR:-}" ]; then
    command -v npm >/dev/null 2>&1 || missing+=(npm)
  fi
  echo "${missing[*]}"
}

build() {
  local src=$1 dest=$2 log=$3
  local work="$dest.build.$$"
  rm -rf "$work"
  mkdir -p "$work"
  local generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  local started=$SECONDS
  say "building seldon-lint from $src (first use of this version; a few minutes)"
  say "  into $dest (log: $log)"
  {
    cmake -S "$src" -B "$work/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DSELDON_LINT_TESTS=OFF -DSELDON_LINT_TS_DIR="$work/tree-sitter" &&
      cmake --build "$work/build" --target seldon-lint -j"$(nproc 2>/dev/null || echo 2)"
  } >"$log" 2>&1 || {
    say "the build failed; the end of $log:"
    tail -25 "$log" >&2
    rm -rf "$work"
    return 1
  }
  mkdir -p "$dest/bin"
  cp "$work/build/seldon-lint" "$dest/bin/seldon-lint.tmp"
  mv -f "$dest/bin/seldon-lint.tmp" "$dest/bin/seldon-lint"  # atomic: never half a binary
  rm -rf "$work"
  say "built in $((SECONDS - started)) s: $dest/bin/seldon-lint (reused from now on)"
}

cached_binary() {
  local src cache key dest
  src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  cache=${SELDON_LINT_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/seldon-lint}
  key=$(source_key "$src")
  dest="$cache/$key"
  if [ ! -x "$dest/bin/seldon-lint" ]; then
    local missing
    missing=$(missing_build_dependencies)
    if [ -n "$missing" ]; then
      say "seldon-lint is not on PATH, and building it needs: $missing"
      say "install them (Debian 12: sudo apt-get install $missing), or put seldon-lint on PATH" \
        "(e.g. the .deb), or set SELDON_LINT=/path/to/seldon-lint"
      return 2
    fi
    mkdir -p "$cache"
    # One build at a time per version: a second commit waits for the first.
    exec 9>"$cache/$key.lock"
    if command -v flock >/dev/null 2>&1; then
      flock 9 || true
    fi
    if [ ! -x "$dest/bin/seldon-lint" ]; then
      build "$src" "$dest" "$cache/$key.log" >&2 || return 2
    fi
  else
    say "using the cached build $dest/bin/seldon-lint" >&2
  fi
  echo "$dest/bin/seldon-lint"
}

bin=$(find_binary) || bin=$(cached_binary) || exit 2
exec "$bin" --no-color "$@"
