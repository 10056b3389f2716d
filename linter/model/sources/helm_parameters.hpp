// Helm `--set` parameters: Argo CD `helm.parameters`, helmfile `set`, Flux
// `valuesFrom.targetPath`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "seldon_lint/yaml.hpp"

namespace seldon_lint {

// Helm's own bounds on `--set` names (helm.sh/helm/v3/pkg/strvals): a name
// nested deeper, or a list index above this, is an error to Helm, so the
// value never applies.  They also bound the linter's work and recursion.
inline constexpr size_t kMaxSetNesting = 30;
inline constexpr size_t kMaxSetIndex = 65536;

// Helm `--set` semantics: `a.b[0].c`, `a\.b` (escaped dot); the value node keeps
// its position; "null" deletes the key unless `force_string`.  Returns an
// empty string, or why the name was not applied (a Helm limit, a malformed
// index): the callers report that as SL002 at the name.
std::string set_parameter(yaml::Node& root, std::string_view name, yaml::Node value,
                          Location key_location, bool force_string = false);

}  // namespace seldon_lint
