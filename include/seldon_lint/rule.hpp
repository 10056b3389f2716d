// Rule metadata and the interface every rule implements.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
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
  // The primary location is a secret's value: reporters never show its source line.
  bool points_at_secret = false;
};

// What a finding is about: a release, a secret, a runtime... (anything in the
// model with an environment).  The finding takes its environment from it.
class About {
 public:
  template <typename Record>
  requires requires(const Record& record) { std::string_view(record.environment); }
  About(const Record& record) : environment_(record.environment) {}  // NOLINT: implicit by design
  std::string_view environment() const { return environment_; }

 private:
  std::string_view environment_;
};

// Where a rule's findings go.  The engine hands one to each rule: it starts
// findings with the rule's id and default severity and stamps each with the
// environment of what it is about (the engine falls back to the environment
// of the primary location's file).
class Reporter {
 public:
  Reporter(const RuleInfo& rule, std::vector<Finding>& out) : rule_(rule), out_(out) {}

  Finding finding(std::string message, Location where, std::string identity) const {
    Finding f;
    f.rule_id = rule_.id;
    f.severity = rule_.severity;
    f.message = std::move(message);
    f.location = where;
    f.identity = std::move(identity);
    return f;
  }
  // A finding about no particular model record (a file problem, a comment).
  void add(Finding finding) { out_.push_back(std::move(finding)); }
  void add(Finding finding, About about) {
    finding.environment = std::string(about.environment());
    out_.push_back(std::move(finding));
  }
  // Shorthand: a finding without related locations.
  void add(std::string message, Location where, std::string identity, About about) {
    add(finding(std::move(message), where, std::move(identity)), about);
  }

 private:
  const RuleInfo& rule_;
  std::vector<Finding>& out_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  // Rules never read files or parse: they ask the model.
  virtual void check(const Model& model, Reporter& out) const = 0;
};

// A rule whose check is a function of the model: most rules.
class FunctionRule : public Rule {
 public:
  using Check = void (*)(const Model& model, Reporter& out);
  FunctionRule(RuleInfo info, Check check) : info_(std::move(info)), check_(check) {}
  const RuleInfo& info() const override { return info_; }
  void check(const Model& model, Reporter& out) const override { check_(model, out); }

 private:
  RuleInfo info_;
  Check check_;
};

// Every rule, in id order (rules/registry.cpp).
std::vector<std::unique_ptr<Rule>> make_all_rules();

}  // namespace seldon_lint
