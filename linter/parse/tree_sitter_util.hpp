// Small helpers shared by the tree-sitter based readers (Terraform, Bicep).
#pragma once

#include <tree_sitter/api.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace seldon_lint::ts {

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

// The named children of a node, in order, in time linear in their number.
// ts_node_named_child(node, i) walks the children from the first one on
// each call, so a loop over i is quadratic: minutes for a YAML map with
// 100,000 keys or a stream of 100,000 documents.
inline std::vector<TSNode> named_children(TSNode node) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (ts_node_is_named(child)) out.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

// Every child (named or not), in order, in linear time (see named_children).
inline std::vector<TSNode> children(TSNode node) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      out.push_back(ts_tree_cursor_current_node(&cursor));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

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
