// Runs the rules over the model and turns their output into the final,
// ordered list of findings: selection, severity overrides, fingerprints.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint {

struct RuleSelection {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;
  std::map<std::string, Severity> severity;  // by id, name or group prefix; Off disables
};

// The severity `selection.severity` configures for `rule` (the most specific
// key wins: id or name over a group prefix, a longer prefix over a shorter
// one), or nullptr when no key names it.
const Severity* configured_severity(const RuleInfo& rule, const RuleSelection& selection);

// Does `selector` (id "SL101", name, or group prefix "SL1"; any case) name this rule?
bool selector_matches(const RuleInfo& rule, const std::string& selector);
// The rule a selector names exactly (id or name, any case), or nullptr.
const RuleInfo* find_rule(const std::vector<std::unique_ptr<Rule>>& rules,
                          const std::string& id_or_name);

std::vector<Finding> run_rules(const Model& model, const std::vector<std::unique_ptr<Rule>>& rules,
                               const RuleSelection& selection, unsigned jobs = 1);

// Content-based fingerprints (rule, file, identity): stable when lines move.
void assign_fingerprints(std::vector<Finding>& findings, const Model& model);

// File, line, column, rule, message: the order every output uses.
void sort_findings(std::vector<Finding>& findings, const Model& model);

}  // namespace seldon_lint
