#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

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
  return std::make_unique<FunctionRule>(rule_info("SL208"), check);
}

}  // namespace seldon_lint
