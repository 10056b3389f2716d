// Small helpers shared by the tree-sitter based readers (Terraform, Bicep).
#pragma once

#include <tree_sitter/api.h>

#include <cstring>
#include <string>
#include <string_view>

namespace seldon_lint::ts {

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

inline bool is(TSNode node, const char* type) {
  return std::strcmp(ts_node_type(node), type) == 0;
}

// The source text of a node; empty when its range does not fit the text.
inline std::string_view node_text(const std::string& text, TSNode node) {
  uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
  if (b > e || e > text.size()) return {};
  return std::string_view(text).substr(b, e - b);
}

// A literal attribute value; Unknown for variables and expressions.
struct Literal {
  enum class Type { Unknown, String, Number, Bool, Null } type = Type::Unknown;
  std::string text;
};

}  // namespace seldon_lint::ts
