// Internal to the YAML reader (yaml_tree_builder.cpp builds trees from
// tree-sitter, yaml_cpp_fallback.cpp asks yaml-cpp): what both builders share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "linter/base/position_index.hpp"
#include "linter/parse/yaml_parser.hpp"

namespace seldon_lint::yaml_internal {

// Where the parsed text sits in its file.  Every position is the file's, so
// a document parsed from one chunk of a stream, or a YAML block embedded in
// another file, needs no mapping afterwards, and no copy of the file is made.
struct Frame {
  std::string_view file_text;
  const std::vector<uint32_t>& line_starts;  // of file_text
  const PositionIndex& index;                // over [base, base + parsed size)
  uint32_t base = 0;                         // offset of the parsed text in the file

  Position at(uint32_t local) const { return index.at(base + local); }
  Frame shifted(uint32_t by) const { return Frame{file_text, line_starts, index, base + by}; }
};

inline bool is_plain_null(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// YAML merge keys (`<<: *base`): keys already present win.  A set of the
// keys present keeps this linear: a linear lookup per merged key was
// quadratic for big anchored maps.
inline void apply_merge(yaml::Node& map, const yaml::Node& merge,
                        std::unordered_set<std::string>& present, unsigned depth = 0) {
  if (merge.kind == yaml::Kind::Seq && depth == 0) {  // `<<: [*a, *b]`; no deeper nesting in YAML
    for (const yaml::Node& item : merge.items) apply_merge(map, item, present, depth + 1);
    return;
  }
  if (merge.kind != yaml::Kind::Map) return;
  for (const auto& entry : merge.entries) {
    if (present.insert(entry.key).second) map.entries.push_back(entry);
  }
}

inline void apply_merges(yaml::Node& map, const std::vector<yaml::Node>& merges) {
  if (merges.empty()) return;
  std::unordered_set<std::string> present;
  for (const auto& entry : map.entries) present.insert(entry.key);
  for (const yaml::Node& merge : merges) apply_merge(map, merge, present);
}

// yaml-cpp's verdict on text tree-sitter flagged: true (with the position and
// message of the first error) when YAML rejects it.
bool yaml_cpp_rejects(std::string_view text, const Frame& frame, Position& where,
                      std::string& message);

// The documents of text yaml-cpp accepts but tree-sitter cannot parse, from
// yaml-cpp's tree: start positions only.
void parse_with_yaml_cpp(std::string_view text, const Frame& frame, const YamlParseOptions& options,
                         YamlParseResult& result);

}  // namespace seldon_lint::yaml_internal
