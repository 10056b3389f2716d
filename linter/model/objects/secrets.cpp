// Secrets committed or declared in the repository: Secret (plain or SOPS),
// SealedSecret, ExternalSecret, ClusterExternalSecret, and the config's
// `externalSecrets` (created outside the repository).
#include "linter/base/base64.hpp"
#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"
#include "linter/model/objects/object_context.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

void add_keys(SecretRecord& secret, const Node* map) {
  if (map == nullptr || !map->is_map()) return;
  for (const auto& entry : map->entries) {
    SecretKey key;
    key.name = entry.key;
    key.location = Location{entry.key_file, entry.key_range};
    secret.keys.push_back(std::move(key));
  }
}

// The keys an ExternalSecret spec writes, when it shows them.
void add_external_secret_keys(SecretRecord& secret, const Node* spec) {
  const Node* template_data = spec == nullptr ? nullptr : spec->at("target.template.data");
  // templateFrom and a merging template add keys the repository does not show.
  bool template_hides =
      spec != nullptr && (spec->at("target.template.templateFrom") != nullptr ||
                          scalar_at(spec, "target.template.mergePolicy") == "Merge");
  if (template_data != nullptr && template_data->is_map()) {
    if (template_hides) return;
    secret.keys_known = true;
    add_keys(secret, template_data);
  } else if (spec != nullptr && spec->find("dataFrom") == nullptr && !template_hides) {
    secret.keys_known = true;
    if (const Node* data = spec->find("data"); data != nullptr && data->is_seq()) {
      for (const auto& item : data->items) {
        if (const Node* key = item.find("secretKey"); key != nullptr && key->is_scalar()) {
          secret.keys.push_back(SecretKey{key->scalar, key->location(), false, {}, false});
        }
      }
    }
  }
}

}  // namespace

void visit_secret(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  bool sops = root.find("sops") != nullptr;
  SecretRecord secret =
      ctx.new_secret(obj, scalar_at(&root, "metadata.name"), sops ? "SOPS Secret" : "Secret");
  secret.keys_known = true;
  secret.plaintext = !sops;
  if (const Node* data = root.find("data"); data != nullptr && data->is_map()) {
    for (const auto& entry : data->entries) {
      SecretKey key;
      key.name = entry.key;
      key.location = Location{entry.key_file, entry.key_range};
      if (!sops && entry.value.is_scalar()) {
        key.value_visible = decode_base64(entry.value.scalar, key.value);
        key.base64_invalid = !key.value_visible;
      }
      secret.keys.push_back(std::move(key));
    }
  }
  if (const Node* data = root.find("stringData"); data != nullptr && data->is_map()) {
    for (const auto& entry : data->entries) {
      SecretKey key;
      key.name = entry.key;
      key.location = Location{entry.key_file, entry.key_range};
      if (!sops && entry.value.is_scalar()) {
        key.value_visible = true;
        key.value = entry.value.scalar;
      }
      secret.keys.push_back(std::move(key));
    }
  }
  const Node* annotations = root.at("metadata.annotations");
  if (is_mirror(annotations)) {
    // A reflector/replicator mirror: its content is copied from the source
    // secret at run time, so the keys written here (usually none) say nothing.
    secret.keys_known = false;
    secret.plaintext = false;
    secret.provider += " (mirror)";
  }
  add_reflected_copies(ctx, secret, annotations);
  ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
}

void visit_sealed_secret(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  std::string name = scalar_at(&root, "spec.template.metadata.name");
  if (name.empty()) name = scalar_at(&root, "metadata.name");
  SecretRecord secret = ctx.new_secret(obj, name, "SealedSecret");
  std::string template_ns = scalar_at(&root, "spec.template.metadata.namespace");
  if (!template_ns.empty() && !ctx.placed_by_kustomize(obj.file)) {
    secret.namespace_name = template_ns;
  }
  secret.keys_known = true;
  add_keys(secret, root.at("spec.encryptedData"));
  add_reflected_copies(ctx, secret, root.at("spec.template.metadata.annotations"));
  ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
}

void visit_external_secret(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  const Node* spec = root.find("spec");
  std::string name = scalar_at(spec, "target.name");
  if (name.empty()) name = scalar_at(&root, "metadata.name");
  SecretRecord secret = ctx.new_secret(obj, name, "ExternalSecret");
  add_external_secret_keys(secret, spec);
  add_reflected_copies(ctx, secret, root.at("spec.target.template.metadata.annotations"));
  ctx.add_placed(obj, std::move(secret), ctx.model.secrets);
}

// A ClusterExternalSecret creates one ExternalSecret per selected namespace:
// those of `spec.namespaces`, or, with a label selector, namespaces the
// repository cannot name (the record then fits any namespace).
void visit_cluster_external_secret(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  const Node* spec = root.at("spec.externalSecretSpec");
  std::string name = scalar_at(spec, "target.name");
  if (name.empty()) name = scalar_at(&root, "spec.externalSecretName");
  if (name.empty()) name = scalar_at(&root, "metadata.name");
  SecretRecord secret = ctx.new_secret(obj, name, "ClusterExternalSecret");
  secret.namespace_name.clear();
  add_external_secret_keys(secret, spec);
  std::vector<std::string> namespaces;
  if (const Node* list = root.at("spec.namespaces"); list != nullptr && list->is_seq()) {
    for (const auto& item : list->items) {
      if (item.is_scalar() && !trim(item.scalar).empty()) {
        namespaces.emplace_back(trim(item.scalar));
      }
    }
  }
  bool selector =
      root.at("spec.namespaceSelector") != nullptr || root.at("spec.namespaceSelectors") != nullptr;
  if (namespaces.empty() || selector) namespaces.emplace_back();
  for (const auto& ns : namespaces) {
    SecretRecord copy = secret;
    copy.namespace_name = ns;
    copy.environment = ctx.model.files[obj.file].environment;
    add_reflected_copies(
        ctx, copy, spec == nullptr ? nullptr : spec->at("target.template.metadata.annotations"));
    ctx.model.secrets.push_back(std::move(copy));
  }
}

void add_configured_external_secrets(ObjectContext& ctx, const Config& config) {
  for (const auto& configured : config.external_secrets) {
    std::vector<std::string> namespaces = configured.namespaces;
    if (namespaces.empty()) namespaces.push_back("");  // any namespace
    for (const auto& ns : namespaces) {
      SecretRecord secret;
      secret.name = configured.name;
      secret.namespace_name = ns;
      secret.environment = "default";
      secret.provider = "externalSecrets (config)";
      secret.keys_known = configured.keys_known;
      for (const auto& k : configured.keys)
        secret.keys.push_back(SecretKey{k, {}, false, {}, false});
      ctx.model.secrets.push_back(std::move(secret));
    }
  }
}

}  // namespace seldon_lint
