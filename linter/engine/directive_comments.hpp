// Internal to the suppressions (directives.cpp reads directives,
// directive_comments.cpp finds the comments they sit in): where a comment
// starts in one line of a file, by the file's comment syntax.  YAML and Helm
// templates use `#` (not inside a quoted scalar), Terraform `#` and `//`,
// Bicep and ARM JSON `//`; a marker inside a string is not a comment.
//
// A namespace of its own: the names are short and would otherwise clash
// with other stages' helpers once they are no longer file-local.
#pragma once

#include <cstddef>
#include <string_view>

#include "seldon_lint/model.hpp"

namespace seldon_lint::directive_comments {

inline constexpr size_t kNpos = std::string_view::npos;

// Blanks inside a line (a `\r` of a CRLF line end counts as one).
inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

struct CommentStart {
  size_t pos = kNpos;  // byte offset of the marker in the line
  size_t marker = 0;   // marker length (1 for '#', 2 for '//')
};

// The first `#` comment of a YAML line: a `#` after a blank or at the line
// start, outside single- and double-quoted scalars.
CommentStart find_yaml_comment(std::string_view line);

// Terraform (`#`, `//`, strings in "), Bicep (`//`, strings in '), ARM JSON (`//`, ").
CommentStart find_code_comment(std::string_view line, char quote, bool hash);

// The first comment of `line` in the syntax of `kind`; pos is kNpos when there is none.
CommentStart find_comment(FileKind kind, std::string_view line);

// Whether `line` is blank or only a comment in the syntax of `kind`.
bool comment_only(FileKind kind, std::string_view line);

}  // namespace seldon_lint::directive_comments
