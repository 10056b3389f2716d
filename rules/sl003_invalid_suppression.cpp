// SL003 invalid-suppression.  Metadata and help only: the findings are produced
// by the suppression pass (linter/engine/suppressions.cpp), which runs after every
// other rule because a directive's validity (e.g. expiry re-reporting the
// finding it covered) depends on their findings.  The check is empty.
#include "rules/rule_support.hpp"

namespace seldon_lint {

std::unique_ptr<Rule> make_InvalidSuppression() {
  return std::make_unique<FunctionRule>(rule_info("SL003"), no_check);
}

}  // namespace seldon_lint
