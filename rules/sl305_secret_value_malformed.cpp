#include <set>
#include <tuple>

#include "rules/rule_support.hpp"
#include "rules/secret_values.hpp"

namespace seldon_lint {
namespace {

// What is wrong with a visible value, or empty.
std::string problem(const SecretRecord& secret, const SecretKey& key,
                    const std::set<std::pair<std::string, std::string>>& sasl) {
  if (key.base64_invalid) return "is not valid base64 (every `data` value must be base64)";
  if (!key.value_visible || secret_values::is_placeholder(key.value)) return {};
  const std::string& v = key.value;
  if (sasl.count({secret.name, key.name}) != 0 && !v.empty() &&
      (v.back() == '\n' || v.back() == '\r')) {
    return "is the SASL password Seldon reads and ends in a newline (encode it with printf "
           "'%s' or echo -n)";
  }
  if ((key.name == "ca.crt" || key.name == "tls.crt" || key.name == "user.crt") &&
      v.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return "is not a PEM certificate (-----BEGIN CERTIFICATE-----)";
  }
  if (key.name == "tls.key" || key.name == "user.key") {
    if (v.find("-----BEGIN PRIVATE KEY-----") == std::string::npos) {
      return secret_values::has_private_key_pem(v)
                 ? "is not a PKCS#8 key (Kafka clients need -----BEGIN PRIVATE KEY-----; convert "
                   "with openssl pkcs8 -topk8 -nocrypt)"
                 : "is not a PEM private key (-----BEGIN PRIVATE KEY-----)";
    }
  }
  return {};
}

void check(const Model& model, Reporter& out) {
  std::set<std::tuple<FileId, uint32_t, uint32_t>> seen;
  secret_values::SaslPasswordKeys sasl_keys(model);
  for (const auto& secret : model.secrets) {
    bool any = false;
    for (const auto& key : secret.keys) any = any || key.value_visible || key.base64_invalid;
    if (!any) continue;
    const auto& sasl = sasl_keys.in(secret.environment);
    for (const auto& key : secret.keys) {
      if (!key.location.known()) continue;
      std::string what = problem(secret, key, sasl);
      if (what.empty()) continue;
      auto id = std::make_tuple(key.location.file, key.location.range.begin.line,
                                key.location.range.begin.column);
      if (!seen.insert(id).second) continue;
      out.add(fmt::format("Secret '{}' key '{}' {}", secret.name, key.name, what), key.location,
              fmt::format("secret={};key={}", secret.name, key.name), secret);
    }
  }
}

}  // namespace

std::unique_ptr<Rule> make_SecretValueMalformed() {
  return std::make_unique<FunctionRule>(rule_info("SL305"), check);
}

}  // namespace seldon_lint
