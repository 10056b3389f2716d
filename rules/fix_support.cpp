#include "rules/fix_support.hpp"

#include <fmt/format.h>

#include <cctype>

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

}  // namespace

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
