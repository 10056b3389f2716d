#include "rules/rule_support.hpp"

namespace seldon_lint {

std::unique_ptr<Rule> make_UnreadableInput() {
  return std::make_unique<ModelProblemsRule>(rule_info("SL002"));
}

}  // namespace seldon_lint
