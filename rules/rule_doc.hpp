// A rule's metadata and documentation live in Markdown beside its check
// (rules/sl101_plaintext_kafka_in_production.md next to its .cpp): front
// matter with the metadata (id, name, severity, tags, security-severity,
// precision, points-at-secret), a title line, the one-line summary, then
// ruff's four sections "What it does", "Why is this bad?", "Example" and
// "Use instead" (the last two as fenced code).  The build embeds the files
// (cmake/embed_rule_docs.cmake); `rule_info` reads a rule's file.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "seldon_lint/rule.hpp"

namespace seldon_lint {

struct EmbeddedRuleDoc {
  std::string_view id;    // "SL101", from the file name
  std::string_view path;  // "rules/sl101_plaintext_kafka_in_production.md"
  std::string_view markdown;
};

// Every rule's Markdown, in id order (generated at build time).
std::span<const EmbeddedRuleDoc> embedded_rule_docs();

// Reads `markdown` into `rule`.  Returns an empty string on success, else
// what is wrong (a missing key or section, a title that does not match).
std::string read_rule_markdown(std::string_view markdown, RuleInfo& rule);

// The metadata and docs of rule `id` from its Markdown file.  A rule without
// a well-formed file is a build mistake and throws std::logic_error (every
// test constructs every rule, so it cannot ship).
RuleInfo rule_info(std::string_view id);

}  // namespace seldon_lint
