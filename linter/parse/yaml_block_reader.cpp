#include "linter/parse/yaml_block_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace seldon_lint::yaml_internal {

using yaml::Kind;
using yaml::Node;
using yaml::Style;

namespace {

// Moves stack[first..] into `out`, sized exactly, and pops them.
template <typename T>
void take_from(std::vector<T>& stack, size_t first, std::vector<T>& out) {
  auto begin = stack.begin() + static_cast<std::ptrdiff_t>(first);
  out.assign(std::make_move_iterator(begin), std::make_move_iterator(stack.end()));
  stack.erase(begin, stack.end());
}

// Bytes the subset never contains: control characters (tabs and CR
// included), a byte-order mark, YAML's Unicode line breaks, invalid UTF-8.
bool outside_subset_bytes(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7f) continue;
    if (c == '\n') continue;
    if (c < 0x80) return true;  // control character or DEL
    size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (len == 0 || c > 0xf4 || i + len > n) return true;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xc0) != 0x80) return true;
    }
    uint32_t cp = len == 2   ? ((c & 0x1fu) << 6) | (p[i + 1] & 0x3fu)
                  : len == 3 ? ((c & 0x0fu) << 12) | ((p[i + 1] & 0x3fu) << 6) | (p[i + 2] & 0x3fu)
                             : ((c & 0x07u) << 18) | ((p[i + 1] & 0x3fu) << 12) |
                                   ((p[i + 2] & 0x3fu) << 6) | (p[i + 3] & 0x3fu);
    bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    bool special = cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
                   (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff || (cp >= 0x80 && cp < 0xa0);
    if (overlong || special) return true;
    i += len - 1;
  }
  return false;
}

bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || c == '/';
}

bool key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// First characters that make a value something other than a plain scalar
// (or a plain scalar this reader leaves to tree-sitter).
bool indicator(char c) {
  switch (c) {
    case '&':
    case '*':
    case '!':
    case '|':
    case '>':
    case '%':
    case '@':
    case '`':
    case '?':
    case ':':
    case ',':
    case '[':
    case ']':
    case '{':
    case '}':
    case '#':
    case '\'':
    case '"':
      return true;
    default:
      return false;
  }
}

class BlockReader {
 public:
  BlockReader(std::string_view text, const Frame& frame, const YamlParseOptions& options)
      : text_(text), frame_(frame), options_(options) {}

  bool read(std::vector<yaml::Document>& out);
  size_t nodes() const { return nodes_; }

 private:
  struct Line {
    uint32_t begin;   // first byte
    uint32_t end;     // the '\n' (or the end of the text)
    uint32_t indent;  // spaces before the first character
    bool content;     // not blank, not only a comment
    bool ascii;       // columns are byte counts
  };

  void index_lines();
  bool document_marker(const Line& line) const;
  bool read_document(size_t first, size_t last, yaml::Document& doc);
  uint32_t last_token_end(const Line& line) const;
  uint32_t end_before_current() const;
  void extend_open_blocks(Node& root, const Position& end);

  // The current position: a line and the column its content starts at (a
  // line's indentation, or the column after "- " in a sequence entry).
  bool at_content() const { return line_ < last_; }
  uint32_t column() const { return column_; }
  uint32_t offset() const { return lines_[line_].begin + column_; }
  void next_content_line();

  bool dash_at(uint32_t at) const;
  bool comment_or_end(uint32_t at, uint32_t end) const;
  // Length of a `key:` at `at` (up to the colon), 0 when there is none.
  uint32_t key_length(uint32_t at, uint32_t end) const;
  bool count_node(unsigned depth);

  bool read_block(unsigned depth, Node& out);
  bool read_mapping(unsigned depth, Node& out);
  bool read_sequence(unsigned depth, Node& out);
  bool read_entry_value(uint32_t after_colon, uint32_t indent, unsigned depth, yaml::Entry& entry);
  bool read_inline_value(uint32_t at, uint32_t end, Node& out);
  bool read_quoted(uint32_t at, uint32_t end, Node& out, uint32_t& after);
  bool read_flow(uint32_t at, uint32_t end, unsigned depth, Node& out, uint32_t& after);
  bool read_flow_scalar(uint32_t at, uint32_t end, unsigned depth, Node& out, uint32_t& after);
  uint32_t skip_spaces(uint32_t at, uint32_t end) const {
    while (at < end && text_[at] == ' ') ++at;
    return at;
  }
  bool rest_is_comment(uint32_t at, uint32_t end) const;

