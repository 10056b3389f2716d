// Byte/line/column helpers shared by the parsers and reporters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "seldon_lint/location.hpp"

namespace seldon_lint {

std::vector<uint32_t> compute_line_starts(std::string_view text);

// Position of a byte offset: 1-based line, 1-based column in code points.
Position position_at(std::string_view text, const std::vector<uint32_t>& line_starts,
                     uint32_t offset);

bool is_valid_utf8(std::string_view text);
// Appends the UTF-8 encoding of a code point (escape sequences in string literals).
void append_utf8(std::string& out, uint32_t code_point);
// The value of a hexadecimal digit, or -1.
int hex_digit_value(char c);
// Offset of the first invalid UTF-8 byte, or npos.
size_t first_invalid_utf8(std::string_view text);

// Case-insensitive ASCII substring search.
bool contains_icase(std::string_view haystack, std::string_view needle);

std::string_view trim(std::string_view s);
// ASCII lower case (host names, keys); other bytes unchanged.
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::vector<std::string_view> split(std::string_view s, char sep);

// Levenshtein distance, for did-you-mean suggestions.
size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` (case-insensitive), or empty when none is close.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates,
                          size_t max_distance = 3);

}  // namespace seldon_lint
