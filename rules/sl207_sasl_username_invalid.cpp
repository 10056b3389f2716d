#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL207";
  r.name = "sasl-username-invalid";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "authentication"};
  r.security_severity = 5.0;
  r.precision = "high";
  r.summary = "The SASL username is empty, or not $ConnectionString on Azure Event Hubs";
  r.doc.what =
      "Under `SASL_SSL` with a `PLAIN` or `SCRAM-*` mechanism, reports an empty "
      "`security.kafka.sasl.client.username` (set to `\"\"` or deleted with `null`; the chart "
      "default is `seldon`), and, when `kafka.bootstrap` is Azure Event Hubs "
      "(`*.servicebus.windows.net`) with `PLAIN`, a username other than the literal "
      "`$ConnectionString` (including the chart default `seldon`).";
  r.doc.why =
      "PLAIN and SCRAM send the username with the password; an empty one is refused. Event Hubs "
      "authenticates the Kafka protocol with a connection string as the password and only "
      "accepts the fixed username `$ConnectionString`.";
  r.doc.example =
      "kafka:\n"
      "  bootstrap: my-ns.servicebus.windows.net:9093\n"
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      mechanism: PLAIN\n"
      "      client:\n"
      "        username: seldon          # Event Hubs wants $ConnectionString\n"
      "        secret: eventhub-connection\n";
  r.doc.fix =
      "      client:\n"
      "        username: $ConnectionString\n"
      "        secret: eventhub-connection   # password = namespace connection string\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({"kafka.bootstrap", "security.kafka.protocol",
                            "security.kafka.sasl.mechanism",
                            "security.kafka.sasl.client.username"}))
      continue;
    if (secrets::effective_protocol(release) != "SASL_SSL") continue;
    std::string_view mechanism = release.text(secrets::kMechanism);
    bool password_mechanism =
        mechanism == "PLAIN" || mechanism == "SCRAM-SHA-256" || mechanism == "SCRAM-SHA-512";
    if (!password_mechanism) continue;
    const yaml::Node* node = release.value(secrets::kUsername);
    if (node != nullptr && (node->is_map() || node->is_seq())) continue;  // a shape error
    std::string_view username = release.text(secrets::kUsername);
    Location where = release.locate(secrets::kUsername);
    if (node == nullptr) {
      if (Location key = kafka::explicit_null_key(release, secrets::kUsername); key.known())
        where = key;
    }
    if (trim(username).empty()) {
      std::string how = node == nullptr ? "deleted (null)" : "empty";
      std::string message = fmt::format(
          "security.kafka.sasl.client.username is {} while SASL mechanism {} sends a username "
          "with the password; set it to the Kafka user{}",
          how, mechanism, [&] {
            const auto* p = release.broker.provider;
            return p == nullptr || p->username_hint.empty()
                       ? std::string()
                       : fmt::format(" ({} on {})", p->username_hint, p->name);
          }());
      out.add(message, where, "security.kafka.sasl.client.username=<empty>", release);
      continue;
    }
    const providers::Provider* provider = release.broker.provider;
    if (provider == nullptr || provider->required_username.empty() || mechanism != "PLAIN") {
      continue;
    }
    if (username == provider->required_username) continue;
    std::string message = fmt::format(
        "{} expects the literal SASL username {} (the password is {}), but "
        "security.kafka.sasl.client.username is '{}'{}; set username: {}",
        provider->name, provider->required_username, provider->password_hint, username,
        origin_note(release, secrets::kUsername), provider->required_username);
    Finding finding = out.finding(
        message, where,
        fmt::format("provider={};security.kafka.sasl.client.username={}", provider->id, username));
    relate_provider_broker(finding, release);
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_SaslUsernameInvalid() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
