// SL004 unused-suppression.  Metadata and help only: the findings are produced
// by the suppression pass (linter/engine/suppressions.cpp) after every other rule ran,
// since only then is it known which directives suppressed something.  The
// check is empty.
#include "rules/rule_support.hpp"

namespace seldon_lint {

std::unique_ptr<Rule> make_UnusedSuppression() {
  return std::make_unique<FunctionRule>(rule_info("SL004"), no_check);
}

}  // namespace seldon_lint
