// SL003 invalid-suppression.  Metadata and help only: the findings are produced
// by the suppression pass (linter/suppressions.cpp), which runs after every
// other rule because a directive's validity (e.g. expiry re-reporting the
// finding it covered) depends on their findings.  The check is empty.
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL003";
  r.name = "invalid-suppression";
  r.severity = Severity::Warning;
  r.tags = {"suppression"};
  r.precision = "very-high";
  r.summary =
      "A `seldon-lint:` directive is malformed, names an unknown rule, has no reason, "
      "or has expired";
  r.doc.what =
      "Reports a `# seldon-lint:` comment directive that cannot be honoured: it is malformed "
      "(not `ignore[...]` or `ignore-file[...]` followed by a reason), names a rule id, name or "
      "group that does not exist, gives no reason, has an `until=` date that is not YYYY-MM-DD, "
      "puts `ignore-file` below the first 10 lines, or has expired (`until=` is in the past). "
      "An invalid directive suppresses nothing, so the findings it meant to cover are reported "
      "as well.";
  r.doc.why =
      "A suppression is a reviewed decision to accept a finding. Without a reason nobody can "
      "tell later whether it still holds; a typo in a rule id silently suppresses nothing; an "
      "expired suppression was meant to be revisited by now.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    # seldon-lint: ignore[SL101]\n"
      "    protocol: PLAINTEXT\n"
      "    # seldon-lint: ignore[SL9O3] broker is on the same node\n"
      "    # seldon-lint: ignore[SL103] until=2024-01-31 cert rollout pending\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    # seldon-lint: ignore[SL101] until=2027-01-31 in-cluster broker, TLS in INFRA-123\n"
      "    protocol: PLAINTEXT\n";
  return r;
}

void check(const Model&, Reporter&) {
  // Produced by apply_suppressions() in linter/suppressions.cpp.
}

}  // namespace

std::unique_ptr<Rule> make_InvalidSuppression() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
