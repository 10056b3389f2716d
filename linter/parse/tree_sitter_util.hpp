// Small helpers shared by the tree-sitter based readers (Terraform, Bicep).
#pragma once

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstdint>
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

// The parse work budget of the Terraform and Bicep readers, as the YAML
// parser's: 64 tree-sitter operations per byte, at least 1,000,000, counted
// (tree-sitter reports progress about every 100 operations), not timed, so
// the same under any load and any --jobs.
struct ParseBudget {
  static constexpr uint64_t kOperationsPerByte = 64;
  static constexpr uint64_t kMinOperations = 1'000'000;
  static constexpr uint64_t kOperationsPerCheck = 100;
  uint64_t checks_left = 0;
  uint64_t checks = 0;  // progress reports seen: work done, in units of ~100 operations
  bool exhausted = false;

  explicit ParseBudget(size_t bytes)
      : checks_left(std::max<uint64_t>(kMinOperations, uint64_t{bytes} * kOperationsPerByte) /
                        kOperationsPerCheck +
                    1) {}
  std::string message() const {
    return "parsing needed more than " + std::to_string(kOperationsPerByte) +
           " parser operations per byte (the work budget)";
  }
};

// Parses `text` within `budget`; null when the budget ran out (or the parse failed).
inline TSTree* parse_within_budget(TSParser* parser, const std::string& text, ParseBudget& budget) {
  TSParseOptions options{&budget, [](TSParseState* state) {
                           auto* b = static_cast<ParseBudget*>(state->payload);
                           ++b->checks;
                           if (b->checks_left == 0) {
                             b->exhausted = true;
                             return true;
                           }
                           --b->checks_left;
                           return false;
                         }};
  struct Source {
    const std::string* text;
  } source{&text};
  TSInput input{};
  input.payload = &source;
  input.encoding = TSInputEncodingUTF8;
  input.read = [](void* payload, uint32_t byte, TSPoint, uint32_t* bytes_read) -> const char* {
    const std::string& t = *static_cast<Source*>(payload)->text;
    if (byte >= t.size()) {
      *bytes_read = 0;
      return "";
    }
    *bytes_read = static_cast<uint32_t>(t.size() - byte);
    return t.data() + byte;
  };
  return ts_parser_parse_with_options(parser, nullptr, input, options);
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
