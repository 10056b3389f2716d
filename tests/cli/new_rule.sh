#!/usr/bin/env bash
# scripts/new-rule.sh in a scratch copy of the rules: the rule file, its
# registry line in id order and both fixture cases appear, the scaffolded rule
# compiles against the rules stage's headers, and a second run refuses to
# overwrite.  Args: BINARY SOURCE_DIR.
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
build=$(dirname "$bin")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/scripts" "$scratch/fixtures"
cp "$src/scripts/new-rule.sh" "$scratch/scripts/"
cp -r "$src/rules" "$scratch/rules"
cp "$src/.clang-format" "$scratch/"

fail() { echo "new_rule: $*" >&2; exit 1; }

# Between two existing ids, so the registry line lands in the middle.
bash "$scratch/scripts/new-rule.sh" SL209 sasl-test-scaffold >"$scratch/out.txt"
rule="$scratch/rules/sl209_sasl_test_scaffold.cpp"
[ -f "$rule" ] || fail "no rule file"
grep -q 'rule_info("SL209")' "$rule" || fail "rule file lacks its id"
doc="$scratch/rules/sl209_sasl_test_scaffold.md"
[ -f "$doc" ] || fail "no Markdown docs beside the rule"
for heading in 'id: SL209' 'name: sasl-test-scaffold' '# SL209 sasl-test-scaffold' '## What it does' '## Why is this bad?' '## Example' '## Use instead'; do
  grep -qxF "$heading" "$doc" || fail "docs lack '$heading'"
done
grep -q 'make_SaslTestScaffold()' "$rule" || fail "factory name"
[ -f "$scratch/fixtures/SL209/positive-basic/components-values.yaml" ] || fail "positive fixture"
[ -f "$scratch/fixtures/SL209/negative-basic/components-values.yaml" ] || fail "negative fixture"
grep -q 'expect: SL209' "$scratch/fixtures/SL209/positive-basic/components-values.yaml" ||
  fail "positive fixture expects nothing"
# Registry: right after SL208's line, before SL301's.
order=$(grep -oE 'X\((NoClientAuthenticationInProduction|SaslTestScaffold|SecretMissingInRuntimeNamespace)\)' \
  "$scratch/rules/registry.cpp" | tr '\n' ' ')
[ "$order" = "X(NoClientAuthenticationInProduction) X(SaslTestScaffold) X(SecretMissingInRuntimeNamespace) " ] ||
  fail "registry order: $order"

# It compiles: the rules stage's include view, and the registry with it.
cxx=${CXX:-c++}
cmake -DRULES_DIR="$scratch/rules" -DOUT="$scratch/rule_docs_embedded.cpp" \
  -P "$src/cmake/embed_rule_docs.cmake" || fail "docs do not embed"
grep -q '"SL209", "rules/sl209_sasl_test_scaffold.md"' "$scratch/rule_docs_embedded.cpp" ||
  fail "the new docs are not embedded"
for file in "$rule" "$scratch/rules/registry.cpp" "$scratch/rule_docs_embedded.cpp"; do
  "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I "$src/include" \
    -I "$build/include-view/rules" "$file" || fail "does not compile: $file"
done

# A second run for the same id refuses and changes nothing.
cp "$scratch/rules/registry.cpp" "$scratch/registry.before"
if bash "$scratch/scripts/new-rule.sh" SL209 sasl-test-scaffold >/dev/null 2>&1; then
  fail "second run for SL209 succeeded"
fi
cmp -s "$scratch/registry.before" "$scratch/rules/registry.cpp" || fail "second run changed the registry"
if bash "$scratch/scripts/new-rule.sh" SL20 bad >/dev/null 2>&1; then fail "accepted id SL20"; fi
if bash "$scratch/scripts/new-rule.sh" SL210 Bad_Name >/dev/null 2>&1; then fail "accepted Bad_Name"; fi
echo "new_rule: scaffold, registry order, fixtures and compile OK"
