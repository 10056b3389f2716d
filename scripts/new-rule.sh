#!/usr/bin/env bash
# Scaffolds a rule: the rule file, its Markdown beside it (metadata as front
# matter, docs in ruff's shape: what it does, why it is bad, an example, the fix), its line in rules/registry.cpp
# (in id order), and a positive and a negative fixture case.
#   scripts/new-rule.sh SL506 kafka-topic-too-long
# Then: write the check and the doc text, make the fixtures real, build, and
# regenerate what is generated from the rules (README "Adding a rule").
set -euo pipefail
usage() { echo "usage: scripts/new-rule.sh SLnnn kebab-case-name" >&2; exit 2; }
[ $# -eq 2 ] || usage
id=$1
name=$2
[[ "$id" =~ ^SL[0-9]{3}$ ]] || { echo "new-rule: id must look like SL506" >&2; usage; }
[[ "$name" =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || {
  echo "new-rule: name must be kebab-case (letters, digits, '-')" >&2; usage; }

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
number=${id#SL}
file="rules/sl${number}_${name//-/_}.cpp"
# kafka-topic-too-long -> KafkaTopicTooLong: the factory is make_KafkaTopicTooLong.
factory=$(echo "$name" | awk -F- '{ for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2) }')

if compgen -G "rules/sl${number}_*.cpp" >/dev/null; then
  echo "new-rule: a rule file for $id exists already: $(ls rules/sl"${number}"_*.cpp)" >&2
  exit 1
fi
if grep -q "X(${factory})" rules/registry.cpp; then
  echo "new-rule: rules/registry.cpp already lists ${factory}" >&2
  exit 1
fi
[ ! -e "fixtures/$id" ] || { echo "new-rule: fixtures/$id exists already" >&2; exit 1; }

cat >"$file" <<CPP
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

// Rules read the model (linter/model, include/seldon_lint/model.hpp), never
// files: releases with their effective values and Broker, secrets, runtimes,
// Seldon resources, Event Hubs namespaces.
void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Replace with the real condition; findings say what is wrong and how to fix it.
    if (release.text("kafka.topicPrefix") != "${name}") continue;
    out.add(fmt::format("kafka.topicPrefix is '${name}' in {}", describe_release(release)),
            release.locate("kafka.topicPrefix"), "kafka.topicPrefix=${name}", release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_${factory}() {
  return std::make_unique<FunctionRule>(rule_info("${id}"), check);
}

}  // namespace seldon_lint
CPP

cat >"${file%.cpp}.md" <<MD
---
id: ${id}
name: ${name}
severity: warning
tags: [kafka]
precision: high
---
# ${id} ${name}

One line: what is wrong (shown by \`seldon-lint rules\` and in the README table)

## What it does

Which values or objects the rule reports, and when it stays silent.

## Why is this bad?

What breaks at deploy or run time, and how it shows.

## Example

\`\`\`yaml
# components-values.yaml
kafka:
  topicPrefix: seldon
\`\`\`

## Use instead

\`\`\`yaml
kafka:
  topicPrefix: seldon
\`\`\`
MD

# Registry: after the rule with the largest id below this one (files sort by id).
previous=""
for other in rules/sl[0-9][0-9][0-9]_*.cpp; do
  [ "$other" = "$file" ] && continue
  other_number=$(basename "$other" | sed -E 's/^sl([0-9]{3})_.*/\1/')
  if [ "$((10#$other_number))" -lt "$((10#$number))" ]; then
    previous=$(sed -nE 's/^std::unique_ptr<Rule> make_([A-Za-z0-9]+)\(\).*/\1/p' "$other")
  fi
done
if [ -n "$previous" ]; then
  # After the last entry of the list, the new line ends the macro instead.
  awk -v prev="X(${previous})" -v name="X(${factory})" '
    index($0, prev) && !done {
      done = 1
      if ($0 ~ /\\$/) { print; print "  " name " \\"; next }
      print $0 " \\"; print "  " name; next
    }
    { print }' rules/registry.cpp >rules/registry.cpp.new
else
  awk -v line="  X(${factory}) \\\\" '
    { print }
    /^#define SELDON_LINT_RULES\(X\)/ && !done { print line; done = 1 }' rules/registry.cpp >rules/registry.cpp.new
fi
mv rules/registry.cpp.new rules/registry.cpp
# Keep the escaped newlines of the macro aligned.
if command -v clang-format >/dev/null; then clang-format -i rules/registry.cpp "$file"; fi

mkdir -p "fixtures/$id/positive-basic" "fixtures/$id/negative-basic"
cat >"fixtures/$id/positive-basic/components-values.yaml" <<YAML
# A setup the rule must report: '# expect: ${id}' marks the line of the
# finding's primary location (tests/fixtures_test.cpp).
kafka:
  topicPrefix: ${name}  # expect: ${id}
YAML
cat >"fixtures/$id/negative-basic/components-values.yaml" <<YAML
# A correct setup the rule must stay silent on.
kafka:
  topicPrefix: seldon
YAML

cat <<EOT
new-rule: created
  $file
  ${file%.cpp}.md
  rules/registry.cpp (X(${factory}))
  fixtures/$id/positive-basic/components-values.yaml
  fixtures/$id/negative-basic/components-values.yaml
Next:
  1. write the check in $file, the metadata (severity, tags...) and docs in
     ${file%.cpp}.md; make the fixtures real setups
  2. cmake -S . -B build && cmake --build build -j2   (new files need the cmake run)
  3. bash scripts/update-rule-docs.sh build/seldon-lint; bash scripts/update-readme-rules.sh build/seldon-lint
  4. bash scripts/update-fixture-goldens.sh build/seldon-lint fixtures/$id/*/
     (the text-report snapshots of the new cases; review them)
  5. cd build && ctest -j2
EOT
