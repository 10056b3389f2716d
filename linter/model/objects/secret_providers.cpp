// Operators that write secrets with known keys: Strimzi KafkaUser and Kafka
// cluster CA, cert-manager Certificate, Azure Service Operator `operatorSpec.secrets`.
#include <fmt/format.h>
#include <map>
#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

void add_fixed_keys(SecretRecord& secret, std::initializer_list<const char*> keys) {
  secret.keys_known = true;
  for (const char* k : keys) secret.keys.push_back(SecretKey{k, secret.location, false, {}, false});
}

}  // namespace

void visit_kafka_user(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  SecretRecord secret = ctx.new_secret(obj, scalar_at(&root, "metadata.name"), "Strimzi KafkaUser");
  std::string auth = scalar_at(&root, "spec.authentication.type");
  if (auth == "tls" || auth == "tls-external") {
    add_fixed_keys(secret, {"user.crt", "user.key", "user.p12", "user.password", "ca.crt"});
  } else if (starts_with(auth, "scram")) {
    add_fixed_keys(secret, {"password", "sasl.jaas.config"});
  }
  add_reflected_copies(ctx, secret, root.at("spec.template.secret.metadata.annotations"));
  ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
}

void visit_strimzi_kafka(ObjectContext& ctx, const ObjectRef& obj) {
  std::string cluster = scalar_at(obj.root, "metadata.name");
  if (cluster.empty()) return;
  struct CaSecret {
    const char* suffix;
    const char* template_annotations;  // Strimzi's template for that secret
  };
  for (const CaSecret& ca : {CaSecret{"-cluster-ca-cert", "clusterCaCert"},
                             CaSecret{"-clients-ca-cert", "clientsCaCert"}}) {
    SecretRecord secret = ctx.new_secret(obj, cluster + ca.suffix, "Strimzi Kafka");
    add_fixed_keys(secret, {"ca.crt", "ca.p12", "ca.password"});
    add_reflected_copies(ctx, secret,
                         obj.root->at(fmt::format("spec.kafka.template.{}.metadata.annotations",
                                                  ca.template_annotations)));
    ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
  }
}

void visit_certificate(ObjectContext& ctx, const ObjectRef& obj) {
  std::string name = scalar_at(obj.root, "spec.secretName");
  if (name.empty()) return;
  SecretRecord secret = ctx.new_secret(obj, name, "cert-manager Certificate");
  add_fixed_keys(secret, {"tls.crt", "tls.key", "ca.crt"});
  add_reflected_copies(ctx, secret, obj.root->at("spec.secretTemplate.annotations"));
  ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
}

// Azure Service Operator writes keys and connection strings into secrets.
void visit_aso_operator_secrets(ObjectContext& ctx, const ObjectRef& obj) {
  const Node* secrets = obj.root->at("spec.operatorSpec.secrets");
  if (secrets == nullptr || !secrets->is_map()) return;
  std::map<std::string, SecretRecord> by_name;
  for (const auto& entry : secrets->entries) {
    std::string name = scalar_at(&entry.value, "name");
    std::string key = scalar_at(&entry.value, "key");
    if (name.empty()) continue;
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      it = by_name.emplace(name, ctx.new_secret(obj, name, "Azure Service Operator")).first;
      it->second.keys_known = true;
      it->second.location = entry.value.location();
    }
    if (!key.empty()) {
      it->second.keys.push_back(SecretKey{key, entry.value.location(), false, {}, false});
    }
  }
  for (auto& [name, secret] : by_name) ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
}

}  // namespace seldon_lint
