// Small read helpers over the YAML tree shared by the model's object and
// values-source readers (model-internal).
#pragma once

#include <string>
#include <string_view>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint {

// The scalar text of a node, or "" when absent or not a scalar.
inline std::string scalar_of(const yaml::Node* node) {
  return node != nullptr && node->is_scalar() ? node->scalar : std::string();
}

// The scalar text at a dotted path, or "" when absent or not a scalar.
inline std::string scalar_at(const yaml::Node* root, std::string_view path) {
  const yaml::Node* n = root == nullptr ? nullptr : root->at(path);
  return n == nullptr ? std::string() : std::string(n->str());
}

// Where the node at a dotted path is; unknown when absent.
inline Location location_at(const yaml::Node* root, std::string_view path) {
  const yaml::Node* n = root == nullptr ? nullptr : root->at(path);
  return n == nullptr ? Location{} : n->location();
}

// Where a finding about a whole document points when nothing better exists.
inline Location first_key(const yaml::Node& root) {
  if (root.is_map() && !root.entries.empty()) {
    return Location{root.entries.front().key_file, root.entries.front().key_range};
  }
  return root.location();
}

// `apiVersion` is `group/version` (or the bare group) of `group`.
inline bool api_group_is(std::string_view api_version, std::string_view group) {
  return api_version == group ||
         (api_version.size() > group.size() && api_version.starts_with(group) &&
          api_version[group.size()] == '/');
}

}  // namespace seldon_lint
