// Feeds arbitrary bytes to the YAML parser exactly as the linter does:
// UTF-8 check, then one tree-sitter parse with tree building and comments.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "linter/base/text.hpp"
#include "linter/parse/yaml_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!seldon_lint::is_valid_utf8(text)) return 0;  // SL002 before any parse
  if (text.find('\0') != std::string_view::npos) return 0;
  static seldon_lint::YamlParser parser;
  seldon_lint::YamlParseOptions options;
  options.file = 0;
  options.want_comments = true;
  options.limits.timeout_ms = 2000;
  auto starts = seldon_lint::compute_line_starts(text);
  auto result = parser.parse(text, starts, options);
  (void)result;
  return 0;
}