  Node node_at(Kind kind, uint32_t begin, uint32_t end) const;
  Range range(uint32_t begin, uint32_t end) const { return Range{position(begin), position(end)}; }
  // frame_.at(offset), computed from the line table (positions are most of
  // the cost of reading a small file otherwise).
  Position position(uint32_t offset) const;

  std::string_view text_;
  const Frame& frame_;
  const YamlParseOptions& options_;
  std::vector<Line> lines_;
  size_t line_ = 0;  // current line
  size_t last_ = 0;  // end of the current document's lines
  uint32_t column_ = 0;
  size_t nodes_ = 0;
  Position first_;  // of the text's first byte
  // Entries and items of the collections being read, stacked: a collection
  // takes exactly its own on completion (push_back growth left a quarter of
  // the node memory as unused capacity, and reallocated on every doubling).
  std::vector<yaml::Entry> entry_stack_;
  std::vector<Node> item_stack_;
};

Position BlockReader::position(uint32_t offset) const {
  // Lines are numbered from the text's first line, which must start at a
  // line start of the file for the columns to count from it.
  if (first_.column != 1) return frame_.at(offset);
  size_t i = line_ < lines_.size() && lines_[line_].begin <= offset ? line_ : 0;
  if (lines_[i].begin > offset || (i + 1 < lines_.size() && lines_[i + 1].begin <= offset)) {
    auto after = std::upper_bound(lines_.begin(), lines_.end(), offset,
                                  [](uint32_t o, const Line& line) { return o < line.begin; });
    i = static_cast<size_t>(after - lines_.begin()) - 1;
  }
  const Line& line = lines_[i];
  if (offset > line.end) return frame_.at(offset);  // past the last line break
  uint32_t column = offset - line.begin + 1;
  if (!line.ascii) {
    for (uint32_t k = line.begin; k < offset; ++k) {
      column -= (static_cast<unsigned char>(text_[k]) & 0xc0) == 0x80 ? 1 : 0;
    }
  }
  return Position{first_.line + static_cast<uint32_t>(i), column, first_.offset + offset};
}

void BlockReader::index_lines() {
  const uint32_t n = static_cast<uint32_t>(text_.size());
  uint32_t begin = 0;
  while (begin < n || (begin == n && n == 0)) {
    uint32_t end = begin;
    while (end < n && text_[end] != '\n') ++end;
    uint32_t indent = 0;
    while (begin + indent < end && text_[begin + indent] == ' ') ++indent;
    bool content = begin + indent < end && text_[begin + indent] != '#';
    bool ascii = true;
    for (uint32_t k = begin; k < end && ascii; ++k)
      ascii = static_cast<unsigned char>(text_[k]) < 0x80;
    lines_.push_back(Line{begin, end, indent, content, ascii});
    if (end >= n) break;
    begin = end + 1;
  }
}

bool BlockReader::document_marker(const Line& line) const {
  std::string_view s = text_.substr(line.begin, line.end - line.begin);
  return s.size() >= 3 && s.substr(0, 3) == "---" &&
         (s.size() == 3 || (s[3] == ' ' && rest_is_comment(line.begin + 3, line.end)));
}

void BlockReader::next_content_line() {
  ++line_;
  while (line_ < last_ && !lines_[line_].content) ++line_;
  if (line_ < last_) column_ = lines_[line_].indent;
}

bool BlockReader::dash_at(uint32_t at) const {
  uint32_t end = lines_[line_].end;
  return at < end && text_[at] == '-' && (at + 1 == end || text_[at + 1] == ' ');
}

bool BlockReader::rest_is_comment(uint32_t at, uint32_t end) const {
  while (at < end && text_[at] == ' ') ++at;
  return at == end || text_[at] == '#';
}

// After a value: only spaces, then the end of the line or " #comment".
bool BlockReader::comment_or_end(uint32_t at, uint32_t end) const {
  if (at == end) return true;
  if (text_[at] != ' ') return false;
  return rest_is_comment(at, end);
}

uint32_t BlockReader::key_length(uint32_t at, uint32_t end) const {
  if (at >= end || !key_start(text_[at])) return 0;
  uint32_t k = at;
  while (k < end && key_char(text_[k])) ++k;
  if (k >= end || text_[k] != ':') return 0;
  if (k + 1 < end && text_[k + 1] != ' ') return 0;
  return k - at;
}

bool BlockReader::count_node(unsigned depth) {
  ++nodes_;
  return depth <= options_.limits.max_depth && nodes_ <= options_.limits.max_nodes;
}

Node BlockReader::node_at(Kind kind, uint32_t begin, uint32_t end) const {
  Node node;
  node.kind = kind;
  node.file = options_.file;
  node.range = range(begin, end);
  return node;
}

