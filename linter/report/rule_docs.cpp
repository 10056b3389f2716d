#include "linter/report/rule_docs.hpp"

#include <fmt/format.h>

namespace seldon_lint {
namespace {

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += prefix;
    out.append(text, start, end - start);
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string with_newline(const std::string& text) {
  return text.empty() || text.back() == '\n' ? text : text + "\n";
}

}  // namespace

std::string rule_tags_text(const RuleInfo& rule) {
  std::string out;
  for (const auto& tag : rule.tags) {
    if (!out.empty()) out += ", ";
    out += tag;
  }
  return out;
}

std::string rule_help_text(const RuleInfo& rule) {
  std::string out = fmt::format("{} {} ({})\n{}\n\n", rule.id, rule.name,
                                severity_name(rule.severity), rule.summary);
  out += "What it does\n" + indent(rule.doc.what, "  ") + "\n";
  out += "Why is this bad?\n" + indent(rule.doc.why, "  ") + "\n";
  out += "Example\n" + indent(rule.doc.example, "    ") + "\n";
  out += "Use instead\n" + indent(rule.doc.fix, "    ");
  std::string tags = rule_tags_text(rule);
  if (!tags.empty()) out += "\nTags: " + tags + "\n";
  if (rule.security_severity >= 0) {
    out += fmt::format("Security severity: {:.1f}\n", rule.security_severity);
  }
  return out;
}

std::string rule_help_uri(const RuleInfo& rule) {
  return "https://github.com/seldon-lint/seldon-lint/blob/main/docs/rules/" + rule.id + ".md";
}

std::string rule_help_markdown(const RuleInfo& rule) {
  std::string language = rule.doc.example.find("resource \"") != std::string::npos ? "hcl" : "yaml";
  std::string out = fmt::format("## {} {}\n\n{}\n\n", rule.id, rule.name, rule.summary);
  out += "### What it does\n\n" + rule.doc.what + "\n\n";
  out += "### Why is this bad?\n\n" + rule.doc.why + "\n\n";
  out += "### Example\n\n```" + language + "\n" + with_newline(rule.doc.example) + "```\n\n";
  out += "### Use instead\n\n```" + language + "\n" + with_newline(rule.doc.fix) + "```\n";
  return out;
}

}  // namespace seldon_lint
