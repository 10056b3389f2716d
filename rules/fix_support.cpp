#include "rules/fix_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "linter/base/text.hpp"

namespace seldon_lint::fixes {
namespace {

std::string letters_upper(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::toupper(u)));
  }
  return out;
}

bool is_number_like(std::string_view text) {
  size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size()) return false;
  bool digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '_' && c != 'x' && c != 'o') {
      return false;
    }
  }
  return digit;
}

// The source bytes of `node`, when its range lies inside its file's text.
std::optional<std::string_view> source_of(const Model& model, const yaml::Node& node) {
  if (node.file == kNoFile || node.file >= model.files.size() || !node.range.known()) {
    return std::nullopt;
  }
  const std::string& text = model.files[node.file].text;
  uint32_t begin = node.range.begin.offset;
  uint32_t end = node.range.end.offset;
  if (begin >= end || end > text.size()) return std::nullopt;
  return std::string_view(text).substr(begin, end - begin);
}

bool has_any(std::string_view text, std::string_view chars) {
  return text.find_first_of(chars) != std::string_view::npos;
}

// A layer whose values are `--set` style parameters: written as name/value
// pairs, never as a map to add keys to.
bool parameter_layer(const ValuesLayer& layer) {
  return layer.description.ends_with("helm.parameters") || layer.description.ends_with(" set");
}

bool sets_path(const ValuesLayer& layer, std::string_view dotted_path) {
  const yaml::Node* node = layer.values;
  for (auto part : split(dotted_path, '.')) {
    if (node == nullptr || !node->is_map()) return node != nullptr;  // a scalar above it
    const yaml::Entry* entry = node->find_entry(part);
    if (entry == nullptr) return false;
    node = &entry->value;
  }
  return true;
}

bool same_values(const ValuesLayer& a, const ValuesLayer& b) {
  if (a.values == nullptr || b.values == nullptr) return false;
  if (a.values == b.values) return true;
  return a.values->file != kNoFile && a.values->file == b.values->file;
}

// Byte column of `offset` on its line, when only spaces precede it there.
std::optional<uint32_t> block_indent(const SourceFile& file, uint32_t line, uint32_t offset) {
  if (line == 0 || line > file.line_starts.size()) return std::nullopt;
  uint32_t start = file.line_starts[line - 1];
  if (offset < start || offset > file.text.size()) return std::nullopt;
  std::string_view before = std::string_view(file.text).substr(start, offset - start);
  if (before.find_first_not_of(' ') != std::string_view::npos) return std::nullopt;
  return offset - start;
}

// Indentation of the entries of a block map (the column of its first key),
// after checking that each key starts its own line and reads as written.
std::optional<uint32_t> map_indent(const Model& model, const yaml::Node& map) {
  if (!map.is_map() || map.entries.empty()) return std::nullopt;
  std::optional<uint32_t> indent;
  for (const auto& entry : map.entries) {
    if (entry.key_file != map.entries.front().key_file || entry.key_file >= model.files.size() ||
        !entry.key_range.known()) {
      return std::nullopt;
    }
    const SourceFile& file = model.files[entry.key_file];
    auto column = block_indent(file, entry.key_range.begin.line, entry.key_range.begin.offset);
    if (!column || (indent && *column != *indent)) return std::nullopt;
    uint32_t b = entry.key_range.begin.offset;
    uint32_t e = entry.key_range.end.offset;
    if (e > file.text.size() || b >= e ||
        std::string_view(file.text).substr(b, e - b) != entry.key) {
      return std::nullopt;  // quoted, or a position that is not the key's own text
    }
    indent = column;
  }
  return indent;
}

