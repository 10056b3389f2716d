#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  report_model_problems(model, "SL002", out);
}

}  // namespace

std::unique_ptr<Rule> make_UnreadableInput() {
  return std::make_unique<FunctionRule>(rule_info("SL002"), check);
}

}  // namespace seldon_lint
