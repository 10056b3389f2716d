#include <set>
#include <tuple>

#include "rules/rule_support.hpp"
#include "rules/secret_values.hpp"

namespace seldon_lint {
namespace {

RuleInfo info() {
  RuleInfo r;
  r.id = "SL304";
  r.name = "plaintext-credential-committed";
  r.severity = Severity::Error;
  r.tags = {"security", "kafka", "secrets"};
  r.security_severity = 9.0;
  r.precision = "high";
  r.summary = "A Kafka credential is committed in an unencrypted Secret";
  r.points_at_secret = true;  // reporters show no code frame
  r.doc.what =
      "Reports a Kubernetes `Secret` committed in clear (`data` or `stringData`, or a Kustomize "
      "`secretGenerator` literal) that holds a Kafka credential: the SASL password key a Seldon "
      "release reads, an OAuth `client_secret`, a private key (`tls.key`, `user.key`, any "
      "`-----BEGIN ... PRIVATE KEY-----`), or an Event Hubs connection string. SOPS-encrypted "
      "Secrets, SealedSecrets and ExternalSecrets are fine; CA certificates are public and do "
      "not count. The value is never printed.";
  r.doc.why =
      "Base64 is an encoding, not encryption: everyone who can read the repository (and its "
      "history, forks and CI logs) can log in to the Kafka cluster as Seldon.";
  r.doc.example =
      "apiVersion: v1\n"
      "kind: Secret\n"
      "metadata:\n"
      "  name: kafka-sasl\n"
      "stringData:\n"
      "  password: s3cr3t   # committed in clear\n";
  r.doc.fix =
      "# encrypt it (sops --encrypt --encrypted-regex '^(data|stringData)$'), seal it\n"
      "# (kubeseal), or let External Secrets create it:\n"
      "apiVersion: external-secrets.io/v1beta1\n"
      "kind: ExternalSecret\n"
      "metadata:\n"
      "  name: kafka-sasl\n"
      "spec:\n"
      "  secretStoreRef: {name: vault, kind: ClusterSecretStore}\n"
      "  data:\n"
      "    - secretKey: password\n"
      "      remoteRef: {key: kafka/seldon, property: password}\n";
  return r;
}

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
  return std::make_unique<FunctionRule>(info(), check);
}

}  // namespace seldon_lint