// Last byte offset of the map's keys and scalar values.  Not the ranges of
// nested maps: those may run over comment lines that follow them.
uint32_t map_end(const yaml::Node& map) {
  uint32_t end = 0;
  const FileId file = map.entries.front().key_file;
  std::function<void(const yaml::Node&, int)> visit = [&](const yaml::Node& node, int depth) {
    if (depth > 64) return;
    if (node.is_scalar() && node.file == file && node.range.known()) {
      end = std::max(end, node.range.end.offset);
    }
    for (const auto& e : node.entries) {
      if (e.key_file == file) end = std::max(end, e.key_range.end.offset);
      visit(e.value, depth + 1);
    }
    for (const auto& i : node.items) visit(i, depth + 1);
  };
  visit(map, 0);
  return end;
}

// The indentation step of a layer: the first nested block map's indent
// minus its parent's; 2 when the layer has no nesting.
uint32_t indent_step(const Model& model, const yaml::Node& map, uint32_t indent, int depth = 0) {
  if (depth > 32) return 2;
  for (const auto& entry : map.entries) {
    if (!entry.value.is_map()) continue;
    if (auto child = map_indent(model, entry.value); child && *child > indent) {
      return *child - indent;
    }
    if (uint32_t step = indent_step(model, entry.value, indent, depth + 1); step != 2) return step;
  }
  return 2;
}

// An edit giving the leaf `entry` (a scalar, or null) the value `value`.
std::optional<TextEdit> fill_leaf(const Model& model, const yaml::Entry& entry,
                                  std::string_view value) {
  const yaml::Node& node = entry.value;
  if (node.is_scalar()) return replace_scalar(model, node, value);
  if (!node.is_null() || entry.key_file >= model.files.size()) return std::nullopt;
  const std::string& text = model.files[entry.key_file].text;
  uint32_t pos = entry.key_range.end.offset;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos >= text.size() || text[pos] != ':') return std::nullopt;
  ++pos;
  // `key: null` / `key: ~` are replaced, `key:` gets the value after the colon.
  uint32_t word = pos;
  while (word < text.size() && text[word] == ' ') ++word;
  uint32_t word_end = word;
  while (word_end < text.size() && text[word_end] != ' ' && text[word_end] != '\n' &&
         text[word_end] != '\r' && text[word_end] != '#') {
    ++word_end;
  }
  std::string_view written = std::string_view(text).substr(word, word_end - word);
  TextEdit edit;
  edit.file = entry.key_file;
  if (written.empty()) {
    edit.begin = edit.end = pos;
    edit.replacement = " " + std::string(value);
  } else if (written == "~" || to_lower(written) == "null") {
    edit.begin = word;
    edit.end = word_end;
    edit.replacement = std::string(value);
  } else {
    return std::nullopt;
  }
  return edit;
}

}  // namespace

const ValuesLayer* own_layer(const Model& model, const Release& release,
                             std::string_view dotted_path) {
  for (auto it = release.layers.rbegin(); it != release.layers.rend(); ++it) {
    const ValuesLayer& layer = *it;
    if (layer.unreadable || layer.values == nullptr) return nullptr;
    if (parameter_layer(layer)) {
      if (sets_path(layer, dotted_path)) return nullptr;
      continue;
    }
    for (const auto& other : model.releases) {
      if (&other == &release || other.environment == release.environment) continue;
      for (const auto& theirs : other.layers) {
        if (same_values(layer, theirs)) return nullptr;  // a base other environments share
      }
    }
    return &layer;
  }
  return nullptr;
}

