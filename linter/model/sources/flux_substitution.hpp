// Flux `postBuild` variable syntax (kustomize.toolkit.fluxcd.io).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seldon_lint {

// `${VAR}` references in a text (without `$${` escapes); `has_default` for
// `${VAR:=x}` / `${VAR:-x}` / `${VAR=x}` forms.
struct VariableRef {
  std::string name;
  bool has_default = false;
  std::string default_value;
  size_t begin = 0, end = 0;  // byte range of `${...}` in the text
};
std::vector<VariableRef> find_variables(std::string_view text);

}  // namespace seldon_lint
