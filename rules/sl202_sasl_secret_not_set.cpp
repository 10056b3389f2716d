#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

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
  return std::make_unique<FunctionRule>(rule_info("SL202"), check);
}

}  // namespace seldon_lint
