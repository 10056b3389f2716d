#include "rules/rule_support.hpp"

namespace seldon_lint {

std::unique_ptr<Rule> make_YamlSyntaxError() {
  return std::make_unique<ModelProblemsRule>(rule_info("SL001"));
}

}  // namespace seldon_lint
