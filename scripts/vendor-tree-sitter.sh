#!/usr/bin/env bash
# Downloads the pinned tree-sitter tarballs (npm pack) into DIR and checks
# their sha256, for a later build without network:
#   scripts/vendor-tree-sitter.sh DIR            # where there is network
#   cmake -S . -B build -DSELDON_LINT_VENDOR_DIR=DIR   # no network needed
# Tarballs already in DIR with the right checksum are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$1"
dir=$(cd "$1" && pwd)
while read -r file sum spec; do
  if [ -f "$dir/$file" ] && echo "$sum  $dir/$file" | sha256sum -c --quiet - 2>/dev/null; then
    continue
  fi
  command -v npm >/dev/null || { echo "vendor-tree-sitter: npm is required" >&2; exit 1; }
  (cd "$dir" && npm pack --silent "$spec" >/dev/null)
  echo "$sum  $dir/$file" | sha256sum -c --quiet - || {
    echo "vendor-tree-sitter: checksum mismatch for $spec" >&2; rm -f "$dir/$file"; exit 1; }
done < <(bash "$here/scripts/fetch-tree-sitter.sh" --list)
echo "vendor-tree-sitter: pinned tarballs in $dir" >&2
