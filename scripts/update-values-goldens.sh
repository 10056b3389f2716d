#!/usr/bin/env bash
# Golden outputs of `seldon-lint values` (YAML and JSON) for a few repository
# shapes, in tests/golden/values/<name>.{yaml,json}; tests/cli/values_goldens.sh
# compares a build against them.  Regenerate only when the output is meant to
# change:   scripts/update-values-goldens.sh [BINARY] [--check]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-"$here/build/seldon-lint"}")
mode=${2:-write}
out="$here/tests/golden/values"
declare -A inputs=(
  [argocd-inline]="tests/golden/fixes/argocd-inline/before"
  [shared-base]="tests/golden/fixes/shared-base/before"
  [helmrelease]="tests/golden/fixes/helmrelease/before"
  [flux-sops-valuesfrom]="fixtures/sources/correct-flux-sops-valuesfrom-targetpath"
  [credentials-in-values]="tests/golden/values/inputs/credentials-in-values"
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for name in $(printf '%s\n' "${!inputs[@]}" | sort); do
  for format in yaml json; do
    (cd "$here/${inputs[$name]}" && "$bin" values --root . --format "$format" .) \
      | sed 's/"version": "[^"]*"/"version": "VERSION"/' >"$tmp/$name.$format"
    if [ "$mode" = --check ]; then
      if ! diff -u "$out/$name.$format" "$tmp/$name.$format"; then
        echo "values golden differs: tests/golden/values/$name.$format" >&2
        status=1
      fi
    else
      cp "$tmp/$name.$format" "$out/$name.$format"
    fi
  done
done
exit $status
