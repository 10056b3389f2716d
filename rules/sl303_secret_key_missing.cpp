#include "linter/base/text.hpp"
#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

// The key the author most likely meant: close in spelling, or containing
// (or contained in) the wanted key, or the only key that looks like a password.
std::string suggest_key(std::string_view wanted, const SecretRecord& secret) {
  std::vector<std::string> keys;
  for (const auto& k : secret.keys) keys.push_back(k.name);
  std::string best = closest_match(wanted, keys, 3);
  if (!best.empty()) return best;
  std::string w = to_lower(wanted);
  for (const auto& k : keys) {
    std::string l = to_lower(k);
    if (l.size() >= 3 && (l.find(w) != std::string::npos || w.find(l) != std::string::npos)) {
      return k;
    }
  }
  for (const auto& k : keys) {
    std::string l = to_lower(k);
    if (l.find("pass") != std::string::npos || l.find("pwd") != std::string::npos) return k;
  }
  return {};
}

void check(const Model& model, Reporter& out) {
  secrets::RuntimeNamespaces runtime_namespaces(model);
  for (const auto& release : model.releases) {
    if (!release.known(secrets::kPasswordPath)) continue;  // unknown is not absent
    auto used = secrets::used_reference(release, secrets::kSaslSecret);
    if (!used) continue;
    if (release.text(secrets::kMechanism) == "OAUTHBEARER") continue;  // SL204's secret shape
    std::string password_key(trim(release.text(secrets::kPasswordPath)));
    // A path or an empty key is SL203's finding.
    if (password_key.empty() || password_key.find('/') != std::string::npos) continue;
    bool by_default = !release.set_by_layer(secrets::kPasswordPath);

    auto copies = secrets::incomplete_copies(
        model, runtime_namespaces, release, used->secret, password_key,
        [&](const SecretRecord& secret) -> std::vector<secrets::Problem> {
          if (secret.key(password_key) != nullptr) return {};
          return {secrets::Problem{"missing " + password_key, {}, {}}};
        });
    for (const auto& copy : copies) {
      const SecretRecord& secret = *copy.secret;
      std::string suggestion = suggest_key(password_key, secret);
      std::string hint;
      if (!suggestion.empty()) {
        hint = fmt::format(
            " Did you mean '{}'? Rename that key to '{}', or set "
            "security.kafka.sasl.client.passwordPath: {}.",
            suggestion, password_key, suggestion);
      } else {
        hint = fmt::format(
            " Add the key '{}' to the secret, or set "
            "security.kafka.sasl.client.passwordPath to the key that holds the "
            "password.",
            password_key);
      }
      if (secret.provider.starts_with("Strimzi KafkaUser") && secret.key("user.crt") != nullptr) {
        hint += fmt::format(
            " The KafkaUser '{}' authenticates with TLS, so Strimzi writes no password; set its "
            "spec.authentication.type to scram-sha-512 (or use protocol SSL with its user.crt and "
            "user.key).",
            secret.name);
      }
      std::string where = secrets::where_text(copy.namespaces);
      std::string message = fmt::format(
          "{} '{}' ({}) {} has no key '{}' (security.kafka.sasl.client.passwordPath{}); its keys "
          "are: {}.{}",
          used->reference->description, used->secret, used->reference->path, where, password_key,
          by_default ? ", chart default" : "", secrets::key_list(secret), hint);
      Finding finding =
          out.finding(message, used->where,
                      fmt::format("{}={};key={};namespace={}", used->reference->path, used->secret,
                                  password_key, secrets::namespaces_text(copy.namespaces)));
      finding.related.push_back(secrets::secret_keys_related(secret));
      if (!by_default) {
        if (Location key = release.locate(secrets::kPasswordPath); key.known()) {
          finding.related.push_back(
              RelatedLocation{key, fmt::format("passwordPath expects key '{}'", password_key)});
        }
      }
      out.add(std::move(finding), release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_SecretKeyMissing() {
  return std::make_unique<FunctionRule>(rule_info("SL303"), check);
}

}  // namespace seldon_lint
