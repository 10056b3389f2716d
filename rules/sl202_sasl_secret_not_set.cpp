#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL202";
  r.name = "sasl-secret-not-set";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "authentication", "sasl"};
  r.security_severity = 7.0;
  r.precision = "very-high";
  r.summary = "SASL_SSL without security.kafka.sasl.client.secret";
  r.doc.what =
      "Reports a Seldon release whose effective `security.kafka.protocol` is `SASL_SSL` while "
      "`security.kafka.sasl.client.secret` is empty or absent (the chart default is empty).";
  r.doc.why =
      "The components read the SASL password (or the OAUTHBEARER client credentials) from "
      "that secret. Without it they log in with an empty password: the brokers reject every "
      "connection and no model or pipeline can start, or, on a misconfigured broker, the "
      "client connects without the credentials the author expected.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: SCRAM-SHA-512\n"
      "      client:\n"
      "        username: seldon\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: SCRAM-SHA-512\n"
      "      client:\n"
      "        username: seldon\n"
      "        secret: kafka-sasl   # holds the key `password`\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({kafka::kProtocol, kafka::kSaslSecret})) continue;
    if (kafka::protocol_of(release).protocol != kafka::Protocol::SaslSsl) continue;
    const yaml::Node* node = release.value(kafka::kSaslSecret);
    if (!kafka::secret_name(release, kafka::kSaslSecret).empty()) continue;
    std::string how = node == nullptr || node->is_null() ? std::string("not set")
                      : kafka::is_structured(node) ? kafka::describe_value(node) + ", not a name"
                                                   : std::string("empty");
    std::string_view mechanism = release.text(kafka::kMechanism);
    std::string holds;
    if (mechanism == "OAUTHBEARER") {
      holds = "the OAUTHBEARER client credentials";
    } else {
      std::string_view key = facts::basename(trim(release.text(kafka::kPasswordPath)));
      holds = fmt::format("the SASL password under the key '{}'", key.empty() ? "password" : key);
    }
    std::string message = fmt::format(
        "protocol is SASL_SSL but security.kafka.sasl.client.secret is {}: the components have "
        "no credentials to log in with; set it to the name of the secret holding {}",
        how, holds);
    out.add(std::move(message), kafka::locate_value(release, kafka::kSaslSecret),
            fmt::format("{}={}", kafka::kSaslSecret, kafka::value_shape(node)), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_SaslSecretNotSet() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