std::optional<std::vector<TextEdit>> set_in_layer(const Model& model, const ValuesLayer& layer,
                                                  std::string_view dotted_path,
                                                  std::string_view value, bool value_is_source) {
  if (layer.values == nullptr) return std::nullopt;
  if (value_is_source ? value.find_first_of("\r\n") != std::string_view::npos
                      : !plain_safe(value)) {
    return std::nullopt;
  }
  auto parts = split(dotted_path, '.');
  const yaml::Node* map = layer.values;
  size_t depth = 0;
  for (; depth < parts.size(); ++depth) {
    const yaml::Entry* entry = map->find_entry(parts[depth]);
    if (entry == nullptr) break;
    if (depth + 1 == parts.size()) {
      if (value_is_source) return std::nullopt;  // a move never overwrites
      auto edit = fill_leaf(model, *entry, value);
      if (!edit) return std::nullopt;
      return std::vector<TextEdit>{std::move(*edit)};
    }
    if (!entry->value.is_map())
      return std::nullopt;  // null or a scalar in the way: a human decides
    map = &entry->value;
  }
  auto indent = map_indent(model, *map);
  if (!indent) return std::nullopt;
  const FileId file_id = map->entries.front().key_file;
  const SourceFile& file = model.files[file_id];
  uint32_t step = indent_step(model, *layer.values, map_indent(model, *layer.values).value_or(0));
  // After the line holding the end of the map's last entry.
  uint32_t end = map_end(*map);
  if (end == 0 || end > file.text.size()) return std::nullopt;
  size_t break_at = file.text.find('\n', end - 1);
  // A closing quote or bracket may sit exactly at `end`; only what starts a
  // new line after it counts.
  uint32_t insert_at = break_at == std::string::npos ? static_cast<uint32_t>(file.text.size())
                                                     : static_cast<uint32_t>(break_at) + 1;
  bool crlf = break_at != std::string::npos && break_at > 0 && file.text[break_at - 1] == '\r';
  std::string eol = crlf ? "\r\n" : "\n";
  std::string added;
  if (break_at == std::string::npos) added += eol;  // the file ends without a line break
  for (size_t i = depth; i < parts.size(); ++i) {
    added += std::string(*indent + step * (i - depth), ' ');
    added += std::string(parts[i]) + ":";
    if (i + 1 == parts.size()) added += " " + std::string(value);
    added += eol;
  }
  TextEdit edit;
  edit.file = file_id;
  edit.begin = edit.end = insert_at;
  edit.replacement = std::move(added);
  return std::vector<TextEdit>{std::move(edit)};
}

