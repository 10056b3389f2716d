#!/usr/bin/env bash
# Installs the SARIF validation tooling for the test suite into ./node_modules
# (pinned by package.json + package-lock.json) and derives a draft-07 copy of the
# official SARIF 2.1.0 schema that ajv 8 can compile:
#
#   sarif-2.1.0.draft7.json   (generated, not committed)
#
# The source is the schema shipped in @microsoft/jest-sarif@1.0.0-beta.0
# (lib/schemas/sarif-2.1.0-rtm.5.json, draft-04).  Changes made:
#   - "$schema" -> http://json-schema.org/draft-07/schema#
#   - top-level "id" -> "$id"
#   - the broken "language" pattern  ^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$
#     (a stray "]" that is a syntax error under ajv's unicode regexps)
#     -> ^[a-zA-Z]{2}(-[a-zA-Z]{2})?$
#
# Idempotent: a second run with nothing changed does no network access and
# exits at once.  Safe to run concurrently (ctest -j): serialised with flock.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
schema_src_rel=node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json
schema_src_sha256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8
schema_out="$here/sarif-2.1.0.draft7.json"
stamp="$here/node_modules/.seldon-lint-install-stamp"

die() { echo "sarif/install.sh: $*" >&2; exit 1; }

for tool in node npm sha256sum; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "'$tool' is required (Debian: apt-get install nodejs npm coreutils)"
done
[ -f "$here/package-lock.json" ] || die "missing $here/package-lock.json"

lock_sum=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)

up_to_date() {
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ] &&
    [ -x "$here/node_modules/.bin/ajv" ] && [ -s "$schema_out" ]
}

up_to_date && exit 0

# Serialise concurrent installs (several ctest jobs may call validate.sh at once).
if command -v flock >/dev/null 2>&1; then
  lockfile="${TMPDIR:-/tmp}/seldon-lint-sarif-install.$(printf '%s' "$here" | sha256sum | cut -c1-16).lock"
  exec 9>"$lockfile"
  flock 9
  up_to_date && exit 0   # another process finished the job while we waited
fi

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ] || [ ! -x "$here/node_modules/.bin/ajv" ]; then
  echo "sarif/install.sh: installing pinned SARIF tooling into $here/node_modules" >&2
  # npm ci installs exactly what package-lock.json pins and never rewrites it.
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2) ||
    die "npm ci failed (is the npm registry reachable?)"
  printf '%s\n' "$lock_sum" >"$stamp"
fi

[ -f "$here/$schema_src_rel" ] || die "schema not found at $here/$schema_src_rel"
echo "$schema_src_sha256  $here/$schema_src_rel" | sha256sum -c --quiet - ||
  die "unexpected content in $schema_src_rel (package changed?)"

tmp_out="$schema_out.tmp.$$"
trap 'rm -f "$tmp_out"' EXIT
SRC="$here/$schema_src_rel" OUT="$tmp_out" node - <<'EOF'
const fs = require("fs");
const schema = JSON.parse(fs.readFileSync(process.env.SRC, "utf8"));
const broken = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const fixed = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

// Draft-04 -> draft-07 header.  Key order is kept so "$schema" stays first.
const out = {};
for (const [k, v] of Object.entries(schema)) {
  if (k === "$schema") out["$schema"] = "http://json-schema.org/draft-07/schema#";
  else if (k === "id") out["$id"] = v;
  else out[k] = v;
}

let patched = 0;
(function walk(node) {
  if (Array.isArray(node)) { node.forEach(walk); return; }
  if (node === null || typeof node !== "object") return;
  if (node.pattern === broken) { node.pattern = fixed; patched++; }
  for (const v of Object.values(node)) walk(v);
})(out);

if (patched === 0) {
  console.error("sarif/install.sh: the broken 'language' pattern was not found; schema changed?");
  process.exit(1);
}
// Fail loudly if any other pattern would not compile as a unicode regexp (ajv 8 uses /u).
(function check(node) {
  if (Array.isArray(node)) { node.forEach(check); return; }
  if (node === null || typeof node !== "object") return;
  if (typeof node.pattern === "string") new RegExp(node.pattern, "u");
  for (const v of Object.values(node)) check(v);
})(out);
fs.writeFileSync(process.env.OUT, JSON.stringify(out, null, 2) + "\n");
EOF
mv -f "$tmp_out" "$schema_out"
echo "sarif/install.sh: wrote $schema_out" >&2
