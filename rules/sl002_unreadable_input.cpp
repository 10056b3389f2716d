#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  for (const auto& problem : model.problems) {
    if (problem.rule_id != "SL002") continue;
    out.add(out.finding(problem.message, problem.location, problem.message));
  }
}

}  // namespace

std::unique_ptr<Rule> make_UnreadableInput() {
  return std::make_unique<FunctionRule>(rule_info("SL002"), check);
}

}  // namespace seldon_lint
