#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL105";
  r.name = "tls-settings-ignored";
  r.severity = Severity::Warning;
  r.tags = {"security", "kafka", "tls"};
  r.security_severity = 4.0;
  r.precision = "high";
  r.summary = "A Kafka secret is set that the protocol does not use";
  r.doc.what =
      "Reports Kafka secrets that the effective `security.kafka.protocol` ignores: "
      "`sasl.client.secret` under `SSL` or `PLAINTEXT`, `ssl.client.secret` (the client "
      "certificate for mutual TLS) under `SASL_SSL` or `PLAINTEXT`, and "
      "`ssl.client.brokerValidationSecret` under `PLAINTEXT` (including the chart default). "
      "Silent when the protocol itself is invalid (SL102).";
  r.doc.why =
      "The configuration reads as if the connection were authenticated or encrypted, but the "
      "components never use the secret: reviewers believe something is protected that is "
      "not, and the real gap (plain text, an anonymous client) goes unnoticed.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    # protocol not set: PLAINTEXT\n"
      "    sasl:\n"
      "      client:\n"
      "        secret: kafka-sasl\n"
      "    ssl:\n"
      "      client:\n"
      "        brokerValidationSecret: kafka-broker-ca\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      client:\n"
      "        secret: kafka-sasl\n"
      "    ssl:\n"
      "      client:\n"
      "        brokerValidationSecret: kafka-broker-ca\n";
  return r;
}

struct Ignored {
  std::string_view path;
  std::string_view what;       // what the secret is for
  std::string_view used_with;  // protocols that do use it
  bool (*ignored)(kafka::Protocol);
};

const Ignored kIgnored[] = {
    {kafka::kSaslSecret, "the SASL credentials", "SASL_SSL",
     [](kafka::Protocol p) {
       return p == kafka::Protocol::Ssl || p == kafka::Protocol::Plaintext;
     }},
    {kafka::kSslSecret, "the client certificate (mutual TLS)", "SSL",
     [](kafka::Protocol p) {
       return p == kafka::Protocol::SaslSsl || p == kafka::Protocol::Plaintext;
     }},
    {kafka::kBrokerSecret, "the broker CA", "SSL or SASL_SSL",
     [](kafka::Protocol p) { return p == kafka::Protocol::Plaintext; }},
};

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kafka::kProtocol)) continue;
    kafka::ProtocolState state = kafka::protocol_of(release);
    if (state.protocol == kafka::Protocol::Invalid) continue;  // SL102's case
    for (const auto& entry : kIgnored) {
      if (!entry.ignored(state.protocol)) continue;
      std::string name(kafka::secret_name(release, entry.path));
      if (name.empty()) continue;
      std::string fix;
      if (state.protocol == kafka::Protocol::Plaintext) {
        fix = fmt::format("set security.kafka.protocol to {} or remove it", entry.used_with);
      } else {
        fix = fmt::format("remove it, or set security.kafka.protocol to {} if {} is intended",
                          entry.used_with, entry.path == kafka::kSslSecret ? "mutual TLS" : "SASL");
      }
      std::string message =
          fmt::format("{} is '{}' but protocol {} does not use {}: nothing is protected by it; {}",
                      entry.path, name, kafka::protocol_label(state), entry.what, fix);
      out.add(std::move(message), release.locate(entry.path),
              fmt::format("{}={}@{}", entry.path, name,
                          state.by_default ? std::string("PLAINTEXT") : state.text),
              release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_TlsSettingsIgnored() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
