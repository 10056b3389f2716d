#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL201";
  r.name = "invalid-sasl-mechanism";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "authentication", "sasl"};
  r.security_severity = 6.0;
  r.precision = "very-high";
  r.summary = "security.kafka.sasl.mechanism is not a mechanism Seldon supports";
  r.doc.what =
      "Reports `security.kafka.sasl.mechanism` set to anything other than exactly `PLAIN`, "
      "`SCRAM-SHA-256`, `SCRAM-SHA-512` or `OAUTHBEARER` (case-sensitive), under every "
      "protocol, and suggests the closest valid mechanism. The chart default `SCRAM-SHA-512` "
      "is valid, so only values written in a values layer are checked.";
  r.doc.why =
      "One of Seldon's components parses the mechanism at start-up even when SASL is not in "
      "use, and fails on an unknown one; the others silently fall back or refuse to connect. "
      "Mechanisms such as `GSSAPI`, `AWS_MSK_IAM` or a lower-case `scram-sha-512` are not "
      "supported.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: SCRAM-SHA512\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: SCRAM-SHA-512\n";
  return r;
}

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
    out.add(std::move(message), kafka::locate_value(release, kafka::kMechanism),
            fmt::format("{}={}", kafka::kMechanism, kafka::value_shape(node)), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_InvalidSaslMechanism() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
