#include <set>
#include <tuple>

#include "rules/rule_support.hpp"
#include "rules/secret_values.hpp"

namespace seldon_lint {
namespace {

// Why a key is a credential, or empty.
std::string credential_kind(const SecretRecord& secret, const SecretKey& key,
                            const std::set<std::pair<std::string, std::string>>& sasl) {
  if (sasl.count({secret.name, key.name}) != 0) return "the SASL password Seldon reads";
  if (key.name == "client_secret") return "an OAuth client secret";
  if (key.name == "tls.key" || key.name == "user.key") return "a private key";
  if (key.value_visible && secret_values::has_private_key_pem(key.value)) return "a private key";
  if (key.value_visible && secret_values::is_eventhub_connection_string(key.value)) {
    return "an Event Hubs connection string";
  }
  return {};
}

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, uint32_t>> seen;
  secret_values::SaslPasswordKeys sasl_keys(model);
  for (const auto& secret : model.secrets) {
    if (!secret.plaintext) continue;
    const auto& sasl = sasl_keys.in(secret.environment);
    for (const auto& key : secret.keys) {
      if (!key.location.known()) continue;
      // A placeholder filled in at deploy time (Flux substitution) is not a credential.
      if (key.value_visible && secret_values::is_placeholder(key.value)) continue;
      std::string kind = credential_kind(secret, key, sasl);
      if (kind.empty()) continue;
      auto id = std::make_tuple(key.location.file, key.location.range.begin.line,
                                key.location.range.begin.column);
      if (!seen.insert(id).second) continue;
      std::string how = secret.provider == "Kustomize secretGenerator"
                            ? "a Kustomize secretGenerator literal"
                            : "an unencrypted Secret";
      out.add(fmt::format("Secret '{}' key '{}' holds {} committed in {}; encrypt it with SOPS or "
                          "SealedSecrets, or create it with an ExternalSecret (and rotate the "
                          "credential: it is in the Git history)",
                          secret.name, key.name, kind, how),
              key.location, fmt::format("secret={};key={}", secret.name, key.name), secret);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_PlaintextCredentialCommitted() {
  return std::make_unique<FunctionRule>(rule_info("SL304"), check);
}

}  // namespace seldon_lint
