#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL102";
  r.name = "invalid-kafka-protocol";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "tls"};
  r.security_severity = 7.0;
  r.precision = "very-high";
  r.summary = "security.kafka.protocol is not exactly PLAINTEXT, SSL or SASL_SSL";
  r.doc.what =
      "Reports a Seldon release whose `security.kafka.protocol` is set to anything other than "
      "exactly `PLAINTEXT`, `SSL` or `SASL_SSL` (the comparison is case-sensitive), and "
      "suggests the closest valid value. Leaving the protocol unset or empty is not this "
      "rule's business: the chart default `PLAINTEXT` then applies (see SL101).";
  r.doc.why =
      "Seldon's Go, Kotlin and Python components each parse the protocol themselves. Values "
      "such as `SASL_PLAINTEXT`, `ssl` or `TLS` are accepted by some of them and silently "
      "treated as no security at all, while others fail at start-up: the data plane ends up "
      "half-secured or crash-looping.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_PLAINTEXT   # not supported by Seldon\n"
      "    sasl:\n"
      "      mechanism: SCRAM-SHA-512\n"
      "      client:\n"
      "        secret: kafka-sasl\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: SCRAM-SHA-512\n"
      "      client:\n"
      "        secret: kafka-sasl\n";
  return r;
}

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
    out.add(std::move(message), kafka::locate_value(release, kafka::kProtocol),
            fmt::format("{}={}", kafka::kProtocol, kafka::value_shape(node)), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_InvalidKafkaProtocol() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
