#include "rules/fix_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  const auto& mechanisms = facts::sasl_mechanisms();
  const std::string valid = kafka::joined(mechanisms);
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kafka::kMechanism)) continue;
    if (!release.set_by_layer(kafka::kMechanism)) continue;
    const yaml::Node* node = release.value(kafka::kMechanism);
    if (node == nullptr || node->is_null()) continue;
    if (node->is_scalar()) {
      bool ok = false;
      for (const auto& m : mechanisms) ok = ok || node->scalar == m;
      if (ok) continue;
    }
    std::string message =
        fmt::format("security.kafka.sasl.mechanism is {}, not one of {} (case-sensitive)",
                    kafka::describe_value(node), valid);
    if (node->is_scalar()) {
      std::string suggestion = kafka::suggest_mechanism(node->scalar);
      message += suggestion.empty() ? std::string("; set one of them")
                                    : fmt::format("; did you mean '{}'?", suggestion);
    } else {
      message += "; set a single string";
    }
    Finding finding =
        out.finding(std::move(message), kafka::locate_value(release, kafka::kMechanism),
                    fmt::format("{}={}", kafka::kMechanism, kafka::value_shape(node)));
    finding.fixes = fixes::respell(model, node, mechanisms);  // case and punctuation only
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_InvalidSaslMechanism() {
  return std::make_unique<FunctionRule>(rule_info("SL201"), check);
}

}  // namespace seldon_lint
