#include "linter/lsp/text_position.hpp"

#include <algorithm>

namespace seldon_lint::lsp {
namespace {

// Length of the UTF-8 sequence starting with `lead` (1 for invalid bytes, so
// every walk advances).
size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

uint32_t units_of(size_t bytes, Encoding encoding) {
  switch (encoding) {
    case Encoding::Utf8:
      return static_cast<uint32_t>(bytes);
    case Encoding::Utf16:
      return bytes == 4 ? 2 : 1;  // astral characters are surrogate pairs
    case Encoding::Utf32:
      return 1;
  }
  return 1;
}

}  // namespace

const char* encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::Utf8:
      return "utf-8";
    case Encoding::Utf32:
      return "utf-32";
    case Encoding::Utf16:
      break;
  }
  return "utf-16";
}

uint32_t character_of_column(std::string_view line, uint32_t column, Encoding encoding) {
  uint32_t units = 0;
  size_t i = 0;
  for (uint32_t c = 1; c < column && i < line.size(); ++c) {
    size_t n = std::min(sequence_length(static_cast<unsigned char>(line[i])), line.size() - i);
    units += units_of(n, encoding);
    i += n;
  }
  return units;
}

size_t byte_in_line(std::string_view line, uint32_t character, Encoding encoding) {
  uint32_t units = 0;
  size_t i = 0;
  while (i < line.size() && units < character) {
    size_t n = std::min(sequence_length(static_cast<unsigned char>(line[i])), line.size() - i);
    units += units_of(n, encoding);
    i += n;
  }
  return i;
}

std::string_view line_of(std::string_view text, uint32_t line) {
  size_t begin = 0;
  for (uint32_t l = 0; l < line; ++l) {
    size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  std::string_view out = text.substr(begin, end - begin);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}

size_t byte_offset(std::string_view text, uint32_t line, uint32_t character, Encoding encoding) {
  size_t begin = 0;
  for (uint32_t l = 0; l < line; ++l) {
    size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return text.size();
    begin = nl + 1;
  }
  size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  std::string_view content = text.substr(begin, end - begin);
  if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
  return begin + byte_in_line(content, character, encoding);
}

uint32_t column_of_byte(std::string_view line, size_t byte) {
  uint32_t column = 1;
  size_t i = 0;
  while (i < line.size() && i < byte) {
    i += sequence_length(static_cast<unsigned char>(line[i]));
    ++column;
  }
  return column;
}

void replace_range(std::string& text, size_t begin, size_t end, std::string_view replacement) {
  begin = std::min(begin, text.size());
  end = std::clamp(end, begin, text.size());
  text.replace(begin, end - begin, replacement);
}

}  // namespace seldon_lint::lsp
