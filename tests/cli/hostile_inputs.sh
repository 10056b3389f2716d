#!/usr/bin/env bash
# Issue 11's hostile file-system inputs end to end, through every output
# format: file names with a newline and with invalid UTF-8, a FIFO, a device
# node (when the test may create one) and a symbolic link to /dev/zero inside
# the tree.  Each run must finish (a reader that opened the FIFO or /dev/zero
# would block or read forever: `timeout`), exit 1 for the findings (never 2),
# name every file, and the JSON, SARIF and GitLab reports must be valid UTF-8
# JSON whatever bytes the names hold.
#
#   tests/cli/hostile_inputs.sh SELDON_LINT_BINARY SOURCE_DIR
set -uo pipefail

source "$(dirname "$0")/lib.sh"
cli_test hostile_inputs "$@"
need python3
need timeout
repo="$tmp/repo"
mkdir -p "$repo/clusters/prod"
printf 'seldon: [unclosed\n' >"$repo/clusters/prod/$(printf 'new\nline.yaml')"
printf 'seldon: [unclosed\n' >"$repo/clusters/prod/$(printf 'bad-\377\376.yaml')"
printf 'seldon: {}\n' >"$repo/clusters/prod/values.yaml"
mkfifo "$repo/clusters/prod/fifo.yaml" || die "mkfifo"
ln -s /dev/zero "$repo/clusters/prod/zero.yaml"
device=0
mknod "$repo/clusters/prod/null.yaml" c 1 3 2>/dev/null && device=1

for format in text json sarif github gitlab; do
  timeout 60 "$bin" --no-color --format "$format" --root "$repo" "$repo" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 1 ] || fail "$format: exit $rc, expected 1 (findings): $(head -c 400 "$tmp/err")"
  has out "fifo.yaml" "$format names the FIFO"
  has out "zero.yaml" "$format names the link to /dev/zero"
  has out "not a regular file" "$format says why the FIFO and the link are not read"
  [ "$device" -eq 0 ] || has out "null.yaml" "$format names the device node"
  has out "line.yaml" "$format names the file with a newline"
  has out "bad-" "$format names the file with invalid UTF-8"
  case $format in
    json | sarif | gitlab)
      python3 -c 'import json, sys; json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' \
        "$tmp/out" || fail "$format: not valid UTF-8 JSON"
      ;;
  esac
done
# The text report counts the two syntax errors and the unread special files.
timeout 60 "$bin" --no-color --root "$repo" "$repo" >"$tmp/out" 2>"$tmp/err"
[ "$(grep -c 'SL001' "$tmp/out")" -eq 2 ] || fail "text: two SL001 expected: $(cat "$tmp/out")"
[ "$(grep -c 'SL002' "$tmp/out")" -eq $((2 + device)) ] ||
  fail "text: $((2 + device)) SL002 expected: $(cat "$tmp/out")"

# A values file a release names that cannot be read stays unread: invalid
# UTF-8 is SL002 and an unknown layer (the SL302 error stays, no SL005 about
# its content), and a link to /dev/zero is never opened, however late a model
# step asks for the file's text.
rel="$tmp/release"
cp -r "$src/fixtures/SL302/positive-chart-rendered-externalsecret-runtime-only" "$rel"
sed -i 's|^\(\( *\)- \$values/environments/prod/seldon-setup.yaml\)$|\1\n\2- $values/environments/prod/extra.yaml|' \
  "$rel/apps/seldon-setup.yaml"
grep -q 'extra.yaml' "$rel/apps/seldon-setup.yaml" || die "could not add the values file"
printf 'logsNamespace: caf\351\n' >"$rel/environments/prod/extra.yaml"
timeout 60 "$bin" --no-color --no-cache --root "$rel" "$rel" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "invalid UTF-8 values file: exit $rc, expected 1: $(cat "$tmp/out" "$tmp/err")"
has out "SL302" "the release with an unreadable values file keeps its SL302"
has out "not valid UTF-8" "the unreadable values file is SL002"
! grep -q "SL005" "$tmp/out" || fail "an unread values file was judged by its content: $(cat "$tmp/out")"
rm "$rel/environments/prod/extra.yaml"
ln -s /dev/zero "$rel/environments/prod/extra.yaml"
timeout 60 "$bin" --no-color --no-cache --root "$rel" "$rel" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "values file linked to /dev/zero: exit $rc, expected 1: $(head -c 400 "$tmp/err")"
has out "not a regular file" "the link to /dev/zero is reported, not read"
finish
