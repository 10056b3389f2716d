#include "rules/fix_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

void check(const Model& model, Reporter& out) {
  const std::string valid = kafka::joined(facts::kafka_protocols());
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kafka::kProtocol)) continue;
    kafka::ProtocolState state = kafka::protocol_of(release);
    if (state.protocol != kafka::Protocol::Invalid) continue;
    const yaml::Node* node = release.value(kafka::kProtocol);
    std::string message =
        fmt::format("security.kafka.protocol is {}, not one of {} (case-sensitive)",
                    kafka::describe_value(node), valid);
    if (!kafka::is_structured(node)) {
      std::string suggestion = kafka::suggest_protocol(state.text);
      if (!suggestion.empty()) {
        message += fmt::format("; did you mean '{}'?", suggestion);
      } else {
        message += "; set one of them";
      }
    } else {
      message += "; set a single string";
    }
    Finding finding =
        out.finding(std::move(message), kafka::locate_value(release, kafka::kProtocol),
                    fmt::format("{}={}", kafka::kProtocol, kafka::value_shape(node)));
    // `SASL_PLAINTEXT` or `TLS` may mean another protocol: only case and
    // punctuation are fixed, a human picks the rest.
    finding.fixes = fixes::respell(model, node, facts::kafka_protocols());
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_InvalidKafkaProtocol() {
  return std::make_unique<FunctionRule>(rule_info("SL102"), check);
}

}  // namespace seldon_lint
