// Internal to the YAML reader: builds yaml::Node trees (positions, anchors
// and aliases, merge keys, tags, scalar decoding) from a tree-sitter parse,
// within the node and depth bounds.  yaml_parser.cpp drives it.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "linter/parse/yaml_internal.hpp"
#include "linter/parse/yaml_parser.hpp"

namespace seldon_lint::yaml_internal {

struct Symbols;  // the grammar's symbols, resolved once

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, const Frame& frame, const YamlParseOptions& options);

  size_t nodes_built() const { return node_count_; }

  bool limit_exceeded() const { return !limit_message_.empty(); }
  const std::string& limit_message() const { return limit_message_; }
  bool has_alias_error() const { return alias_error_offset_ != UINT32_MAX; }
  uint32_t alias_error_offset() const { return alias_error_offset_; }
  const std::string& alias_error() const { return alias_error_; }

  // Appends every error-free document under the stream `root` to `out`;
  // false when a bound was hit.
  bool collect_documents(TSNode root, std::vector<yaml::Document>& out);
  yaml::Document build_document(TSNode document);
  void collect_comments(TSNode node, std::vector<yaml::Comment>& out);
  Range range_of(TSNode n) const;

 private:
  std::string_view slice(TSNode n) const;
  bool budget(unsigned depth, size_t nodes = 1);
  static size_t count_nodes(const yaml::Node& n);
  yaml::Node null_at(TSNode n) const;
  // block_node / flow_node: optional anchor and tag, then the content.
  yaml::Node build(TSNode n, unsigned depth);
  static void apply_tag(yaml::Node& node, const std::string& tag);
  yaml::Node build_content(TSNode n, unsigned depth);
  yaml::Node resolve_alias(TSNode n);
  std::string scalar_key(TSNode key_node, unsigned depth);
  yaml::Node build_mapping(TSNode n, unsigned depth);
  yaml::Node build_sequence(TSNode n, unsigned depth);
  yaml::Node build_scalar(TSNode n);
  std::string decode_with_yaml_cpp(std::string_view raw, TSNode n) const;

  std::string_view text_;  // the parsed text (tree-sitter offsets are into it)
  Frame frame_;
  const YamlParseOptions& options_;
  const Symbols& sym_;
  std::unordered_map<std::string, yaml::Node> anchors_;
  size_t node_count_ = 0;
  std::string limit_message_;
  uint32_t alias_error_offset_ = UINT32_MAX;
  std::string alias_error_;
};

}  // namespace seldon_lint::yaml_internal
