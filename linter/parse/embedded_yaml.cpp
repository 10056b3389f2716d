#include "linter/parse/embedded_yaml.hpp"

#include <algorithm>
#include <string>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

using yaml::Node;

void set_file_ranges(Node& node, FileId file, Range range) {
  node.file = file;
  node.range = range;
  for (auto& e : node.entries) {
    e.key_file = file;
    e.key_range = range;
    set_file_ranges(e.value, file, range);
  }
  for (auto& i : node.items) set_file_ranges(i, file, range);
}

}  // namespace

std::optional<Node> parse_embedded_yaml(const SourceFile& file, FileId id, const Node& scalar,
                                        YamlParser& parser) {
  if (!scalar.is_scalar() || scalar.scalar.empty()) return std::nullopt;
  YamlParseOptions options;
  options.file = id;
  bool exact = scalar.style == yaml::Style::Literal && scalar.file == id && scalar.range.known() &&
               scalar.range.begin.line < file.line_starts.size();
  if (exact) {
    // Parse only the block's content lines, with the file's positions: the
    // embedded document sits at the same offsets, lines and columns as in the
    // file.  (Blanking the rest of a copy of the file cost the whole file per
    // block: quadratic in a file of many `helm.values` blocks.)
    uint32_t content_begin = file.line_starts[scalar.range.begin.line];  // line after `|`
    uint32_t content_end =
        std::min<uint32_t>(scalar.range.end.offset, static_cast<uint32_t>(file.text.size()));
    if (content_begin < content_end) {
      YamlParseResult result =
          parser.parse_region(file.text, file.line_starts, content_begin, content_end, options);
      if (!result.syntax_error && !result.documents.empty() &&
          result.documents.front().root.is_map()) {
        return std::move(result.documents.front().root);
      }
      if (result.syntax_error) return std::nullopt;
    }
  }
  std::string text = scalar.scalar;
  auto starts = compute_line_starts(text);
  options.file = id;
  YamlParseResult result = parser.parse(text, starts, options);
  if (result.syntax_error || result.documents.empty() || !result.documents.front().root.is_map()) {
    return std::nullopt;
  }
  Node root = std::move(result.documents.front().root);
  set_file_ranges(root, scalar.file, scalar.range);
  return root;
}

}  // namespace seldon_lint
