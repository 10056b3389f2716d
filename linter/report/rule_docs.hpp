// Rule documentation rendered from RuleInfo: `explain`, `rules`, the README
// table and SARIF help all come from these.
#pragma once

#include <string>

#include "seldon_lint/rule.hpp"

namespace seldon_lint {

std::string rule_help_text(const RuleInfo& rule);  // plain text, for `explain` and SARIF help.text
std::string rule_help_markdown(const RuleInfo& rule);  // for SARIF help.markdown and docs
std::string rule_tags_text(const RuleInfo& rule);      // "security, kafka"
// The rule's documentation page (SARIF helpUri, LSP codeDescription.href).
std::string rule_help_uri(const RuleInfo& rule);

}  // namespace seldon_lint