std::optional<std::string> scalar_source(const Model& model, const yaml::Node& node) {
  if (!node.is_scalar()) return std::nullopt;
  auto raw = source_of(model, node);
  if (!raw || raw->find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
  std::string_view text = trim(*raw);
  switch (node.style) {
    case yaml::Style::Plain:
      if (text != node.scalar) return std::nullopt;
      break;
    case yaml::Style::SingleQuoted:
    case yaml::Style::DoubleQuoted:
      if (text.size() < 2 || text.front() != text.back() ||
          (text.front() != '"' && text.front() != '\'')) {
        return std::nullopt;
      }
      break;
    default:
      return std::nullopt;
  }
  return std::string(text);
}

std::optional<TextEdit> rename_key(const Model& model, const yaml::Entry& entry,
                                   std::string_view key) {
  if (entry.key_file >= model.files.size() || !entry.key_range.known() || !plain_safe(key)) {
    return std::nullopt;
  }
  const std::string& text = model.files[entry.key_file].text;
  uint32_t b = entry.key_range.begin.offset;
  uint32_t e = entry.key_range.end.offset;
  if (e > text.size() || b >= e || std::string_view(text).substr(b, e - b) != entry.key) {
    return std::nullopt;
  }
  return TextEdit{entry.key_file, b, e, std::string(key)};
}

std::optional<TextEdit> delete_entry_line(const Model& model, const yaml::Entry& entry) {
  if (entry.key_file >= model.files.size() || !entry.value.is_scalar() ||
      entry.value.file != entry.key_file) {
    return std::nullopt;
  }
  const SourceFile& file = model.files[entry.key_file];
  uint32_t line = entry.key_range.begin.line;
  if (!block_indent(file, line, entry.key_range.begin.offset) ||
      !scalar_source(model, entry.value) || entry.value.range.begin.line != line ||
      entry.value.range.end.line != line) {
    return std::nullopt;
  }
  uint32_t begin = file.line_starts[line - 1];
  uint32_t end = line < file.line_starts.size() ? file.line_starts[line]
                                                : static_cast<uint32_t>(file.text.size());
  // Only a comment may follow the value on its line.
  std::string_view rest = trim(std::string_view(file.text).substr(
      entry.value.range.end.offset, end - std::min(end, entry.value.range.end.offset)));
  if (!rest.empty() && rest.front() != '#') return std::nullopt;
  return TextEdit{entry.key_file, begin, end, ""};
}

std::vector<Fix> set_value_fix(const Model& model, const Release& release,
                               std::string_view dotted_path, std::string_view value,
                               std::string description) {
  const ValuesLayer* layer = own_layer(model, release, dotted_path);
  if (layer == nullptr) return {};
  auto edits = set_in_layer(model, *layer, dotted_path, value);
  if (!edits) return {};
  Fix fix;
  fix.description = std::move(description);
  fix.edits = std::move(*edits);
  return {std::move(fix)};
}

std::string same_letters(std::string_view value, const std::vector<std::string>& valid) {
  std::string wanted = letters_upper(value);
  if (wanted.empty()) return {};
  std::string found;
  for (const auto& candidate : valid) {
    if (candidate == value) return {};
    if (letters_upper(candidate) != wanted) continue;
    if (!found.empty()) return {};  // ambiguous
    found = candidate;
  }
  return found;
}

bool plain_safe(std::string_view text) {
  if (text.empty() || trim(text) != text) return false;
  if (has_any(text, "\n\r\t\"'\\") || text.find(": ") != std::string_view::npos ||
      text.find(" #") != std::string_view::npos || text.back() == ':') {
    return false;
  }
  if (std::string_view("-?:,[]{}#&*!|>%@`").find(text.front()) != std::string_view::npos) {
    return false;
  }
  std::string lower = to_lower(text);
  for (std::string_view word : {"true", "false", "null", "~", "yes", "no", "on", "off", "y", "n",
                                ".inf", "-.inf", ".nan"}) {
    if (lower == word) return false;
  }
  return !is_number_like(text);
}

std::optional<TextEdit> replace_scalar(const Model& model, const yaml::Node& node,
                                       std::string_view replacement) {
  if (!node.is_scalar()) return std::nullopt;
  auto raw = source_of(model, node);
  if (!raw) return std::nullopt;
  uint32_t begin = node.range.begin.offset;
  std::string_view inner;
  switch (node.style) {
    case yaml::Style::Plain: {
      inner = trim(*raw);
      if (inner != node.scalar || !plain_safe(replacement)) return std::nullopt;
      begin += static_cast<uint32_t>(inner.data() - raw->data());
      break;
    }
    case yaml::Style::SingleQuoted:
    case yaml::Style::DoubleQuoted: {
      char quote = node.style == yaml::Style::SingleQuoted ? '\'' : '"';
      if (raw->size() < 2 || raw->front() != quote || raw->back() != quote) return std::nullopt;
      inner = raw->substr(1, raw->size() - 2);
      // Only simple strings: no escapes or doubled quotes to keep in step.
      if (inner != node.scalar || has_any(inner, "\\\"'\n\r")) return std::nullopt;
      if (has_any(replacement, "\\\"'\n\r")) return std::nullopt;
      begin += 1;
      break;
    }
    default:
      return std::nullopt;  // block scalars and untyped nodes: not a one-line value
  }
  TextEdit edit;
  edit.file = node.file;
  edit.begin = begin;
  edit.end = begin + static_cast<uint32_t>(inner.size());
  edit.replacement = std::string(replacement);
  return edit;
}

std::vector<Fix> single(std::string description, std::optional<TextEdit> edit) {
  if (!edit) return {};
  Fix fix;
  fix.description = std::move(description);
  fix.edits.push_back(std::move(*edit));
  return {std::move(fix)};
}

std::vector<Fix> respell(const Model& model, const yaml::Node* node,
                         const std::vector<std::string>& valid) {
  if (node == nullptr || !node->is_scalar()) return {};
  std::string target = same_letters(node->scalar, valid);
  if (target.empty()) return {};
  return single(fmt::format("Replace '{}' with '{}'", node->scalar, target),
                replace_scalar(model, *node, target));
}

}  // namespace seldon_lint::fixes
