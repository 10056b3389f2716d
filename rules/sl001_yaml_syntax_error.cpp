#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL001";
  r.name = "yaml-syntax-error";
  r.severity = Severity::Error;
  r.tags = {"input", "yaml"};
  r.precision = "very-high";
  r.summary = "A YAML file does not parse";
  r.doc.what =
      "Reports a YAML file that does not parse, at the position of the first syntax error. "
      "The rest of the repository is still linted, and documents of the same file that parse "
      "cleanly are still read.";
  r.doc.why =
      "Flux, Argo CD and Helm reject the whole file: the release it configures is not "
      "applied, or is applied without the values you meant. Rules cannot check what they "
      "cannot read, so other findings for this file may be missing.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "   sasl:            # wrong indentation\n"
      "      mechanism: PLAIN\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: PLAIN\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& problem : model.problems) {
    if (problem.rule_id != "SL001") continue;
    out.add(out.finding(problem.message, problem.location, problem.message));
  }
}

}  // namespace

std::unique_ptr<Rule> make_YamlSyntaxError() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
