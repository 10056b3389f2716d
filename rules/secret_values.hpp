// Shared by SL304 and SL305: which committed secret keys hold Kafka
// credentials, and what a visible value looks like.  Values are inspected in
// memory only; nothing here returns or formats them.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "linter/base/text.hpp"
#include "linter/model/facts/chart_facts.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint::secret_values {

// A value that is a placeholder filled in later (Flux substitution, templating).
inline bool is_placeholder(std::string_view value) {
  std::string_view v = trim(value);
  if (v.empty()) return true;
  if (v.starts_with("${") && v.ends_with("}")) return true;
  if (v.starts_with("{{") && v.ends_with("}}")) return true;
  if (v.starts_with("<") && v.ends_with(">") && v.find('\n') == std::string_view::npos) {
    return true;
  }
  for (std::string_view word : {"CHANGEME", "CHANGE_ME", "TODO", "REPLACE_ME", "REPLACEME"}) {
    if (contains_icase(v, word) && v.size() <= word.size() + 2) return true;
  }
  return false;
}

inline bool has_private_key_pem(std::string_view value) {
  size_t begin = value.find("-----BEGIN ");
  return begin != std::string_view::npos &&
         value.substr(begin, 64).find("PRIVATE KEY-----") != std::string_view::npos;
}

inline bool is_eventhub_connection_string(std::string_view value) {
  return contains_icase(value, "Endpoint=sb://") && contains_icase(value, "SharedAccessKey");
}

// Secret names whose key is the SASL password of some Seldon release in a
// matching environment: (secret name, password key).
inline std::set<std::pair<std::string, std::string>> sasl_password_keys(const Model& model,
                                                                        std::string_view env) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& release : model.releases) {
    if (!Model::same_environment(release.environment, env)) continue;
    std::string secret(trim(release.text("security.kafka.sasl.client.secret")));
    if (secret.empty()) continue;
    std::string key(facts::basename(trim(release.text("security.kafka.sasl.client.passwordPath"))));
    if (key.empty()) key = "password";
    out.emplace(secret, key);
  }
  return out;
}

// sasl_password_keys per environment, computed once per environment: rules
// ask it for every secret.
class SaslPasswordKeys {
 public:
  explicit SaslPasswordKeys(const Model& model) : model_(model) {}
  const std::set<std::pair<std::string, std::string>>& in(const std::string& environment) {
    auto it = cache_.find(environment);
    if (it == cache_.end()) {
      it = cache_.emplace(environment, sasl_password_keys(model_, environment)).first;
    }
    return it->second;
  }

 private:
  const Model& model_;
  std::map<std::string, std::set<std::pair<std::string, std::string>>> cache_;
};

}  // namespace seldon_lint::secret_values
