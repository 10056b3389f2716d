// `seldon-lint values`: each Seldon release's effective values (chart
// defaults the linter knows merged with every values layer, in Helm's order),
// every leaf with where it came from.  Values that look like credentials are
// never printed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct ValuesView {
  const Model* model = nullptr;
  std::vector<const Release*> releases;  // in output order
  std::string tool_version;
};

// YAML with `# origin` comments, one document per release.
void write_values_yaml(const ValuesView& view, std::ostream& out);
// The same as data: {"version", "note", "releases": [{..., "values", "leaves"}]}.
void write_values_json(const ValuesView& view, std::ostream& out);

// What a leaf shows instead of its value when it looks like a credential.
inline constexpr const char* kRedacted = "<redacted: looks like a credential>";

}  // namespace seldon_lint
