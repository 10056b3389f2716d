#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL208";
  r.name = "no-client-authentication-in-production";
  r.severity = Severity::Warning;
  r.tags = {"security", "kafka", "authentication", "tls"};
  r.security_severity = 5.0;
  r.precision = "high";
  r.summary = "Production Kafka over TLS with an anonymous client (no client certificate)";
  r.doc.what =
      "Reports a production Seldon release whose effective `security.kafka.protocol` is `SSL` "
      "while `security.kafka.ssl.client.secret` is empty or absent: the connection is "
      "encrypted, but Seldon presents no client certificate.";
  r.doc.why =
      "Anyone who can reach the brokers can then connect as the same anonymous principal: "
      "ACLs cannot tell Seldon from any other client, so every model's inputs and outputs can "
      "be read or forged. Use mutual TLS (a client certificate) or SASL.";
  r.doc.example =
      "# clusters/prod/seldon/components-values.yaml\n"
      "security:\n"
      "  kafka:\n"
      "    protocol: SSL\n"
      "    ssl:\n"
      "      client:\n"
      "        brokerValidationSecret: kafka-broker-ca\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SSL\n"
      "    ssl:\n"
      "      client:\n"
      "        secret: seldon-kafka-user   # tls.key, tls.crt, ca.crt\n"
      "        brokerValidationSecret: kafka-broker-ca\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({kafka::kProtocol, kafka::kSslSecret})) continue;
    if (!model.is_production(release.environment)) continue;
    if (kafka::protocol_of(release).protocol != kafka::Protocol::Ssl) continue;
    if (!kafka::secret_name(release, kafka::kSslSecret).empty()) continue;
    const yaml::Node* node = release.value(kafka::kSslSecret);
    std::string message = fmt::format(
        "protocol SSL in production environment '{}' with no client certificate "
        "(security.kafka.ssl.client.secret is {}): the connection is encrypted but Seldon is "
        "an anonymous client; set ssl.client.secret to a secret with the client key and "
        "certificate (mutual TLS), or use SASL_SSL",
        release.environment,
        node == nullptr || node->is_null() ? std::string("not set")
        : kafka::is_structured(node)       ? kafka::describe_value(node)
                                           : std::string("empty"));
    out.add(std::move(message), kafka::locate_value(release, kafka::kSslSecret),
            fmt::format("{}={}@SSL", kafka::kSslSecret, kafka::value_shape(node)), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_NoClientAuthenticationInProduction() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
