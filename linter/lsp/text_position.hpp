// Positions between the linter (1-based lines, columns in Unicode code
// points) and LSP (0-based lines, `character` in the negotiated encoding:
// UTF-16 code units by default, UTF-8 bytes or UTF-32 code points when the
// client offers them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace seldon_lint::lsp {

enum class Encoding { Utf16, Utf8, Utf32 };

const char* encoding_name(Encoding encoding);  // "utf-16", "utf-8", "utf-32"

// The LSP `character` of the code-point column `column` (1-based) of `line`
// (its text without the line break); columns past the end clamp to the end.
uint32_t character_of_column(std::string_view line, uint32_t column, Encoding encoding);

// Byte offset in `line` of an LSP `character`; past the end (or inside a
// multi-unit character) clamps to the end of that character / the line.
size_t byte_in_line(std::string_view line, uint32_t character, Encoding encoding);

// Byte offset in `text` of an LSP position; a line past the end is the end of
// the text.
size_t byte_offset(std::string_view text, uint32_t line, uint32_t character, Encoding encoding);

// The 1-based code-point column of byte `byte` of `line`.
uint32_t column_of_byte(std::string_view line, size_t byte);

// Text of 0-based line `line` of `text` without its line break (empty past the end).
std::string_view line_of(std::string_view text, uint32_t line);

// Replaces bytes [begin, end) of `text` with `replacement` (clamped).
void replace_range(std::string& text, size_t begin, size_t end, std::string_view replacement);

}  // namespace seldon_lint::lsp