bool BlockReader::read(std::vector<yaml::Document>& out) {
  if (outside_subset_bytes(text_)) return false;
  index_lines();
  first_ = frame_.at(0);
  // Directives and document-end markers are left to tree-sitter.
  for (const Line& line : lines_) {
    if (line.begin < line.end && line.indent == 0 &&
        (text_[line.begin] == '%' || text_.substr(line.begin, 3) == "...")) {
      return false;
    }
  }
  size_t first = 0;
  for (size_t i = 0; i <= lines_.size(); ++i) {
    bool marker = i < lines_.size() && document_marker(lines_[i]);
    if (!marker && i < lines_.size()) continue;
    bool has_content = false;
    for (size_t k = first; k < i; ++k) has_content = has_content || lines_[k].content;
    if (has_content) {
      yaml::Document doc;
      if (!read_document(first, i, doc)) return false;
      out.push_back(std::move(doc));
    } else if (!(marker && first == 0)) {
      return false;  // empty documents (not the nothing before a first `---`): tree-sitter's
    }
    first = i + 1;
  }
  return true;
}

// A document starts at its `---` (or its first token) and ends at its last
// token, comments included; the last document of the text ends at the end
// of the text.  (tree-sitter's document ranges.)
bool BlockReader::read_document(size_t first, size_t last, yaml::Document& doc) {
  last_ = last;
  line_ = first;
  while (line_ < last_ && !lines_[line_].content) ++line_;
  column_ = lines_[line_].indent;
  uint32_t begin =
      first > 0 && document_marker(lines_[first - 1]) ? lines_[first - 1].begin : offset();
  if (!read_block(0, doc.root)) return false;
  if (at_content()) return false;  // something left at a shallower column
  uint32_t end = static_cast<uint32_t>(text_.size());
  if (last < lines_.size()) {
    size_t k = last;
    while (k > first && lines_[k - 1].indent == lines_[k - 1].end - lines_[k - 1].begin) --k;
    end = k > first ? last_token_end(lines_[k - 1]) : begin + 3;
  }
  doc.range = Range{position(begin), position(end)};
  extend_open_blocks(doc.root, doc.range.end);
  return true;
}

// Blocks still open when the document ends (the outermost one and its last
// nested ones) run to the document's end, like tree-sitter's; blocks closed
// by a shallower line end at their last token.
void BlockReader::extend_open_blocks(Node& root, const Position& end) {
  auto flow = [&](const Node& n) {
    char first = text_[n.range.begin.offset - frame_.base];
    return first == '{' || first == '[';
  };
  Node* node = &root;
  while (node != nullptr && !flow(*node)) {
    if (node->kind == Kind::Map && !node->entries.empty()) {
      node->range.end = end;
      node = &node->entries.back().value;
    } else if (node->kind == Kind::Seq && !node->items.empty()) {
      node->range.end = end;
      node = &node->items.back();
    } else {
      node = nullptr;
    }
  }
}

// A block closed by the current line ends at the last token before it,
// comments included (blank lines are not tokens).
uint32_t BlockReader::end_before_current() const {
  size_t k = line_;
  while (k > 0 && lines_[k - 1].indent == lines_[k - 1].end - lines_[k - 1].begin) --k;
  return k > 0 ? last_token_end(lines_[k - 1]) : 0;
}

// The end of a line's last token: a comment runs to the end of the line.
uint32_t BlockReader::last_token_end(const Line& line) const {
  char quote = 0;
  for (uint32_t k = line.begin + line.indent; k < line.end; ++k) {
    char c = text_[k];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '#' && (k == line.begin + line.indent || text_[k - 1] == ' ')) {
      return line.end;
    } else if ((c == '"' || c == '\'') && (k == line.begin + line.indent || text_[k - 1] == ' ')) {
      quote = c;
    }
  }
  uint32_t end = line.end;
  while (end > line.begin && text_[end - 1] == ' ') --end;
  return end;
}

bool BlockReader::read_block(unsigned depth, Node& out) {
  if (!count_node(depth)) return false;
  uint32_t at = offset();
  if (dash_at(at)) return read_sequence(depth, out);
  if (key_length(at, lines_[line_].end) > 0) return read_mapping(depth, out);
  return false;  // a scalar on its own line: left to tree-sitter
}

