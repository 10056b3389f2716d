#include "linter/model/objects/object_context.hpp"

#include "linter/base/text.hpp"
#include "linter/model/node_access.hpp"

namespace seldon_lint {

std::string ObjectContext::own_namespace(const ObjectRef& obj) {
  return scalar_at(obj.root, "metadata.namespace");
}

std::vector<Placement> ObjectContext::placements(const ObjectRef& obj) const {
  std::string ns = own_namespace(obj);
  std::optional<std::span<const Placement>> places = placed_at(obj);
  if (!places) return {Placement{ns, model.files[obj.file].environment, {}, -1}};
  std::vector<Placement> out(places->begin(), places->end());
  for (auto& p : out) {
    if (p.namespace_name.empty()) p.namespace_name = ns;
  }
  return out;
}

std::string ObjectContext::namespace_of(const ObjectRef& obj) const {
  // placements(obj).front(), without copying every placement of the file.
  std::optional<std::span<const Placement>> places = placed_at(obj);
  if (places && !places->empty() && !places->front().namespace_name.empty()) {
    return places->front().namespace_name;
  }
  return own_namespace(obj);
}

SecretRecord ObjectContext::new_secret(const ObjectRef& obj, std::string name,
                                       std::string provider) const {
  SecretRecord secret;
  secret.name = std::move(name);
  secret.namespace_name = namespace_of(obj);
  secret.environment = model.files[obj.file].environment;
  secret.provider = std::move(provider);
  secret.location = location_at(obj.root, "metadata.name");
  if (!secret.location.known()) secret.location = first_key(*obj.root);
  // The secret takes the object's (renamed) name: `x`, or `x-cluster-ca-cert`.
  std::string current = scalar_at(obj.root, "metadata.name");
  if (obj.rename != nullptr && !obj.rename->original_name.empty() && !current.empty() &&
      starts_with(secret.name, current)) {
    secret.renamed_from = obj.rename->original_name + secret.name.substr(current.size());
    secret.rename_reason = obj.rename->reason;
  }
  return secret;
}

}  // namespace seldon_lint
