#!/usr/bin/env bash
# Validates a SARIF log against the official SARIF 2.1.0 JSON schema.
#
#   tests/tools/sarif/validate.sh FILE.sarif
#
# Exit 0: valid.  Exit 1: invalid (ajv's errors on stderr).  Exit 2: usage or
# tooling error.  Installs the pinned tooling on first use (install.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
usage() { echo "usage: $0 FILE.sarif" >&2; exit 2; }
[ $# -eq 1 ] || usage
in=$1
[ -f "$in" ] || { echo "sarif/validate.sh: no such file: $in" >&2; exit 2; }

"$here/install.sh" || { echo "sarif/validate.sh: install.sh failed" >&2; exit 2; }

schema="$here/sarif-2.1.0.draft7.json"
ajv="$here/node_modules/.bin/ajv"

# ajv-cli picks the parser from the file extension: the data file must end in .json.
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
data="$tmpdir/$(basename "$in").json"
cp "$in" "$data"

# Not JSON at all is "invalid", not a tooling failure.
if ! err=$(node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$data" 2>&1); then
  printf '%s\n' "$(printf '%s\n' "$err" | grep -m1 -E '^(SyntaxError|Error)' || printf '%s' "$err")" >&2
  echo "sarif/validate.sh: $in is not JSON, so NOT valid SARIF 2.1.0" >&2
  exit 1
fi

set +e
out=$("$ajv" validate --spec=draft7 --strict=false -c ajv-formats \
  -s "$schema" -d "$data" --all-errors --errors=text 2>&1)
rc=$?
set -e

case $rc in
  0) echo "sarif/validate.sh: $in is valid SARIF 2.1.0" >&2; exit 0 ;;
  1) printf '%s\n' "${out//$data/$in}" >&2
     echo "sarif/validate.sh: $in is NOT valid SARIF 2.1.0" >&2; exit 1 ;;
  *) printf '%s\n' "${out//$data/$in}" >&2
     echo "sarif/validate.sh: ajv failed (exit $rc) on $in" >&2; exit 2 ;;
esac
