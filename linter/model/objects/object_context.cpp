#include "linter/model/objects/object_context.hpp"

#include "linter/model/node_access.hpp"

namespace seldon_lint {

std::vector<Placement> ObjectContext::placements(FileId file, const yaml::Node& root) const {
  std::string ns = scalar_at(&root, "metadata.namespace");
  auto it = placements_.find(file);
  if (it == placements_.end()) return {Placement{ns, model.files[file].environment, {}, -1}};
  std::vector<Placement> out = it->second;
  for (auto& p : out) {
    if (p.namespace_name.empty()) p.namespace_name = ns;
  }
  return out;
}

std::string ObjectContext::namespace_of(FileId file, const yaml::Node& root) const {
  return placements(file, root).front().namespace_name;
}

SecretRecord ObjectContext::new_secret(const ObjectRef& obj, std::string name,
                                       std::string provider) const {
  SecretRecord secret;
  secret.name = std::move(name);
  secret.namespace_name = namespace_of(obj.file, *obj.root);
  secret.environment = model.files[obj.file].environment;
  secret.provider = std::move(provider);
  secret.location = location_at(obj.root, "metadata.name");
  if (!secret.location.known()) secret.location = first_key(*obj.root);
  return secret;
}

}  // namespace seldon_lint
