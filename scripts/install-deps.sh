#!/usr/bin/env bash
# Installs everything seldon-lint needs to build and test on Debian 12, from
# Debian's packages, and fetches the pinned tree-sitter sources from npm.
# Safe to run again: packages already present are not reinstalled.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  # build
  cmake ninja-build pkg-config g++ git
  # the Debian package (CPack declares dependencies with dpkg-shlibdeps)
  dpkg-dev
  # libraries
  libyaml-cpp-dev libfmt-dev nlohmann-json3-dev catch2 libcli11-dev
  # the allocator the binary links when present (CMakeLists.txt)
  libmimalloc-dev
  # tests: SARIF schema validation (npm), pre-commit hook test, scripts
  jq pre-commit
  # benchmark yardstick
  yamllint
  # the language server's real-client test (tests/cli/lsp_neovim.sh)
  neovim
)
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash "$here/scripts/fetch-tree-sitter.sh"
