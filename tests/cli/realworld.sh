#!/usr/bin/env bash
# Lints the real-world corpus (22 public GitOps and Kubernetes-config
# repositories, ../shared/realworld/realworld.tar.xz beside the source tree;
# SELDON_LINT_REALWORLD_TAR overrides) one repository at a time and checks:
#   - no crash: every run exits 0 or 1 and prints valid JSON;
#   - on repositories that do not deploy Seldon Core 2, nothing but SL001 for
#     files that really do not parse (checked with PyYAML's composer when it is
#     installed) and SL005 notes.
# Skipped (exit 77) when the corpus is not there: it is test data, not part of
# the repository.
set -euo pipefail
bin=$1
src=$2
tar=${SELDON_LINT_REALWORLD_TAR:-"$src/../shared/realworld/realworld.tar.xz"}
if [ ! -f "$tar" ]; then
  echo "realworld: SKIPPED, corpus not found at $tar (CI keeps shared/ beside the clone)"
  exit 77
fi
command -v jq >/dev/null || { echo "realworld: jq is required" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/rw"
tar xJf "$tar" -C "$tmp/rw"

have_pyyaml=0
if python3 -c 'import yaml' 2>/dev/null; then have_pyyaml=1; fi
if [ "$have_pyyaml" = 0 ]; then
  echo "realworld: python3-yaml not installed, SL001 findings are not cross-checked"
fi

# Does the repository deploy Seldon Core 2 (any chart, runtime or resource)?
deploys_seldon() {
  grep -rqlE 'seldon-core-v2-setup|seldon-core-v2-runtime|mlops\.seldon\.io' "$1" 2>/dev/null
}

# Exit 0 when the file fails to parse as YAML (events and nodes only: custom
# tags are not a syntax error).
really_broken() {
  python3 - "$1" <<'EOF'
import sys, yaml
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        list(yaml.compose_all(f))
except yaml.YAMLError:
    sys.exit(0)
except Exception:
    sys.exit(0)
sys.exit(1)
EOF
}

failures=0
repos=0
for dir in "$tmp"/rw/*/; do
  repo=$(basename "$dir")
  repos=$((repos + 1))
  out="$tmp/$repo.json"
  set +e
  "$bin" --format json --root "$dir" "$dir" >"$out" 2>"$tmp/$repo.err"
  rc=$?
  set -e
  if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
    echo "FAIL $repo: exit code $rc"
    sed -n 1,20p "$tmp/$repo.err"
    failures=$((failures + 1))
    continue
  fi
  if ! jq -e '.findings' "$out" >/dev/null 2>&1; then
    echo "FAIL $repo: output is not the JSON report"
    failures=$((failures + 1))
    continue
  fi
  summary=$(jq -r '[.findings[].rule] | group_by(.) | map("\(.[0])x\(length)") | join(" ")' "$out")
  if deploys_seldon "$dir"; then
    echo "ok   $repo (deploys Seldon): ${summary:-no findings}"
    continue
  fi
  unexpected=$(jq -r '.findings[] | select(.rule != "SL001" and .rule != "SL005")
                      | "\(.file):\(.line): \(.rule) \(.message)"' "$out")
  if [ -n "$unexpected" ]; then
    echo "FAIL $repo does not deploy Seldon but got:"
    echo "$unexpected" | sed -n 1,20p
    failures=$((failures + 1))
    continue
  fi
  if [ "$have_pyyaml" = 1 ]; then
    while IFS= read -r file; do
      [ -n "$file" ] || continue
      if ! really_broken "$dir/$file"; then
        echo "FAIL $repo: SL001 on $file, which parses"
        failures=$((failures + 1))
      fi
    done < <(jq -r '.findings[] | select(.rule == "SL001") | .file' "$out" | sort -u)
  fi
  echo "ok   $repo: ${summary:-no findings}"
done
[ "$repos" -gt 0 ] || { echo "realworld: the corpus holds no repository" >&2; exit 1; }

# The block YAML reader must build the tree-sitter reader's tree for every
# real file it accepts (tests/yaml_block_reader_test.cpp).
tests_bin=${SELDON_LINT_TESTS_BINARY:-}
if [ -n "$tests_bin" ] && [ -x "$tests_bin" ]; then
  if SELDON_LINT_YAML_CORPUS="$tmp/rw" "$tests_bin" "block reader: same*" -s >"$tmp/block.out" 2>&1; then
    echo "ok   block reader: $(grep -m1 -o '[0-9]* of [0-9]* files read by the block reader' "$tmp/block.out")"
  else
    echo "FAIL block reader differs from tree-sitter on the corpus:"
    grep -E ': doc|: document|tree-sitter path' "$tmp/block.out" | sed -n 1,20p
    failures=$((failures + 1))
  fi
fi
if [ "$failures" -gt 0 ]; then
  echo "realworld: $failures failure(s) in $repos repositories"
  exit 1
fi
echo "realworld: ok ($repos repositories)"
