#!/usr/bin/env bash
# The language server under a real client: headless Neovim (tests/lsp/neovim_test.lua)
# opens a file of a copy of tests/lsp/workspace, gets diagnostics, edits, applies the
# suppress code action and hovers.  Skipped (77) only when nvim is not installed
# (scripts/install-deps.sh installs it).  Args: BINARY SOURCE_DIR.
set -euo pipefail
binary="${1:?usage: lsp_neovim.sh BINARY SOURCE_DIR}"
src="${2:?usage: lsp_neovim.sh BINARY SOURCE_DIR}"
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim not found: skipping the Neovim LSP test (apt-get install neovim)"
  exit 77
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/tests/lsp/workspace" "$tmp/repo"
export SELDON_LINT_BINARY="$binary" LSP_TEST_ROOT="$tmp/repo" XDG_STATE_HOME="$tmp/state" \
  XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" HOME="$tmp"
timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $src/tests/lsp/neovim_test.lua" 2>&1 |
  tee "$tmp/out.txt"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ] || ! grep -q "^0 failure(s)" "$tmp/out.txt"; then
  echo "lsp_neovim: failed (nvim exit $status)"
  exit 1
fi
