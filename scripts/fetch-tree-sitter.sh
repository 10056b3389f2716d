#!/usr/bin/env bash
# Fetches the tree-sitter C runtime and the YAML/HCL/Bicep grammars from the npm
# registry, pinned by version and verified by sha256, and extracts only the C
# sources and licences into DEST (default: .deps/tree-sitter).  CMake calls this
# when the sources are absent; running it again is a no-op.
#
# No network: with SELDON_LINT_VENDOR_DIR set (a folder holding the four .tgz
# files, e.g. from scripts/vendor-tree-sitter.sh), only that folder is used and
# npm is never run; a missing tarball is an error naming it.
#   scripts/fetch-tree-sitter.sh [DEST]
#   scripts/fetch-tree-sitter.sh --list     # print "file sha256" of each tarball
set -euo pipefail
dest=${1:-"$(cd "$(dirname "$0")/.." && pwd)/.deps/tree-sitter"}
stamp="$dest/.complete-v1"
[ -f "$stamp" ] && exit 0

# name|version|sha256 of the .tgz|tgz file name|what to extract
packages=(
  "tree-sitter|0.25.1|07aeba8dd71630e7e72b2d4ca3bd2680c3471824100cc5ebff44e78a6ed0b6d3|tree-sitter-0.25.1.tgz|runtime"
  "@tree-sitter-grammars/tree-sitter-yaml|0.7.1|30dbdc539dcfa905252a0d1772270d457d58ceddfa3d6a4fac564f02837241ba|tree-sitter-grammars-tree-sitter-yaml-0.7.1.tgz|yaml"
  "@tree-sitter-grammars/tree-sitter-hcl|1.2.0|6aa2c0b5e17788fdd238c00c7d18c755771c474c05b6073b17a3cac18881d417|tree-sitter-grammars-tree-sitter-hcl-1.2.0.tgz|hcl"
  "tree-sitter-bicep|1.1.0|8602ba49de714e2359cb7644541e7543bfbc58e9bff02cafb755e93cbc08bc39|tree-sitter-bicep-1.1.0.tgz|bicep"
)

if [ "${1:-}" = --list ]; then
  for entry in "${packages[@]}"; do
    IFS='|' read -r name version sum file what <<<"$entry"
    echo "$file $sum $name@$version"
  done
  exit 0
fi

vendor=${SELDON_LINT_VENDOR_DIR:-}
if [ -n "$vendor" ]; then
  missing=()
  for entry in "${packages[@]}"; do
    IFS='|' read -r name version sum file what <<<"$entry"
    [ -f "$vendor/$file" ] || missing+=("$file ($name@$version)")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "fetch-tree-sitter: SELDON_LINT_VENDOR_DIR=$vendor lacks: ${missing[*]}" >&2
    echo "fetch-tree-sitter: fill it where there is network with scripts/vendor-tree-sitter.sh $vendor" >&2
    exit 1
  fi
else
  command -v npm >/dev/null || { echo "fetch-tree-sitter: npm is required (apt-get install npm), or set SELDON_LINT_VENDOR_DIR to a folder with the pinned tarballs" >&2; exit 1; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$dest"
mkdir -p "$dest"
for entry in "${packages[@]}"; do
  IFS='|' read -r name version sum file what <<<"$entry"
  if [ -n "$vendor" ]; then
    cp "$vendor/$file" "$tmp/$file"
  elif [ -n "${SELDON_LINT_NPM_CACHE:-}" ] && [ -f "$SELDON_LINT_NPM_CACHE/$file" ]; then
    cp "$SELDON_LINT_NPM_CACHE/$file" "$tmp/$file"
  else
    (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  fi
  echo "$sum  $tmp/$file" | sha256sum -c --quiet - || {
    echo "fetch-tree-sitter: checksum mismatch for $name@$version" >&2; exit 1; }
  mkdir -p "$dest/$what"
  if [ "$what" = runtime ]; then
    tar xzf "$tmp/$file" -C "$tmp" package/vendor/tree-sitter/lib package/LICENSE
    cp -r "$tmp/package/vendor/tree-sitter/lib" "$dest/$what/lib"
  else
    tar xzf "$tmp/$file" -C "$tmp" package/src package/LICENSE
    cp -r "$tmp/package/src" "$dest/$what/src"
  fi
  cp "$tmp/package/LICENSE" "$dest/$what/LICENSE"
  rm -rf "$tmp/package"
done
touch "$stamp"
echo "fetch-tree-sitter: sources ready in $dest" >&2
