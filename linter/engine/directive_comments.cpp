// Finding the comment in one line of a file, per file kind (declared in
// directive_comments.hpp): the first step of reading a suppression
// directive, which is only a directive when it sits in a comment.
#include "linter/engine/directive_comments.hpp"

#include "linter/base/text.hpp"

namespace seldon_lint::directive_comments {
namespace {

// Could a quote at `j` open a YAML quoted scalar?  Only at the start of a
// scalar: line start, or after `:`, `-`, `?`, `[`, `{`, `,`.  A quote inside a
// plain scalar (`it's`) is an ordinary character.
bool yaml_scalar_start(std::string_view line, size_t j) {
  size_t p = j;
  while (p > 0 && is_space(line[p - 1])) --p;
  if (p == 0) return true;
  char prev = line[p - 1];
  if (prev == '[' || prev == '{' || prev == ',') return true;
  return (prev == ':' || prev == '-' || prev == '?') && p < j;
}

}  // namespace

CommentStart find_yaml_comment(std::string_view line) {
  bool single = false, dbl = false;
  for (size_t j = 0; j < line.size(); ++j) {
    char c = line[j];
    if (dbl) {
      if (c == '\\') {
        ++j;
      } else if (c == '"') {
        dbl = false;
      }
      continue;
    }
    if (single) {
      if (c == '\'') {
        if (j + 1 < line.size() && line[j + 1] == '\'') {
          ++j;
        } else {
          single = false;
        }
      }
      continue;
    }
    if (c == '#' && (j == 0 || is_space(line[j - 1]))) return {j, 1};
    if ((c == '"' || c == '\'') && yaml_scalar_start(line, j)) {
      (c == '"' ? dbl : single) = true;
    }
  }
  return {};
}

CommentStart find_code_comment(std::string_view line, char quote, bool hash) {
  bool in_string = false;
  for (size_t j = 0; j < line.size(); ++j) {
    char c = line[j];
    if (in_string) {
      if (c == '\\') {
        ++j;
      } else if (c == quote) {
        in_string = false;
      }
      continue;
    }
    if (c == quote) {
      in_string = true;
    } else if (hash && c == '#') {
      return {j, 1};
    } else if (c == '/' && j + 1 < line.size() && line[j + 1] == '/') {
      return {j, 2};
    }
  }
  return {};
}

CommentStart find_comment(FileKind kind, std::string_view line) {
  switch (kind) {
    case FileKind::Yaml:
      return find_yaml_comment(line);
    case FileKind::Terraform:
      return find_code_comment(line, '"', true);
    case FileKind::Bicep:
      return find_code_comment(line, '\'', false);
    case FileKind::ArmJson:
      return find_code_comment(line, '"', false);
    case FileKind::HelmTemplate:
      return find_yaml_comment(line);
  }
  return {};
}

bool comment_only(FileKind kind, std::string_view line) {
  std::string_view t = trim(line);
  if (t.empty()) return true;
  if (t[0] == '#')
    return kind == FileKind::Yaml || kind == FileKind::Terraform || kind == FileKind::HelmTemplate;
  return t.starts_with("//") && kind != FileKind::Yaml && kind != FileKind::HelmTemplate;
}

}  // namespace seldon_lint::directive_comments
