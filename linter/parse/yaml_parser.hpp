// YAML → yaml::Node trees with exact ranges.  One tree-sitter parse per file
// gives structure, positions, comments and error recovery; yaml-cpp decodes
// the scalars whose text needs YAML's escape/folding rules and has the final
// word on whether a file really is invalid.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/yaml.hpp"

struct TSParser;
struct TSTree;

namespace seldon_lint {

struct YamlLimits {
  size_t max_nodes = 500000;     // alias expansion and size bound per file
  unsigned max_depth = 200;      // nesting bound (tree building)
  size_t max_block_depth = 100;  // indentation levels, checked before parsing
  // tree-sitter's work is bounded by counting its parse operations (checked
  // every ~100): deterministic, so a file is linted or not the same way under
  // any load and any -j.  Normal YAML needs a few operations per byte; error
  // recovery on hostile input can need thousands.
  size_t max_parse_operations_per_byte = 64;
  size_t min_parse_operations = 1'000'000;
  unsigned timeout_ms = 60000;  // wall-clock backstop only; the budget above comes first
};

struct YamlParseResult {
  std::vector<yaml::Document> documents;  // every document that parsed cleanly
  std::vector<yaml::Comment> comments;    // only when requested
  bool syntax_error = false;              // SL001
  Position error_position;
  std::string error_message;
  bool limit_exceeded = false;  // SL002: too deep, too many nodes, too slow
  std::string limit_message;
  // Deterministic work done: bytes handed to a parser plus nodes built.  The
  // scaling tests check it grows linearly with the input.
  size_t work = 0;
};

struct YamlParseOptions {
  FileId file = kNoFile;
  bool want_comments = false;
  bool want_documents = true;  // false: syntax check only
  // Plain block YAML (most manifests) is read without tree-sitter, to the
  // same tree; false forces tree-sitter (the tests compare both readers).
  bool block_reader = true;
  YamlLimits limits;
};

// One per thread: owns a tree-sitter parser.
class YamlParser {
 public:
  YamlParser();
  ~YamlParser();
  YamlParser(const YamlParser&) = delete;
  YamlParser& operator=(const YamlParser&) = delete;

  // `line_starts` must be compute_line_starts(text).
  YamlParseResult parse(std::string_view text, const std::vector<uint32_t>& line_starts,
                        const YamlParseOptions& options);

  // Parses only bytes [begin, end) of a file (`begin` at a line start), as a
  // YAML stream of its own, with the file's positions: a YAML document
  // embedded in a literal block scalar (Argo CD `helm.values`).  Work is
  // linear in the region, not in the file.
  YamlParseResult parse_region(std::string_view file_text, const std::vector<uint32_t>& line_starts,
                               uint32_t begin, uint32_t end, const YamlParseOptions& options);

 private:
  TSParser* parser_;
};

}  // namespace seldon_lint
