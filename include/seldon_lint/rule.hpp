// Rule metadata and the interface every rule implements.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "seldon_lint/finding.hpp"

namespace seldon_lint {

class Model;

// Documentation in ruff's shape; `explain`, `rules`, the README table and
// SARIF help are all generated from it.
struct RuleDoc {
  std::string what;     // What it does
  std::string why;      // Why is this bad?
  std::string example;  // Example (YAML/HCL snippet)
  std::string fix;      // Use instead
};

struct RuleInfo {
  std::string id;    // "SL302"
  std::string name;  // "secret-missing-in-logs-namespace"
  Severity severity = Severity::Error;
  std::vector<std::string> tags;   // "security", "kafka", ...
  double security_severity = -1;   // 0.0-10.0 for security rules; <0 = none
  std::string precision = "high";  // SARIF precision: very-high|high|medium|low
  std::string summary;             // one line
  RuleDoc doc;
};

// Collects findings from a rule; the engine applies severity overrides later.
class FindingSink {
 public:
  virtual ~FindingSink() = default;
  virtual void report(Finding finding) = 0;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Rules never read files or parse: they ask the model.
  virtual void check(const Model& model, FindingSink& sink) const = 0;

 protected:
  // Starts a finding carrying this rule's id and default severity.
  Finding make_finding(std::string message, Location where, std::string identity) const {
    Finding f;
    f.rule_id = info().id;
    f.severity = info().severity;
    f.message = std::move(message);
    f.location = where;
    f.identity = std::move(identity);
    return f;
  }
};

// Every rule, in id order (rules/registry.cpp).
std::vector<std::unique_ptr<Rule>> make_all_rules();

}  // namespace seldon_lint
