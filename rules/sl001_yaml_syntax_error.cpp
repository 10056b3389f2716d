#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  report_model_problems(model, "SL001", out);
}

}  // namespace

std::unique_ptr<Rule> make_YamlSyntaxError() {
  return std::make_unique<FunctionRule>(rule_info("SL001"), check);
}

}  // namespace seldon_lint
