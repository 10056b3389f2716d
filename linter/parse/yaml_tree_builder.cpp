#include "linter/parse/yaml_tree_builder.hpp"

#include <tree_sitter/api.h>
#include <yaml-cpp/yaml.h>

#include <cstring>
#include <unordered_map>

#include "linter/base/position_index.hpp"
#include "linter/base/text.hpp"
#include "linter/parse/tree_sitter_util.hpp"
#include "linter/parse/yaml_internal.hpp"

extern "C" const TSLanguage* tree_sitter_yaml(void);

namespace seldon_lint::yaml_internal {

using yaml::Kind;
using yaml::Node;
using yaml::Style;

// Grammar symbols, resolved once per parser from the language.
struct Symbols {
  TSSymbol stream, document, block_node, flow_node, block_mapping, block_mapping_pair,
      block_sequence, block_sequence_item, flow_mapping, flow_sequence, flow_pair, plain_scalar,
      single_quote_scalar, double_quote_scalar, block_scalar, alias, anchor, tag, comment,
      alias_name, anchor_name;
  TSFieldId key_field, value_field;

  explicit Symbols(const TSLanguage* lang) {
    auto sym = [lang](const char* name) {
      return ts_language_symbol_for_name(lang, name, static_cast<uint32_t>(std::strlen(name)),
                                         true);
    };
    stream = sym("stream");
    document = sym("document");
    block_node = sym("block_node");
    flow_node = sym("flow_node");
    block_mapping = sym("block_mapping");
    block_mapping_pair = sym("block_mapping_pair");
    block_sequence = sym("block_sequence");
    block_sequence_item = sym("block_sequence_item");
    flow_mapping = sym("flow_mapping");
    flow_sequence = sym("flow_sequence");
    flow_pair = sym("flow_pair");
    plain_scalar = sym("plain_scalar");
    single_quote_scalar = sym("single_quote_scalar");
    double_quote_scalar = sym("double_quote_scalar");
    block_scalar = sym("block_scalar");
    alias = sym("alias");
    anchor = sym("anchor");
    tag = sym("tag");
    comment = sym("comment");
    alias_name = sym("alias_name");
    anchor_name = sym("anchor_name");
    key_field = ts_language_field_id_for_name(lang, "key", 3);
    value_field = ts_language_field_id_for_name(lang, "value", 5);
  }
};

namespace {

const Symbols& symbols() {
  // Immutable after first use; the language is a static constant table.
  static const Symbols kSymbols(tree_sitter_yaml());
  return kSymbols;
}

// Folds a multi-line plain scalar: line breaks become spaces, blank lines newlines.
std::string fold_plain(std::string_view raw) {
  std::string out;
  auto lines = split(raw, '\n');
  bool pending_space = false;
  int blank_lines = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = trim(lines[i]);
    if (line.empty() && i != 0) {
      ++blank_lines;
      continue;
    }
    if (blank_lines > 0) {
      out.append(static_cast<size_t>(blank_lines), '\n');
    } else if (pending_space) {
      out.push_back(' ');
    }
    blank_lines = 0;
    out.append(line);
    pending_space = true;
  }
  return out;
}

}  // namespace

TreeBuilder::TreeBuilder(std::string_view text, const Frame& frame, const YamlParseOptions& options)
    : text_(text), frame_(frame), options_(options), sym_(symbols()) {}

bool TreeBuilder::collect_documents(TSNode root, std::vector<yaml::Document>& out) {
  for (TSNode child : ts::named_children(root)) {
    if (ts_node_symbol(child) != sym_.document) continue;
    if (ts_node_has_error(child)) continue;  // keep only documents that parsed cleanly
    out.push_back(build_document(child));
    if (limit_exceeded()) return false;
  }
  return true;
}

yaml::Document TreeBuilder::build_document(TSNode document) {
  anchors_.clear();
  yaml::Document doc;
  doc.range = range_of(document);
  doc.root.file = options_.file;
  doc.root.range = Range{doc.range.begin, doc.range.begin};
  for (TSNode child : ts::named_children(document)) {
    TSSymbol s = ts_node_symbol(child);
    if (s == sym_.block_node || s == sym_.flow_node) {
      doc.root = build(child, 0);
      break;
    }
  }
  return doc;
}

