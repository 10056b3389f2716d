#include "linter/lint.hpp"

#include <algorithm>

#include "linter/discovery.hpp"
#include "linter/input.hpp"
#include "linter/model_builder.hpp"

namespace seldon_lint {
namespace {

bool touches(const Finding& finding, const Model& model, const std::set<std::string>& files) {
  auto in_set = [&](const Location& location) {
    return location.known() && files.count(model.files[location.file].path) > 0;
  };
  if (in_set(finding.location)) return true;
  return std::any_of(finding.related.begin(), finding.related.end(),
                     [&](const RelatedLocation& r) { return in_set(r.location); });
}

void count(Summary& summary, const Finding& finding) {
  if (finding.suppressed) {
    ++summary.suppressed;
    return;
  }
  ++summary.findings;
  switch (finding.severity) {
    case Severity::Error:
      ++summary.errors;
      break;
    case Severity::Warning:
      ++summary.warnings;
      break;
    default:
      ++summary.notes;
      break;
  }
}

}  // namespace

LintResult lint(const LintOptions& options) {
  LintResult result;
  result.model = std::make_unique<Model>();
  Model& model = *result.model;
  result.rules = make_all_rules();

  EnvironmentRules environments = options.extra_environments;
  for (const auto& entry : options.config.environments.globs) environments.globs.push_back(entry);

  DiscoveryOptions discovery;
  discovery.root = options.root;
  discovery.paths = options.paths;
  discovery.ignore = options.config.ignore;
  auto discovered = discover_files(discovery);

  InputOptions input;
  input.jobs = options.jobs;
  load_files(discovered, environments, input, model);

  if (options.config.production)
    model.settings.production_environments = *options.config.production;
  for (const auto& env : options.extra_production)
    model.settings.production_environments.insert(env);
  model.settings.logs_namespace = options.config.logs_namespace;
  build_model(model, options.config);

  RuleSelection selection = options.selection;
  for (const auto& [rule, severity] : options.config.rule_severity)
    selection.severity[rule] = severity;
  std::vector<Finding> findings = run_rules(model, result.rules, selection);

  if (!options.only_files.empty()) {
    findings.erase(
        std::remove_if(findings.begin(), findings.end(),
                       [&](const Finding& f) { return !touches(f, model, options.only_files); }),
        findings.end());
  }
  sort_findings(findings, model);
  assign_fingerprints(findings, model);

  result.summary.files = model.files.size();
  for (const auto& finding : findings) count(result.summary, finding);
  if (!options.include_suppressed) {
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [](const Finding& f) { return f.suppressed; }),
                   findings.end());
  }
  result.findings = std::move(findings);
  return result;
}

}  // namespace seldon_lint
