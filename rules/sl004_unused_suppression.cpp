// SL004 unused-suppression.  Metadata and help only: the findings are produced
// by the suppression pass (linter/suppressions.cpp) after every other rule ran,
// since only then is it known which directives suppressed something.  The
// check is empty.
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL004";
  r.name = "unused-suppression";
  r.severity = Severity::Note;
  r.tags = {"suppression"};
  r.precision = "very-high";
  r.summary = "A suppression that suppressed nothing";
  r.doc.what =
      "Reports a `# seldon-lint: ignore[...]` or `ignore-file[...]` directive (or one rule of "
      "its list) that matched no finding: nothing on the line it covers, or nothing in the "
      "file for `ignore-file`. Like ruff's RUF100. A rule left out by `--select`/`--ignore` or "
      "turned off in the config is not judged, since it could not have produced a finding.";
  r.doc.why =
      "Stale suppressions pile up after fixes and hide the next real finding on the same line "
      "without anyone deciding to accept it.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL  # seldon-lint: ignore[SL101] old broker without TLS\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n";
  return r;
}

void check(const Model&, Reporter&) {
  // Produced by apply_suppressions() in linter/suppressions.cpp.
}

}  // namespace

std::unique_ptr<Rule> make_UnusedSuppression() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
