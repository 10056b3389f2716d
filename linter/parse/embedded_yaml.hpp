// YAML documents embedded in string scalars of a file: an Argo CD
// `helm.values`, a ConfigMap's `values.yaml`, an inline Kustomize patch.
#pragma once

#include <optional>

#include "linter/parse/yaml_parser.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

// The YAML map embedded in the string scalar `scalar` of `file`.  Literal
// block scalars keep exact positions: their content lines are the file's
// lines.  Other styles are parsed from the decoded text and every node points
// at the scalar.  nullopt when the text is not a YAML map.
std::optional<yaml::Node> parse_embedded_yaml(const SourceFile& file, FileId id,
                                              const yaml::Node& scalar, YamlParser& parser);

}  // namespace seldon_lint
