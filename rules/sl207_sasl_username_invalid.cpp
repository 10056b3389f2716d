#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/fix_support.hpp"
#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

// On a provider with one fixed username (Event Hubs: `$ConnectionString`)
// the fix is unambiguous: set it in the release's own top layer (the same
// broker may not be used by the other environments a shared base feeds).
std::vector<Fix> required_username_fix(const Model& model, const Release& release,
                                       std::string_view mechanism) {
  const providers::Provider* provider = release.broker.provider;
  if (provider == nullptr || provider->required_username.empty() || mechanism != "PLAIN") {
    return {};
  }
  return fixes::set_value_fix(model, release, secrets::kUsername, provider->required_username,
                              fmt::format("Set username: {}", provider->required_username));
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
      Finding finding = out.finding(message, where, "security.kafka.sasl.client.username=<empty>");
      finding.fixes = required_username_fix(model, release, mechanism);
      out.add(std::move(finding), release);
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
    finding.fixes = required_username_fix(model, release, mechanism);
    out.add(std::move(finding), release);
  }
}

}  // namespace

std::unique_ptr<Rule> make_SaslUsernameInvalid() {
  return std::make_unique<FunctionRule>(rule_info("SL207"), check);
}

}  // namespace seldon_lint
