#!/usr/bin/env bash
# `seldon-lint values`: YAML and JSON of a few repository shapes equal their
# goldens in tests/golden/values/ (origins: file:line, chart default, unknown
# behind a SOPS-encrypted layer); credentials written into values are never
# printed; --release filters and an unknown release is exit 2.
#   tests/cli/values_goldens.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cli_test values_goldens "$@"
need jq

"$src/scripts/update-values-goldens.sh" "$bin" --check >"$tmp/check" 2>&1 ||
  { fail "values output differs from tests/golden/values"; head -60 "$tmp/check" >&2; }

cred="$src/tests/golden/values/inputs/credentials-in-values"
for format in yaml json; do
  run 0 "values --format $format" values --root "$cred" --format "$format" "$cred"
  hasnt out "NOT-A-REAL-KEY" "values --format $format"
  hasnt out "also-never-printed" "values --format $format"
  hasnt out "SharedAccessKey" "values --format $format"
  has out "redacted" "values --format $format"
done

fixes="$src/tests/golden/fixes/shared-base/before"
run 0 "values --release" values --root "$fixes" --format json --release seldon-core-v2-setup "$fixes"
[ "$(jq '.releases | length' "$tmp/out")" -eq 2 ] || fail "--release: expected both environments' releases"
jq -e '.releases[0].leaves[] | select(.path == "security.kafka.protocol")
       | .origin == "file" and .file == "platform/seldon/values/common.yaml" and .line == 4' \
  "$tmp/out" >/dev/null || fail "protocol's origin is not common.yaml:4"
jq -e '.releases[0].leaves[] | select(.path == "kafka.topicPrefix") | .origin == "chart default"' \
  "$tmp/out" >/dev/null || fail "topicPrefix is not a chart default"
run 0 "values of one file" values --root "$fixes" --format json "$fixes/platform/seldon/values/prod.yaml"
[ "$(jq '.releases | length' "$tmp/out")" -eq 1 ] || fail "a named file shows only the releases it feeds"
run 2 "unknown release" values --root "$fixes" --release nope "$fixes"
has err "no Seldon release named 'nope'" "unknown release"
finish
