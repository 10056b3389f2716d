// Helm `--set` parameters: Argo CD `helm.parameters`, helmfile `set`, Flux
// `valuesFrom.targetPath`.
#pragma once

#include <string_view>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint {

// Helm `--set` semantics: `a.b[0].c`, `a\.b` (escaped dot); the value node keeps
// its position; "null" deletes the key unless `force_string`.
void set_parameter(yaml::Node& root, std::string_view name, yaml::Node value, Location key_location,
                   bool force_string = false);

}  // namespace seldon_lint
