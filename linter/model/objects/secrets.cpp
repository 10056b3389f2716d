// Secrets committed or declared in the repository: Secret (plain or SOPS),
// SealedSecret, ExternalSecret, ClusterExternalSecret, and the config's
// `externalSecrets` (created outside the repository).
#include <set>

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

// The keys of a Secret's `data` (base64 values) or `stringData` (plain
// values); a SOPS-encrypted Secret's values are not visible.
void add_keys(const Node* data, bool base64, bool sops, SecretRecord& secret) {
  if (data == nullptr || !data->is_map()) return;
  for (const auto& entry : data->entries) {
    SecretKey key;
    key.name = entry.key;
    key.location = Location{entry.key_file, entry.key_range};
    bool readable = !sops && entry.value.is_scalar();
    if (readable && base64) {
      key.value_visible = decode_base64(entry.value.scalar, key.value);
      key.base64_invalid = !key.value_visible;
    } else if (readable) {
      key.value_visible = true;
      key.value = entry.value.scalar;
    }
    secret.keys.push_back(std::move(key));
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
  add_keys(root.find("data"), /*base64=*/true, sops, secret);
  add_keys(root.find("stringData"), /*base64=*/false, sops, secret);
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

// A ClusterExternalSecret is placed once the repository's Namespaces are
// known (resolve_cluster_external_secrets).
void visit_cluster_external_secret(ObjectContext& ctx, const ObjectRef& obj) {
  ctx.cluster_external_secrets.push_back(obj);
}

namespace {

// The selectors of a ClusterExternalSecret: `namespaceSelectors` (ORed) and
// the older single `namespaceSelector`.
std::vector<const Node*> namespace_selectors(const Node& root) {
  std::vector<const Node*> out;
  if (const Node* one = root.at("spec.namespaceSelector"); one != nullptr && !one->is_null()) {
    out.push_back(one);
  }
  if (const Node* list = root.at("spec.namespaceSelectors"); list != nullptr && list->is_seq()) {
    for (const auto& item : list->items) out.push_back(&item);
  }
  return out;
}

// One ClusterExternalSecret: an ExternalSecret (named `externalSecretName`,
// else after the ClusterExternalSecret; its Secret `target.name`, else the
// ExternalSecret's name) in each namespace of `spec.namespaces`, ORed with
// each namespace its selectors match.  A Namespace declared in the
// repository is matched by its labels; one that is not declared here counts
// as selected (the record with an empty namespace, minus the declared
// namespaces no selector matches).
void place_cluster_external_secret(ObjectContext& ctx, const ObjectRef& obj) {
  const Node& root = *obj.root;
  const Node* spec = root.at("spec.externalSecretSpec");
  std::string name = scalar_at(spec, "target.name");
  if (name.empty()) name = scalar_at(&root, "spec.externalSecretName");
  if (name.empty()) name = scalar_at(&root, "metadata.name");
  SecretRecord secret = ctx.new_secret(obj, name, "ClusterExternalSecret");
  secret.namespace_name.clear();
  secret.environment = ctx.model.files[obj.file].environment;
  add_external_secret_keys(secret, spec);
  const Node* annotations =
      spec == nullptr ? nullptr : spec->at("target.template.metadata.annotations");
  std::set<std::string> listed;
  if (const Node* list = root.at("spec.namespaces"); list != nullptr && list->is_seq()) {
    for (const auto& item : list->items) {
      if (item.is_scalar() && !trim(item.scalar).empty()) listed.emplace(trim(item.scalar));
    }
  }
  auto place = [&](const std::string& ns, const std::string& environment) {
    SecretRecord copy = secret;
    copy.namespace_name = ns;
    if (secret.environment == "default") copy.environment = environment;
    add_reflected_copies(ctx, copy, annotations);
    ctx.model.secrets.push_back(std::move(copy));
  };
  for (const auto& ns : listed) place(ns, secret.environment);
  std::vector<const Node*> selectors = namespace_selectors(root);
  if (selectors.empty() && !listed.empty()) return;
  // With selectors (or, as before, with no namespaces at all): the declared
  // namespaces by their labels, and any undeclared one.
  SecretRecord anywhere = secret;
  for (const auto& ns : ctx.model.namespaces) {
    if (!Model::same_environment(ns.environment, secret.environment) || listed.count(ns.name)) {
      continue;
    }
    bool selected = selectors.empty();
    for (const Node* selector : selectors) {
      selected = selected || label_selector_matches(*selector, ns);
    }
    if (selected) {
      place(ns.name, ns.environment);
    } else {
      anywhere.not_in.emplace_back(ns.name, ns.environment);
    }
  }
  SecretRecord copy = std::move(anywhere);
  add_reflected_copies(ctx, copy, annotations);
  ctx.model.secrets.push_back(std::move(copy));
}

}  // namespace

void resolve_cluster_external_secrets(ObjectContext& ctx) {
  for (const auto& obj : ctx.cluster_external_secrets) place_cluster_external_secret(ctx, obj);
  ctx.cluster_external_secrets.clear();
}

void add_configured_external_secrets(ObjectContext& ctx, const Config& config) {
  for (const auto& configured : config.external_secrets) {
    std::vector<std::string> namespaces = configured.namespaces;
    if (namespaces.empty()) namespaces.emplace_back("");  // any namespace
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
