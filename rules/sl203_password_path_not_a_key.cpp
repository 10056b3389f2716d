#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL203";
  r.name = "password-path-not-a-key";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "authentication", "sasl"};
  r.security_severity = 5.0;
  r.precision = "high";
  r.summary = "sasl.client.passwordPath is a file path or empty instead of a secret key";
  r.doc.what =
      "Reports `security.kafka.sasl.client.passwordPath` written as a path (it contains `/`, "
      "as in older chart versions: `/tmp/sasl/kafka/client/password`) or explicitly emptied "
      "(`\"\"` or `null`, which deletes the chart default `password`). It must be the bare "
      "name of the key in the `sasl.client.secret` secret.";
  r.doc.why =
      "Current Seldon components look the password up as a key of the secret. A path "
      "matches no key in one component and is read as a file in others, so some components "
      "authenticate and others fail with an empty password; an empty value never matches.";
  r.doc.example =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      client:\n"
      "        secret: kafka-sasl\n"
      "        passwordPath: /tmp/sasl/kafka/client/password\n";
  r.doc.fix =
      "security:\n"
      "  kafka:\n"
      "    protocol: SASL_SSL\n"
      "    sasl:\n"
      "      client:\n"
      "        secret: kafka-sasl\n"
      "        passwordPath: password\n";
  return r;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known(kafka::kPasswordPath)) continue;
    std::string message;
    std::string shape;
    Location where;
    if (release.set_by_layer(kafka::kPasswordPath)) {
      const yaml::Node* node = release.value(kafka::kPasswordPath);
      shape = kafka::value_shape(node);
      if (kafka::is_structured(node)) {
        message = fmt::format(
            "security.kafka.sasl.client.passwordPath is {}: it must be the bare name of the "
            "password key in the SASL secret, e.g. 'password'",
            kafka::describe_value(node));
      } else {
        std::string_view value = trim(node->str());
        if (value.empty()) {
          message =
              "security.kafka.sasl.client.passwordPath is empty: it must name the password key "
              "in the SASL secret; remove it to use the chart default 'password'";
          shape = "<empty>";
        } else if (value.find('/') != std::string_view::npos) {
          std::string_view key = facts::basename(value);
          message = fmt::format(
              "security.kafka.sasl.client.passwordPath is the path '{}', not a secret key name; "
              "set it to the bare key{}",
              value, key.empty() ? std::string() : fmt::format(" '{}'", key));
        } else {
          continue;
        }
      }
      where = kafka::locate_value(release, kafka::kPasswordPath);
    } else {
      // `passwordPath: null` deletes the chart default: the components get no key name.
      where = kafka::explicit_null_key(release, kafka::kPasswordPath);
      if (!where.known()) continue;
      message =
          "security.kafka.sasl.client.passwordPath is null, which deletes the chart default "
          "'password': the components get no key name; remove the line to keep the default, or "
          "set it to the password key of the SASL secret";
      shape = "<null>";
    }
    out.add(std::move(message), where, fmt::format("{}={}", kafka::kPasswordPath, shape), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_PasswordPathNotAKey() {
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