void TreeBuilder::collect_comments(TSNode node, std::vector<yaml::Comment>& out) {
  // Iterative walk: comment nodes can sit at any depth.
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  bool more = true;
  while (more) {
    TSNode current = ts_tree_cursor_current_node(&cursor);
    if (ts_node_symbol(current) == sym_.comment) {
      out.push_back(yaml::Comment{range_of(current), std::string(slice(current))});
    }
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        more = false;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
}

Range TreeBuilder::range_of(TSNode n) const {
  return Range{frame_.at(ts_node_start_byte(n)), frame_.at(ts_node_end_byte(n))};
}

std::string_view TreeBuilder::slice(TSNode n) const {
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (e > text_.size()) e = static_cast<uint32_t>(text_.size());
  if (b > e) b = e;
  return text_.substr(b, e - b);
}

bool TreeBuilder::budget(unsigned depth, size_t nodes) {
  if (limit_exceeded()) return false;
  if (depth > options_.limits.max_depth) {
    limit_message_ =
        "nesting is deeper than " + std::to_string(options_.limits.max_depth) + " levels";
    return false;
  }
  node_count_ += nodes;
  if (node_count_ > options_.limits.max_nodes) {
    limit_message_ = "more than " + std::to_string(options_.limits.max_nodes) +
                     " YAML nodes after alias expansion (alias bomb?)";
    return false;
  }
  return true;
}

size_t TreeBuilder::count_nodes(const Node& n) {
  size_t total = 1;
  for (const auto& e : n.entries) total += count_nodes(e.value);
  for (const auto& i : n.items) total += count_nodes(i);
  return total;
}

Node TreeBuilder::null_at(TSNode n) const {
  Node node;
  node.file = options_.file;
  node.range = range_of(n);
  return node;
}

// block_node / flow_node: optional anchor and tag, then the content.
Node TreeBuilder::build(TSNode n, unsigned depth) {
  if (!budget(depth)) return null_at(n);
  TSSymbol s = ts_node_symbol(n);
  if (s != sym_.block_node && s != sym_.flow_node) return build_content(n, depth);

  std::string anchor_name, tag;
  TSNode content{};
  bool has_content = false;
  for (TSNode child : ts::named_children(n)) {
    TSSymbol cs = ts_node_symbol(child);
    if (cs == sym_.anchor) {
      anchor_name = std::string(slice(child).substr(1));
    } else if (cs == sym_.tag) {
      tag = std::string(slice(child));
    } else if (cs != sym_.comment) {
      content = child;
      has_content = true;
    }
  }
  Node node = has_content ? build_content(content, depth) : null_at(n);
  if (!tag.empty()) apply_tag(node, tag);
  if (!anchor_name.empty() && !limit_exceeded()) anchors_[anchor_name] = node;
  return node;
}

void TreeBuilder::apply_tag(Node& node, const std::string& tag) {
  node.tag = tag;
  // `!` (the non-specific tag) makes a plain scalar a string, like `!!str`.
  if ((tag == "!!str" || tag == "!") && node.kind == Kind::Null) {
    node.kind = Kind::Scalar;
  } else if (tag == "!!null") {
    node.kind = Kind::Null;
    node.scalar.clear();
  }
}

Node TreeBuilder::build_content(TSNode n, unsigned depth) {
  TSSymbol s = ts_node_symbol(n);
  if (s == sym_.block_mapping || s == sym_.flow_mapping) return build_mapping(n, depth);
  if (s == sym_.block_sequence || s == sym_.flow_sequence) return build_sequence(n, depth);
  if (s == sym_.alias) return resolve_alias(n);
  if (s == sym_.block_node || s == sym_.flow_node) return build(n, depth + 1);
  return build_scalar(n);
}

Node TreeBuilder::resolve_alias(TSNode n) {
  std::string name(slice(n).substr(1));
  auto it = anchors_.find(name);
  if (it == anchors_.end()) {
    if (!has_alias_error()) {
      alias_error_offset_ = ts_node_start_byte(n);
      alias_error_ = "unknown anchor '" + name + "' referenced by alias";
    }
    return null_at(n);
  }
  if (!budget(0, count_nodes(it->second))) return null_at(n);
  return it->second;  // a copy: keeps the anchored text's positions
}

std::string TreeBuilder::scalar_key(TSNode key_node, unsigned depth) {
  Node key = build(key_node, depth + 1);
  if (key.kind == Kind::Scalar) return key.scalar;
  if (key.kind == Kind::Null) return "";
  return std::string(slice(key_node));  // complex key: keep its text
}

Node TreeBuilder::build_mapping(TSNode n, unsigned depth) {
  Node map;
  map.kind = Kind::Map;
  map.file = options_.file;
  map.range = range_of(n);
  std::vector<Node> merges;
  std::vector<TSNode> pairs = ts::named_children(n);
  map.entries.reserve(pairs.size());
  for (TSNode pair : pairs) {
    if (limit_exceeded()) break;
    TSSymbol ps = ts_node_symbol(pair);
    if (ps == sym_.comment) continue;
    yaml::Entry entry;
    entry.key_file = options_.file;
    if (ps == sym_.block_mapping_pair || ps == sym_.flow_pair) {
      TSNode key = ts_node_child_by_field_id(pair, sym_.key_field);
      TSNode value = ts_node_child_by_field_id(pair, sym_.value_field);
      if (!ts_node_is_null(key)) {
        entry.key = scalar_key(key, depth);
        entry.key_range = range_of(key);
      } else {
        entry.key_range = Range{range_of(pair).begin, range_of(pair).begin};
      }
      if (!ts_node_is_null(value)) {
        entry.value = build(value, depth + 1);
      } else {
        entry.value.file = options_.file;
        entry.value.range = Range{entry.key_range.end, entry.key_range.end};
      }
      bool merge_key = entry.key == "<<" && !ts_node_is_null(key) &&
                       ts_node_symbol(ts_node_named_child(key, 0)) != sym_.double_quote_scalar;
      if (merge_key) {
        merges.push_back(std::move(entry.value));
        continue;
      }
    } else {  // a lone flow_node in a flow mapping: key with null value
      entry.key = scalar_key(pair, depth);
      entry.key_range = range_of(pair);
      entry.value.file = options_.file;
      entry.value.range = Range{entry.key_range.end, entry.key_range.end};
    }
    map.entries.push_back(std::move(entry));
  }
  apply_merges(map, merges);
  return map;
}

Node TreeBuilder::build_sequence(TSNode n, unsigned depth) {
  Node seq;
  seq.kind = Kind::Seq;
  seq.file = options_.file;
  seq.range = range_of(n);
  std::vector<TSNode> items = ts::named_children(n);
  seq.items.reserve(items.size());
  for (TSNode item : items) {
    if (limit_exceeded()) break;
    TSSymbol is = ts_node_symbol(item);
    if (is == sym_.comment) continue;
    if (is == sym_.block_sequence_item) {
      TSNode inner{};
      bool found = false;
      for (TSNode c : ts::named_children(item)) {
        if (ts_node_symbol(c) != sym_.comment) {
          inner = c;
          found = true;
          break;
        }
      }
      seq.items.push_back(found ? build(inner, depth + 1) : null_at(item));
    } else if (is == sym_.flow_pair) {  // [a: b] is a single-pair map
      Node map;
      map.kind = Kind::Map;
      map.file = options_.file;
      map.range = range_of(item);
      yaml::Entry entry;
      entry.key_file = options_.file;
      TSNode key = ts_node_child_by_field_id(item, sym_.key_field);
      TSNode value = ts_node_child_by_field_id(item, sym_.value_field);
      if (!ts_node_is_null(key)) {
        entry.key = scalar_key(key, depth);
        entry.key_range = range_of(key);
      }
      entry.value = ts_node_is_null(value) ? null_at(item) : build(value, depth + 1);
      map.entries.push_back(std::move(entry));
      seq.items.push_back(std::move(map));
    } else {
      seq.items.push_back(build(item, depth + 1));
    }
  }
  return seq;
}

Node TreeBuilder::build_scalar(TSNode n) {
  Node node;
  node.file = options_.file;
  node.range = range_of(n);
  node.kind = Kind::Scalar;
  std::string_view raw = slice(n);
  TSSymbol s = ts_node_symbol(n);
  if (s == sym_.plain_scalar) {
    node.style = Style::Plain;
    if (raw.find('\n') == std::string_view::npos) {
      node.scalar = std::string(trim(raw));
    } else {
      node.scalar = fold_plain(raw);
    }
    if (is_plain_null(node.scalar)) node.kind = Kind::Null;
  } else if (s == sym_.single_quote_scalar) {
    node.style = Style::SingleQuoted;
    if (raw.find('\n') == std::string_view::npos) {
      std::string_view inner = raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : raw;
      for (size_t i = 0; i < inner.size(); ++i) {
        node.scalar.push_back(inner[i]);
        if (inner[i] == '\'' && i + 1 < inner.size() && inner[i + 1] == '\'') ++i;
      }
    } else {
      node.scalar = decode_with_yaml_cpp(raw, n);
    }
  } else if (s == sym_.double_quote_scalar) {
    node.style = Style::DoubleQuoted;
    bool simple =
        raw.find('\\') == std::string_view::npos && raw.find('\n') == std::string_view::npos;
    if (simple) {
      node.scalar = std::string(raw.size() >= 2 ? raw.substr(1, raw.size() - 2) : raw);
    } else {
      node.scalar = decode_with_yaml_cpp(raw, n);
    }
  } else if (s == sym_.block_scalar) {
    node.style = !raw.empty() && raw[0] == '>' ? Style::Folded : Style::Literal;
    node.scalar = decode_with_yaml_cpp(raw, n);
  } else {
    node.style = Style::Plain;
    node.scalar = std::string(trim(raw));
  }
  return node;
}

// yaml-cpp decodes escapes, folding and block-scalar indentation exactly.
// The scalar is re-embedded at its original indentation as the value of a
// one-key map, so explicit indentation indicators keep their meaning.
std::string TreeBuilder::decode_with_yaml_cpp(std::string_view raw, TSNode n) const {
  uint32_t start = frame_.base + ts_node_start_byte(n);
  uint32_t line = frame_.at(ts_node_start_byte(n)).line;
  uint32_t line_start = line >= 1 ? frame_.line_starts[line - 1] : 0;
  uint32_t indent = 0;
  while (line_start + indent < start && frame_.file_text[line_start + indent] == ' ') ++indent;
  std::string doc(indent, ' ');
  doc += "k: ";
  doc.append(raw);
  doc.push_back('\n');
  try {
    YAML::Node parsed = YAML::Load(doc);
    if (parsed.IsMap() && parsed["k"] && parsed["k"].IsScalar()) {
      return parsed["k"].Scalar();
    }
  } catch (const YAML::Exception&) {
    // Fall through: keep the raw text rather than lose the value.
  }
  return std::string(raw);
}

}  // namespace seldon_lint::yaml_internal
