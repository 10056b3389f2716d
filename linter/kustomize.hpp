// Kustomize overlays: which namespace and environment each included file
// lands in.  `namespace:` of the outermost kustomization wins, and a shared
// base takes the environment of every overlay that includes it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct Placement {
  std::string namespace_name;  // empty: the manifest's own namespace applies
  std::string environment;
};

// Files reached through some kustomization, with every placement.
std::map<FileId, std::vector<Placement>> compute_kustomize_placements(const Model& model);

// Joins a relative reference to the folder of `from` ("a/b/kustomization.yaml",
// "../base" → "a/base"); empty when it leaves the root or is a remote URL.
std::string resolve_relative(const std::string& from, const std::string& reference);

}  // namespace seldon_lint
