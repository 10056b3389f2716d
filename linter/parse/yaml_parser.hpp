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
  unsigned timeout_ms = 5000;    // tree-sitter parse time bound
};

struct YamlParseResult {
  std::vector<yaml::Document> documents;  // every document that parsed cleanly
  std::vector<yaml::Comment> comments;    // only when requested
  bool syntax_error = false;              // SL001
  Position error_position;
  std::string error_message;
  bool limit_exceeded = false;  // SL002: too deep, too many nodes, too slow
  std::string limit_message;
};

struct YamlParseOptions {
  FileId file = kNoFile;
  bool want_comments = false;
  bool want_documents = true;  // false: syntax check only
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

 private:
  TSTree* parse_tree(std::string_view text, unsigned timeout_ms);
  void recover_documents(std::string_view text, const std::vector<uint32_t>& line_starts,
                         const YamlParseOptions& options, YamlParseResult& result);
  TSParser* parser_;
};

// Parses a standalone YAML string that is embedded in another file (an Argo CD
// `helm.values` block scalar): positions are mapped back through `line_map`,
// giving for each line of `text` the file offset where that line starts.
// (Used by later input sources; kept here so all YAML parsing lives in one module.)

}  // namespace seldon_lint
