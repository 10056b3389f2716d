#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL002";
  r.name = "unreadable-input";
  r.severity = Severity::Warning;
  r.tags = {"input"};
  r.precision = "very-high";
  r.summary = "A file cannot be linted (binary, not UTF-8, too large, symlink loop, unreadable)";
  r.doc.what =
      "Reports a file the linter was asked to read but could not lint: binary content (NUL "
      "bytes), text that is not valid UTF-8, a file over the 10 MB limit, a symbolic link "
      "loop, a permission error, or a document that exceeds the nesting or alias-expansion "
      "bounds (an alias bomb).";
  r.doc.why =
      "A file that is not linted can hide any other finding. GitOps controllers also fail "
      "on most of these files, so they are worth a look.";
  r.doc.example = "# components-values.yaml saved as UTF-16 by an editor\n";
  r.doc.fix =
      "# Save the file as UTF-8 text, remove binary files from manifest folders, or add\n"
      "# them to `ignore:` in .seldon-lint.yaml\n"
      "ignore: [\"assets/**\"]\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& problem : model.problems) {
    if (problem.rule_id != "SL002") continue;
    out.add(out.finding(problem.message, problem.location, problem.message));
  }
}

}  // namespace

std::unique_ptr<Rule> make_UnreadableInput() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
