// The YAML tree the linter works on: values with exact source ranges.
// Built from tree-sitter-yaml's concrete syntax tree (positions, comments,
// error recovery) with scalar semantics from yaml-cpp
// (linter/parse/yaml_tree_builder.cpp).
// Aliases are expanded as copies of the anchored node, within a node budget,
// so every node keeps the position of the text that defined it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint::yaml {

enum class Kind : unsigned char { Null, Scalar, Map, Seq };
enum class Style : unsigned char { None, Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Entry;

// A node's explicit tag ("!!str"), held out of line: few nodes have one, and
// an inline std::string made every node 24 bytes larger.
class Tag {
 public:
  Tag() = default;
  Tag(const Tag& other) { *this = other.view(); }
  Tag(Tag&&) noexcept = default;
  Tag& operator=(const Tag& other) {
    if (this != &other) *this = other.view();
    return *this;
  }
  Tag& operator=(Tag&&) noexcept = default;
  ~Tag() = default;

  Tag& operator=(std::string_view text) {
    text_ = text.empty() ? nullptr : std::make_unique<std::string>(text);
    return *this;
  }
  bool empty() const { return text_ == nullptr; }
  std::string_view view() const { return text_ ? std::string_view(*text_) : std::string_view(); }
  std::string str() const { return std::string(view()); }
  friend bool operator==(const Tag& a, const Tag& b) { return a.view() == b.view(); }
  friend bool operator==(const Tag& a, std::string_view b) { return a.view() == b; }

 private:
  std::unique_ptr<std::string> text_;
};

struct Node {
  Kind kind = Kind::Null;
  Style style = Style::None;
  FileId file = kNoFile;  // where this node's text is; kNoFile for synthetic values
  Range range;
  Tag tag;                     // e.g. "!!str"; empty when untagged
  std::string scalar;          // decoded text of a scalar
  std::vector<Entry> entries;  // Kind::Map, in source order
  std::vector<Node> items;     // Kind::Seq

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  // Map lookup; nullptr when absent or not a map.
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  const Entry* find_entry(std::string_view key) const;
  // Dotted path lookup ("security.kafka.protocol"); keys never contain dots here.
  const Node* at(std::string_view dotted_path) const;
  // Scalar text, or `fallback` when not a scalar.
  std::string_view str(std::string_view fallback = {}) const;
  Location location() const { return Location{file, range}; }
};

struct Entry {
  std::string key;
  FileId key_file = kNoFile;  // file holding the key (merged trees mix files)
  Range key_range;
  Node value;
};

struct Document {
  Node root;
  Range range;
};

struct Comment {
  Range range;
  std::string text;  // including the leading '#'
};

// YAML's plain-scalar truthiness ("true", "True", "TRUE", "yes"... are not YAML 1.2
// booleans, but Helm's parser accepts true/false only).
// Same ranges (line, column and offset at both ends).
bool same_range(const Range& a, const Range& b);
// Same tree, positions, files, styles and tags included (the YAML readers
// and the parse cache must agree to the byte).
bool same_tree(const Node& a, const Node& b);

bool is_true(const Node* node);
bool is_false(const Node* node);

}  // namespace seldon_lint::yaml
