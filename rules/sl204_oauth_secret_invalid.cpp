#include "linter/base/text.hpp"
#include "linter/model/facts/providers.hpp"
#include "rules/rule_support.hpp"
#include "rules/secret_support.hpp"

namespace seldon_lint {
namespace {

std::vector<secrets::Problem> check_secret(const SecretRecord& secret, bool confluent) {
  std::vector<secrets::Problem> problems;
  std::vector<std::string> missing;
  for (const auto& wanted : facts::oauth_secret_keys()) {
    if (secret.key(wanted) == nullptr) missing.push_back(wanted);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    problems.push_back({fmt::format("missing key{} {}", missing.size() > 1 ? "s" : "", list),
                        secret.location, "the secret"});
  }
  auto visible = [&](std::string_view name) -> const SecretKey* {
    const SecretKey* key = secret.key(name);
    return key != nullptr && key->value_visible ? key : nullptr;
  };
  auto add = [&](const SecretKey& key, std::string text) {
    problems.push_back({std::move(text), key.location, fmt::format("key '{}'", key.name)});
  };
  for (const char* required : {"method", "client_id", "client_secret", "token_endpoint_url"}) {
    if (const SecretKey* key = visible(required); key != nullptr && trim(key->value).empty()) {
      add(*key, fmt::format("'{}' is empty", required));
    }
  }
  if (const SecretKey* key = visible("method"); key != nullptr && !trim(key->value).empty()) {
    std::string method = to_lower(trim(key->value));
    if (method != "oidc" && method != "default") add(*key, "'method' is not oidc or default");
  }
  if (const SecretKey* key = visible("token_endpoint_url");
      key != nullptr && !trim(key->value).empty() &&
      !to_lower(trim(key->value)).starts_with("https://")) {
    add(*key, "'token_endpoint_url' is not an https:// URL");
  }
  if (const SecretKey* key = visible("extensions")) {
    std::string_view text = trim(key->value);
    bool malformed = false, prefixed = false;
    bool logical_cluster = false, identity_pool = false;
    if (!text.empty()) {
      for (auto item : split(text, ',')) {
        item = trim(item);
        size_t eq = item.find('=');
        if (item.empty() || eq == std::string_view::npos || trim(item.substr(0, eq)).empty()) {
          malformed = true;
          continue;
        }
        std::string_view name = trim(item.substr(0, eq));
        if (name.starts_with("extension_")) {
          prefixed = true;
          name.remove_prefix(std::string_view("extension_").size());
        }
        if (name == "logicalCluster") logical_cluster = true;
        if (name == "identityPoolId") identity_pool = true;
      }
    }
    if (malformed) add(*key, "'extensions' is not a comma-separated list of key=value");
    if (prefixed)
      add(*key, "'extensions' keys carry the 'extension_' prefix (write them without it)");
    if (confluent && !(logical_cluster && identity_pool)) {
      std::string lacking = !logical_cluster && !identity_pool ? "logicalCluster and identityPoolId"
                            : !logical_cluster                 ? "logicalCluster"
                                                               : "identityPoolId";
      add(*key, fmt::format("'extensions' lacks {} (Confluent Cloud needs both)", lacking));
    }
  }
  return problems;
}

void check(const Model& model, Reporter& out) {
  secrets::RuntimeNamespaces runtime_namespaces(model);
  for (const auto& release : model.releases) {
    // Unknown is not absent: a value an unreadable layer could set is not judged.
    if (!release.known_all({secrets::kMechanism, "kafka.bootstrap"})) continue;
    if (release.text(secrets::kMechanism) != "OAUTHBEARER") continue;
    auto used = secrets::used_reference(release, secrets::kSaslSecret);
    if (!used) continue;
    bool confluent = release.broker.is("confluent-cloud");
    auto copies = secrets::incomplete_copies(
        model, runtime_namespaces, release, used->secret, confluent ? "confluent" : "",
        [&](const SecretRecord& secret) { return check_secret(secret, confluent); });
    for (const auto& copy : copies) {
      const SecretRecord& secret = *copy.secret;
      std::string problems;
      for (const auto& p : copy.problems) problems += (problems.empty() ? "" : "; ") + p.text;
      std::string where = secrets::where_text(copy.namespaces);
      std::string message = fmt::format(
          "{} '{}' ({}) {} is not a valid OAUTHBEARER secret: {}. It must hold method (oidc), "
          "client_id, client_secret, scope, token_endpoint_url (https://) and extensions "
          "(key=value,...; scope and extensions may be empty).",
          used->reference->description, used->secret, used->reference->path, where, problems);
      Finding finding = out.finding(
          message, used->where,
          fmt::format("{}={};oauth;namespace={};{}", used->reference->path, used->secret,
                      secrets::namespaces_text(copy.namespaces), copy.signature));
      finding.related.push_back(secrets::secret_keys_related(secret));
      for (const auto& p : copy.problems) {
        if (p.where.known() &&
            !(p.where.file == secret.location.file &&
              p.where.range.begin.offset == secret.location.range.begin.offset)) {
          finding.related.push_back(RelatedLocation{p.where, p.text});
        }
      }
      out.add(std::move(finding), release);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_OauthSecretInvalid() {
  return std::make_unique<FunctionRule>(rule_info("SL204"), check);
}

}  // namespace seldon_lint
