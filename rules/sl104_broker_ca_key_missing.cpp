#include <algorithm>
#include <map>
#include <set>

#include "rules/kafka_values.hpp"
#include "rules/rule_support.hpp"

namespace seldon_lint {
namespace {

constexpr std::string_view kDefaultCaKey = "ca.crt";

std::string key_list(const SecretRecord& secret) {
  if (secret.keys.empty()) return "no keys";
  std::string out;
  for (const auto& k : secret.keys) {
    if (!out.empty()) out += ", ";
    out += k.name;
  }
  return "keys " + out;
}

// "Secret in namespace seldon-mesh", "SealedSecret without a namespace"
std::string where(const SecretRecord& secret) {
  return secret.namespace_name.empty()
             ? fmt::format("{} without a namespace", secret.provider)
             : fmt::format("{} in namespace {}", secret.provider, secret.namespace_name);
}

// The copies of the secret Seldon reads for this release: in the release's
// namespace, every runtime namespace and the request-logging namespace of its
// environment; every copy in the environment when the release namespace is unknown.
std::vector<const SecretRecord*> copies_to_check(const Model& model, const Release& release,
                                                 const std::string& name) {
  if (release.namespace_name.empty()) {
    return model.find_secrets_anywhere(name, release.environment);
  }
  std::set<std::string> namespaces = {release.namespace_name};
  for (const auto& runtime : model.runtimes) {
    if (!runtime.namespace_name.empty() &&
        Model::same_environment(runtime.environment, release.environment)) {
      namespaces.insert(runtime.namespace_name);
    }
  }
  if (model.settings.logs_namespace && !model.settings.logs_namespace->empty()) {
    namespaces.insert(*model.settings.logs_namespace);
  }
  std::vector<const SecretRecord*> out;
  for (const auto& ns : namespaces) {
    for (const SecretRecord* secret : model.find_secrets(name, ns, release.environment)) {
      if (std::find(out.begin(), out.end(), secret) == out.end()) out.push_back(secret);
    }
  }
  return out;
}

void check(const Model& model, Reporter& out) {
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({kafka::kProtocol, kafka::kBrokerSecret, kafka::kBrokerCaPath})) {
      continue;
    }
    std::string name(kafka::secret_name(release, kafka::kBrokerSecret));
    if (name.empty()) continue;
    // Under PLAINTEXT the secret is not used at all (SL105 says so).
    if (kafka::protocol_of(release).protocol == kafka::Protocol::Plaintext) continue;

    std::string ca_path(trim(release.text(kafka::kBrokerCaPath)));
    std::string expected_key(ca_path.empty() ? kDefaultCaKey : facts::basename(ca_path));
    if (expected_key.empty()) continue;  // a directory: nothing to compare

    std::vector<const SecretRecord*> found = copies_to_check(model, release, name);
    // One finding per namespace whose copy of the secret lacks the key.
    std::map<std::string, std::vector<const SecretRecord*>> by_namespace;
    for (const SecretRecord* secret : found) {
      // A hash-suffixed generator name never matches the reference (SL301 says so).
      if (!secret->hashed_name) by_namespace[secret->namespace_name].push_back(secret);
    }

    for (const auto& [ns, copies] : by_namespace) {
      bool judged = true;
      for (const SecretRecord* secret : copies) {
        if (!secret->keys_known || secret->key(expected_key) != nullptr) judged = false;
      }
      if (!judged) continue;
      const SecretRecord& first = *copies.front();

      // Suggest only keys that look like a CA (a `tls.crt` is not one).
      std::vector<std::string> ca_like;
      for (const auto& k : first.keys) {
        if (contains_icase(k.name, "ca")) ca_like.push_back(k.name);
      }
      std::string close = closest_match(expected_key, ca_like, 4);
      if (close.empty() && ca_like.size() == 1) close = ca_like.front();
      bool default_path = ca_path.empty() || !release.set_by_layer(kafka::kBrokerCaPath);
      std::string path_shown = ca_path.empty() ? "/tmp/certs/kafka/broker/ca.crt" : ca_path;
      std::string hint;
      // Operators (cert-manager, Strimzi) fix their key names: only the path can change.
      bool fixed_keys =
          first.provider.starts_with("cert-manager") || first.provider.starts_with("Strimzi");
      if (!close.empty()) {
        std::string dir = path_shown.substr(0, path_shown.size() - expected_key.size());
        hint = fixed_keys ? fmt::format("; set brokerCaPath to '{}{}'", dir, close)
                          : fmt::format("; rename the key to '{}' or set brokerCaPath to '{}{}'",
                                        expected_key, dir, close);
      } else {
        hint = fmt::format("; add the broker CA certificate under the key '{}'", expected_key);
      }
      std::string message = fmt::format(
          "broker CA secret '{}' ({}) has no key '{}', which "
          "security.kafka.ssl.client.brokerCaPath ({}'{}') expects; it has {}{}",
          name, where(first), expected_key, default_path ? "chart default " : "", path_shown,
          key_list(first), hint);
      Finding finding =
          out.finding(std::move(message), release.locate(kafka::kBrokerSecret),
                      fmt::format("{}={}@{}:{}", kafka::kBrokerSecret, name, ns, expected_key));
      for (const SecretRecord* secret : copies) {
        if (!secret->location.known()) continue;
        finding.related.push_back(
            {secret->location, fmt::format("secret '{}' ({}) with {}", secret->name, where(*secret),
                                           key_list(*secret))});
      }
      out.add(std::move(finding), release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_BrokerCaKeyMissing() {
  return std::make_unique<FunctionRule>(rule_info("SL104"), check);
}

}  // namespace seldon_lint
