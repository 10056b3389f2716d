#!/usr/bin/env bash
# Builds the VS Code extension as a user or CI would (npm ci from the pinned
# package-lock.json, TypeScript with strict checks, vsce package) in a scratch
# copy of editors/vscode, and checks the .vsix: its manifest, the compiled
# client, the language client library it needs at run time, the licence, and
# that it starts `seldon-lint lsp`.  VS Code itself cannot run here; the
# protocol is tested with Neovim and a scripted client.
#   tests/e2e/vscode.sh SOURCE_DIR [OUT.vsix]   (OUT keeps the package, as CI does)
set -euo pipefail
fail() { echo "vscode: FAIL: $*" >&2; exit 1; }
[ $# -ge 1 ] || { echo "usage: $0 SOURCE_DIR [OUT.vsix]" >&2; exit 2; }
src=$(cd "$1" && pwd)
out=${2:+$(realpath -m "$2")}
command -v npm >/dev/null || fail "npm is required (scripts/install-deps.sh installs it)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/editors"
cp -r "$src/editors/vscode" "$tmp/editors/vscode"
rm -rf "$tmp/editors/vscode/node_modules" "$tmp/editors/vscode/out"
cp "$src/LICENSE" "$tmp/LICENSE"
cd "$tmp/editors/vscode"
npm ci --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1 || { cat "$tmp/npm.log" >&2; fail "npm ci"; }
npm run --silent package >"$tmp/package.log" 2>&1 || { cat "$tmp/package.log" >&2; fail "npm run package"; }
[ -f seldon-lint.vsix ] || fail "no seldon-lint.vsix"
python3 - seldon-lint.vsix <<'PY' || fail "the .vsix is incomplete"
import json, sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["extension.vsixmanifest", "extension/package.json", "extension/out/extension.js",
        "extension/LICENSE.txt", "extension/node_modules/vscode-languageclient/node.js",
        "extension/node_modules/vscode-jsonrpc/package.json"]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"missing: {missing}")
if any(n.startswith("extension/src/") or "/@vscode/vsce" in n or "/typescript/" in n for n in names):
    sys.exit("sources or build tools were packaged")
z = zipfile.ZipFile(sys.argv[1])
manifest = json.loads(z.read("extension/package.json"))
assert manifest["main"] == "./out/extension.js", manifest["main"]
js = z.read("extension/out/extension.js").decode()
assert '"lsp"' in js, "the client does not start `seldon-lint lsp`"
print(f"vscode: {len(names)} files in the .vsix")
PY
echo "vscode: seldon-lint.vsix built ($(stat -c %s seldon-lint.vsix) bytes)"
if [ -n "$out" ]; then mkdir -p "$(dirname "$out")" && cp seldon-lint.vsix "$out" && echo "vscode: kept $out"; fi
