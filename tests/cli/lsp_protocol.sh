#!/usr/bin/env bash
# The language server against a scripted LSP client (tests/lsp/protocol_test.py):
# protocol edge cases, diagnostics, incremental sync, didChangeWatchedFiles,
# configuration reload, cross-file republish, position encodings, hover, the
# suppress code action, shutdown/exit and a client that vanishes.
# Args: BINARY SOURCE_DIR.
set -euo pipefail
binary="${1:?usage: lsp_protocol.sh BINARY SOURCE_DIR}"
src="${2:?usage: lsp_protocol.sh BINARY SOURCE_DIR}"
if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 not found: skipping the scripted LSP client test"
  exit 77
fi
exec timeout 300 python3 "$src/tests/lsp/protocol_test.py" "$binary" "$src"
