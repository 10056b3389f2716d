#include "linter/base/text.hpp"
#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

struct ExpectedKey {
  std::string_view path;   // values path of the mount path
  std::string_view label;  // "client key"
};

constexpr ExpectedKey kExpected[] = {
    {"security.kafka.ssl.client.keyPath", "client key"},
    {"security.kafka.ssl.client.crtPath", "client certificate"},
    {"security.kafka.ssl.client.caPath", "CA certificate"},
};

std::string_view extension(std::string_view name) {
  size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(dot);
}

// A key of the secret that could stand in for `wanted` (same file extension).
std::string stand_in(const SecretRecord& secret, std::string_view wanted) {
  std::string_view ext = extension(wanted);
  if (ext.empty()) return {};
  std::string found;
  for (const auto& key : secret.keys) {
    if (extension(key.name) != ext || key.name == wanted) continue;
    if (!found.empty()) return {};  // ambiguous
    found = key.name;
  }
  return found;
}

void check(const Model& model, Reporter& out) {
  secrets::RuntimeNamespaces runtime_namespaces(model);
  for (const auto& release : model.releases) {
    auto used = secrets::used_reference(release, secrets::kClientSecret);
    if (!used) continue;
    std::vector<std::pair<const ExpectedKey*, std::string>> expected;
    bool known = true;  // the key paths too: an unreadable layer could set them
    for (const auto& e : kExpected) known = known && release.known(e.path);
    if (!known) continue;
    for (const auto& e : kExpected) {
      std::string key(facts::basename(trim(release.text(e.path))));
      if (!key.empty()) expected.emplace_back(&e, key);
    }
    std::string check_key;  // the keys the check expects
    for (const auto& [e, key] : expected) check_key += std::string(e->path) + "=" + key + "\n";
    auto copies = secrets::incomplete_copies(
        model, runtime_namespaces, release, used->secret, check_key,
        [&](const SecretRecord& secret) {
          std::vector<secrets::Problem> problems;
          for (const auto& [e, key] : expected) {
            const SecretKey* present = secret.key(key);
            if (present == nullptr) {
              problems.push_back(
                  {fmt::format("no key '{}' for the {} ({})", key, e->label, e->path),
                   secret.location, std::string()});
            } else if (present->value_visible && trim(present->value).empty()) {
              problems.push_back({fmt::format("the {} key '{}' is empty", e->label, key),
                                  present->location, fmt::format("key '{}' is empty", key)});
            }
          }
          return problems;
        });
    for (const auto& copy : copies) {
      const SecretRecord& secret = *copy.secret;
      std::string problems;
      for (const auto& p : copy.problems) problems += (problems.empty() ? "" : "; ") + p.text;
      std::string suggestions;
      for (const auto& [e, key] : expected) {
        if (secret.key(key) != nullptr) continue;
        std::string other = stand_in(secret, key);
        if (other.empty()) continue;
        std::string_view path = trim(release.text(e->path));
        std::string dir(path.substr(0, path.size() - facts::basename(path).size()));
        std::string field(e->path.substr(e->path.rfind('.') + 1));
        suggestions +=
            fmt::format("{}{}: {}{}", suggestions.empty() ? "" : ", ", field, dir, other);
      }
      std::string fix = suggestions.empty()
                            ? std::string(
                                  "Add the missing keys to the secret, or point "
                                  "keyPath/crtPath/caPath at the keys it has.")
                            : fmt::format(
                                  "Point the values at the keys the secret has ({}), or "
                                  "rename its keys.",
                                  suggestions);
      std::string where = secrets::where_text(copy.namespaces);
      std::string message = fmt::format(
          "{} '{}' ({}) {} is incomplete: {}; its keys are: {}. Without them the Kafka client "
          "silently falls back to one-way TLS. {}",
          used->reference->description, used->secret, used->reference->path, where, problems,
          secrets::key_list(secret), fix);
      Finding finding =
          out.finding(message, used->where,
                      fmt::format("{}={};mtls;namespace={};{}", used->reference->path, used->secret,
                                  secrets::namespaces_text(copy.namespaces), copy.signature));
      finding.related.push_back(secrets::secret_keys_related(secret));
      for (const auto& p : copy.problems) {
        if (!p.related_text.empty() && p.where.known()) {
          finding.related.push_back(RelatedLocation{p.where, p.related_text});
        }
      }
      out.add(std::move(finding), release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_MtlsSecretIncomplete() {
  return std::make_unique<FunctionRule>(rule_info("SL205"), check);
}

}  // namespace seldon_lint