bool BlockReader::read_mapping(unsigned depth, Node& out) {
  const uint32_t indent = column_;
  out = node_at(Kind::Map, offset(), offset());
  const size_t first = entry_stack_.size();
  while (at_content() && column_ == indent) {
    uint32_t at = offset();
    uint32_t end = lines_[line_].end;
    uint32_t length = key_length(at, end);
    if (length == 0) {
      if (dash_at(at)) break;  // a sequence at this column: the caller's
      return false;
    }
    if (!count_node(depth + 1)) return false;
    yaml::Entry entry;
    entry.key_file = options_.file;
    std::string_view key = text_.substr(at, length);
    entry.key = is_plain_null(key) ? std::string() : std::string(key);
    entry.key_range = range(at, at + length);
    if (!read_entry_value(at + length + 1, indent, depth, entry)) return false;
    entry_stack_.push_back(std::move(entry));
  }
  take_from(entry_stack_, first, out.entries);
  if (at_content() && column_ > indent) return false;
  out.range.end = position(end_before_current());
  return true;
}

bool BlockReader::read_entry_value(uint32_t after_colon, uint32_t indent, unsigned depth,
                                   yaml::Entry& entry) {
  uint32_t end = lines_[line_].end;
  if (rest_is_comment(after_colon, end)) {
    // The value, if any, is on the next lines: more indented, or a sequence
    // at the key's own column.
    next_content_line();
    bool nested = at_content() && (column_ > indent || (column_ == indent && dash_at(offset())));
    if (!nested) {
      entry.value.file = options_.file;
      entry.value.range = Range{entry.key_range.end, entry.key_range.end};
      return true;
    }
    return read_block(depth + 1, entry.value);
  }
  uint32_t at = after_colon;
  while (at < end && text_[at] == ' ') ++at;
  if (!count_node(depth + 1) || !read_inline_value(at, end, entry.value)) return false;
  next_content_line();
  // A more indented line after a one-line value continues a multi-line
  // scalar (or is an error): tree-sitter's to read.
  return !(at_content() && column_ > indent);
}

bool BlockReader::read_sequence(unsigned depth, Node& out) {
  const uint32_t indent = column_;
  out = node_at(Kind::Seq, offset(), offset());
  const size_t first = item_stack_.size();
  while (at_content() && column_ == indent && dash_at(offset())) {
    if (!count_node(depth + 1)) return false;
    uint32_t dash = offset();
    uint32_t end = lines_[line_].end;
    uint32_t at = dash + 1;
    while (at < end && text_[at] == ' ') ++at;
    Node item;
    if (at == end || text_[at] == '#') {
      next_content_line();
      if (at_content() && column_ > indent) {
        if (!read_block(depth + 1, item)) return false;
      } else {
        item = node_at(Kind::Null, dash, dash + 1);
      }
    } else if (key_length(at, end) > 0) {
      column_ = at - lines_[line_].begin;  // a mapping that starts after "- "
      if (!read_mapping(depth + 1, item)) return false;
    } else {
      if (!read_inline_value(at, end, item)) return false;
      next_content_line();
      if (at_content() && column_ > indent) return false;
    }
    item_stack_.push_back(std::move(item));
  }
  take_from(item_stack_, first, out.items);
  if (at_content() && column_ > indent) return false;
  out.range.end = position(end_before_current());
  return true;
}

