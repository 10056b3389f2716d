#!/usr/bin/env bash
# Benchmarks the language server: re-lint latency after a one-line edit in the
# synthetic repository (bench/out/tree, generated when absent) and the server's memory.
#
#   bench/lsp.sh [--edits N] [--jobs N] [--files N]
#
# Uses build/seldon-lint (override with SELDON_LINT=path); builds nothing.
set -euo pipefail
edits=40
jobs=2
files=10000
while [ $# -gt 0 ]; do
  case $1 in
    --edits) edits=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    --files) files=$2; shift ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "usage: bench/lsp.sh [--edits N] [--jobs N] [--files N]" >&2; exit 2 ;;
  esac
  shift
done
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
lint=${SELDON_LINT:-build/seldon-lint}
[ -x "$lint" ] || { echo "bench/lsp.sh: $lint not found; build it first" >&2; exit 1; }
tree=bench/out/tree
if [ ! -d "$tree" ] || [ "$(find "$tree" -type f | wc -l)" -lt "$files" ]; then
  python3 bench/generate.py "$tree" --files "$files" --force >/dev/null
fi
file=$(cd "$tree" && find . -path '*/overlays/production/components-values.yaml' | sort | head -1)
[ -n "$file" ] || { echo "bench/lsp.sh: no components-values.yaml in $tree" >&2; exit 1; }
echo "seldon-lint lsp on $tree ($(find "$tree" -type f | wc -l) files), editing ${file#./}, --jobs $jobs"
python3 bench/lsp_bench.py "$lint" "$tree" "${file#./}" --edits "$edits" --jobs "$jobs"
