// Internal to the YAML reader: a fast reader for the plain block YAML most
// Kubernetes manifests are written in (block mappings and sequences of
// single-line scalars).  It builds exactly the tree the tree-sitter path
// would, positions included, and declines anything outside that subset, so
// the caller falls back to tree-sitter for the rest.
#pragma once

#include <string_view>

#include "linter/parse/yaml_internal.hpp"
#include "linter/parse/yaml_parser.hpp"

namespace seldon_lint::yaml_internal {

// True when `text` is entirely in the subset: `result` then holds its
// documents (and the work done).  False when the text uses anything else
// (flow collections, block scalars, anchors, tags, multi-line or quoted
// escapes, tabs, CR, directives...) or may be invalid: `result` is untouched.
// Declining is always safe; accepting promises the same documents as the
// tree-sitter path (tests/yaml_block_reader_test.cpp compares both).
bool read_block_yaml(std::string_view text, const Frame& frame, const YamlParseOptions& options,
                     YamlParseResult& result);

}  // namespace seldon_lint::yaml_internal