// A one-line value after "key: " or "- ": a plain or simply quoted scalar,
// or an empty flow collection.
bool BlockReader::read_inline_value(uint32_t at, uint32_t end, Node& out) {
  char c = text_[at];
  if (c == '"' || c == '\'') {
    uint32_t after = 0;
    return read_quoted(at, end, out, after) && comment_or_end(after, end);
  }
  if (c == '{' || c == '[') {
    uint32_t after = 0;
    return read_flow(at, end, 0, out, after) && comment_or_end(after, end);
  }
  if (indicator(c)) return false;
  if (c == '-' && (at + 1 == end || text_[at + 1] == ' ')) return false;  // "key: - x"
  std::string_view rest = text_.substr(at, end - at);
  if (rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...") return false;  // marker-like
  uint32_t stop = at;
  for (uint32_t k = at; k < end; ++k) {
    char ch = text_[k];
    if (ch == ' ') {
      if (k + 1 < end && text_[k + 1] == '#') break;  // a comment
      continue;
    }
    if (ch == ':' && (k + 1 == end || text_[k + 1] == ' ')) return false;  // "a: b: c"
    stop = k + 1;
  }
  out = node_at(Kind::Scalar, at, stop);
  out.style = Style::Plain;
  out.scalar = std::string(text_.substr(at, stop - at));
  if (is_plain_null(out.scalar)) out.kind = Kind::Null;
  return true;
}

bool BlockReader::read_quoted(uint32_t at, uint32_t end, Node& out, uint32_t& after) {
  const char quote = text_[at];
  std::string value;
  uint32_t k = at + 1;
  for (;; ++k) {
    if (k >= end) return false;  // continues on the next line
    char ch = text_[k];
    if (quote == '"' && ch == '\\') return false;  // escapes: tree-sitter and yaml-cpp decode them
    if (ch == quote) {
      if (quote == '\'' && k + 1 < end && text_[k + 1] == '\'') {
        value.push_back('\'');
        ++k;
        continue;
      }
      break;
    }
    value.push_back(ch);
  }
  after = k + 1;
  out = node_at(Kind::Scalar, at, after);
  out.style = quote == '"' ? Style::DoubleQuoted : Style::SingleQuoted;
  out.scalar = std::move(value);
  return true;
}

// A one-line flow collection of plain or simply quoted scalars and nested
// flow collections: `{cpu: 100m, memory: 256Mi}`, `[Ingress]`.  Everything
// else (lone keys, pairs in sequences, trailing commas, several lines) is
// tree-sitter's.
bool BlockReader::read_flow(uint32_t at, uint32_t end, unsigned depth, Node& out, uint32_t& after) {
  if (!count_node(depth)) return false;
  const bool map = text_[at] == '{';
  const char close = map ? '}' : ']';
  out = node_at(map ? Kind::Map : Kind::Seq, at, at);
  uint32_t k = skip_spaces(at + 1, end);
  bool first = true;
  while (k < end && text_[k] != close) {
    if (!first) {
      if (text_[k] != ',') return false;
      k = skip_spaces(k + 1, end);
      if (k >= end || text_[k] == close) return false;  // trailing comma
    }
    first = false;
    if (map) {
      yaml::Entry entry;
      entry.key_file = options_.file;
      Node key;
      uint32_t key_end = 0;
      if (!read_flow_scalar(k, end, depth + 1, key, key_end) || key.style != Style::Plain) {
        return false;
      }
      if (key_end + 1 >= end || text_[key_end] != ':' || text_[key_end + 1] != ' ') return false;
      entry.key = key.kind == Kind::Null ? std::string() : key.scalar;
      entry.key_range = key.range;
      k = skip_spaces(key_end + 1, end);
      if (!read_flow_scalar(k, end, depth + 1, entry.value, k)) return false;
      out.entries.push_back(std::move(entry));
    } else {
      Node item;
      if (!read_flow_scalar(k, end, depth + 1, item, k)) return false;
      if (k < end && text_[k] == ':') return false;  // `[a: b]`
      out.items.push_back(std::move(item));
    }
    k = skip_spaces(k, end);
  }
  if (k >= end) return false;  // continues on the next line
  after = k + 1;
  out.range.end = position(after);
  return true;
}

// A value inside a flow collection; `after` is just past it (before any
// spaces).
bool BlockReader::read_flow_scalar(uint32_t at, uint32_t end, unsigned depth, Node& out,
                                   uint32_t& after) {
  if (at >= end) return false;
  char c = text_[at];
  if (c == '{' || c == '[') return read_flow(at, end, depth, out, after);
  if (!count_node(depth)) return false;
  if (c == '"' || c == '\'') return read_quoted(at, end, out, after);
  auto plain_char = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '.' || ch == '-' || ch == '/' || ch == '+' || ch == '=' ||
           ch == '~' || ch == '(' || ch == ')' || ch == ';' || ch == '$' ||
           static_cast<unsigned char>(ch) >= 0x80;
  };
  if (!plain_char(c) || (c == '-' && (at + 1 >= end || !plain_char(text_[at + 1])))) {
    return false;
  }
  uint32_t stop = at;
  uint32_t k = at;
  while (k < end && (plain_char(text_[k]) || text_[k] == ' ')) {
    if (text_[k] != ' ') stop = k + 1;
    ++k;
  }
  after = stop;
  out = node_at(Kind::Scalar, at, stop);
  out.style = Style::Plain;
  out.scalar = std::string(text_.substr(at, stop - at));
  if (is_plain_null(out.scalar)) out.kind = Kind::Null;
  return true;
}

}  // namespace

bool read_block_yaml(std::string_view text, const Frame& frame, const YamlParseOptions& options,
                     YamlParseResult& result) {
  BlockReader reader(text, frame, options);
  std::vector<yaml::Document> documents;
  if (!reader.read(documents)) return false;
  if (options.want_documents) result.documents = std::move(documents);
  result.work += reader.nodes();
  return true;
}

}  // namespace seldon_lint::yaml_internal
