#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL103";
  r.name = "broker-hostname-verification-off";
  r.severity = Severity::Warning;
  r.tags = {"security", "kafka", "tls"};
  r.security_severity = 5.0;
  r.precision = "high";
  r.summary = "TLS to Kafka without broker host-name verification";
  r.doc.what =
      "Reports a Seldon release that talks TLS to Kafka (`security.kafka.protocol` `SSL` or "
      "`SASL_SSL`) while `security.kafka.ssl.client.endpointIdentificationAlgorithm` is unset, "
      "empty or `none`. The chart leaves it empty by default.";
  r.doc.why =
      "Without an endpoint identification algorithm the broker's certificate is checked "
      "against the CA but not against the host name the client connected to: any certificate "
      "the CA ever issued (another broker, another team's service) can impersonate the "
      "brokers and read the inference traffic and SASL credentials.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    ssl:\n"
      "      client:\n"
      "        brokerValidationSecret: kafka-broker-ca\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    ssl:\n"
      "      client:\n"
      "        brokerValidationSecret: kafka-broker-ca\n"
      "        endpointIdentificationAlgorithm: https\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({kafka::kProtocol, kafka::kEndpointAlgorithm})) continue;
    kafka::ProtocolState state = kafka::protocol_of(release);
    if (state.protocol != kafka::Protocol::Ssl && state.protocol != kafka::Protocol::SaslSsl) {
      continue;
    }
    const yaml::Node* node = release.value(kafka::kEndpointAlgorithm);
    std::string_view algorithm = trim(release.text(kafka::kEndpointAlgorithm));
    std::string how;
    if (node == nullptr || node->is_null()) {
      how = "not set";
    } else if (kafka::is_structured(node)) {
      how = fmt::format("{}, not a string", kafka::describe_value(node));
    } else if (algorithm.empty()) {
      how = "empty";
    } else if (contains_icase(algorithm, "none") && algorithm.size() == 4) {
      how = "'none'";
    } else {
      continue;  // https (or another algorithm the client understands)
    }
    std::string message = fmt::format(
        "protocol {} uses TLS but security.kafka.ssl.client.endpointIdentificationAlgorithm is "
        "{}: the broker certificate's host name is not verified; set it to https",
        state.text, how);
    out.add(std::move(message), kafka::locate_value(release, kafka::kEndpointAlgorithm),
            fmt::format("{}={}", kafka::kEndpointAlgorithm, kafka::value_shape(node)), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_BrokerHostnameVerificationOff() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
