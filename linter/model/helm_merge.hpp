// Helm's values merge, kept apart so every values source (values files, Flux,
// Argo CD, Kustomize, helmfile) feeds it the same way: ordered layers, maps
// merge deeply, lists and scalars replace, `null` deletes a key.
#pragma once

#include <vector>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint {

// Merges `overlay` onto `base` in place.  Nodes taken from `overlay` keep their
// file and range, so the merged tree says which layer set each value.
void helm_merge(yaml::Node& base, const yaml::Node& overlay);

// Chart defaults, then each layer in order (lowest priority first).
yaml::Node merge_layers(const yaml::Node& defaults, const std::vector<const yaml::Node*>& layers);

// Sets a dotted path (`a.b.c`) in a map tree, creating maps on the way; used
// to turn `--set`-style parameters into a layer.
void set_path(yaml::Node& root, const std::vector<std::string>& path, yaml::Node value);

}  // namespace seldon_lint
