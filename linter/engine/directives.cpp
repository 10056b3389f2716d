// Reading suppression directives (declared in directives.hpp): which
// comments of a file are directives, what each says (parse_directive) and
// which line it covers (scan_directives).  Finding the comment in a line is
// directive_comments.cpp's.
#include "linter/engine/directives.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "linter/base/text.hpp"
#include "linter/engine/directive_comments.hpp"

namespace seldon_lint {
namespace {

using directive_comments::comment_only;
using directive_comments::CommentStart;
using directive_comments::find_comment;
using directive_comments::is_space;
using directive_comments::kNpos;

constexpr uint32_t kOwnLine = UINT32_MAX;  // target not resolved yet

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  return d <= max;
}

// Parses `body` (the comment after its marker and blanks, starting with
// "seldon-lint").  Fills everything but range and target_line.
void parse_directive(std::string_view body, Directive& d) {
  auto malformed = [&](std::string detail) {
    d.problem = "malformed";
    d.detail = std::move(detail);
  };
  // The directive ends where a further comment starts (` # expect: ...`, ` // ...`);
  // `#42` or `https://` inside the reason do not end it.
  for (size_t j = 1; j < body.size(); ++j) {
    size_t marker = body[j] == '#' ? 1 : body.substr(j).starts_with("//") ? 2 : 0;
    if (marker > 0 && is_space(body[j - 1]) &&
        (j + marker == body.size() || is_space(body[j + marker]))) {
      body = body.substr(0, j);
      break;
    }
  }
  body = trim(body);
  d.text = std::string(body);
  std::string_view rest = body.substr(std::string_view("seldon-lint").size());
  if (rest.empty() || rest[0] != ':') {
    malformed("expected a colon after `seldon-lint`");
    return;
  }
  rest = trim(rest.substr(1));
  size_t verb_end = 0;
  while (verb_end < rest.size() &&
         (std::isalpha(static_cast<unsigned char>(rest[verb_end])) || rest[verb_end] == '-')) {
    ++verb_end;
  }
  std::string_view verb = rest.substr(0, verb_end);
  if (verb != "ignore" && verb != "ignore-file") {
    malformed(verb.empty() ? std::string("no directive after `seldon-lint:`")
                           : fmt::format("unknown directive `{}`", verb));
    return;
  }
  d.file_level = verb == "ignore-file";
  rest = rest.substr(verb_end);
  if (rest.empty() || rest[0] != '[') {
    malformed(fmt::format("`{}` needs a rule list in brackets", verb));
    return;
  }
  size_t close = rest.find(']');
  if (close == kNpos) {
    malformed("unterminated rule list (missing `]`)");
    return;
  }
  for (auto part : split(rest.substr(1, close - 1), ',')) {
    std::string_view selector = trim(part);
    if (selector.empty()) {
      malformed("empty rule in the list");
      return;
    }
    d.selectors.emplace_back(selector);
  }
  if (d.selectors.empty()) {
    malformed("empty rule list");
    return;
  }
  rest = rest.substr(close + 1);
  if (!rest.empty() && !is_space(rest[0])) {
    malformed("expected a blank between `]` and the reason");
    return;
  }
  rest = trim(rest);
  if (rest.starts_with("until=")) {
    size_t end = 0;
    while (end < rest.size() && !is_space(rest[end])) ++end;
    d.until = std::string(rest.substr(6, end - 6));
    rest = trim(rest.substr(end));
    if (!valid_date(d.until)) {
      d.problem = "bad-date";
      d.detail = fmt::format("`until={}` is not a date in the form YYYY-MM-DD", d.until);
      return;
    }
  }
  d.reason = std::string(rest);
  if (d.reason.empty()) {
    d.problem = "no-reason";
    d.detail = "no reason given";
  } else if (d.reason == kReasonPlaceholder) {
    // What the editor's "suppress" action inserts for the user to type over.
    d.problem = "no-reason";
    d.detail = "the placeholder `TODO: reason` is not a reason";
  }
}

}  // namespace

std::vector<Directive> scan_directives(const SourceFile& file) {
  std::vector<Directive> out;
  const uint32_t lines = static_cast<uint32_t>(file.line_starts.size());
  for (uint32_t line = 1; line <= lines; ++line) {
    std::string_view text = file.line_text(line);
    if (text.find("seldon-lint") == kNpos) continue;
    CommentStart comment = find_comment(file.kind, text);
    if (comment.pos == kNpos) continue;
    std::string_view body = text.substr(comment.pos + comment.marker);
    size_t blanks = 0;
    while (blanks < body.size() && is_space(body[blanks])) ++blanks;
    body = body.substr(blanks);
    if (!body.starts_with("seldon-lint")) continue;
    // A directive has a colon after `seldon-lint`; without one only when it
    // goes on like a directive (`seldon-lint ignore[...]`): prose is not one.
    std::string_view after = trim(body.substr(11));
    if (!after.starts_with(":") && !after.starts_with("ignore")) continue;
    Directive d;
    parse_directive(body, d);
    const uint32_t start = file.line_starts[line - 1];
    const uint32_t begin = start + static_cast<uint32_t>(comment.pos);
    const uint32_t end = start + static_cast<uint32_t>(comment.pos + comment.marker + blanks) +
                         static_cast<uint32_t>(d.text.size());
    d.range = Range{position_at(file.text, file.line_starts, begin),
                    position_at(file.text, file.line_starts, end)};
    if (d.file_level) {
      if (line > kFileDirectiveLines && d.problem.empty()) {
        d.problem = "file-too-late";
        d.detail = "ignore-file below line 10";
      }
    } else if (trim(text.substr(0, comment.pos)).empty()) {
      // On its own line: covers the next line that is not a comment (directives
      // stack).  Resolved below in one backward pass.
      d.target_line = kOwnLine;
    } else {
      d.target_line = line;  // trailing: covers its own line
    }
    out.push_back(std::move(d));
  }
  if (std::any_of(out.begin(), out.end(),
                  [](const Directive& d) { return d.target_line == kOwnLine; })) {
    // next_code[l]: first line >= l that is not blank or comment-only.
    std::vector<uint32_t> next_code(lines + 2, 0);
    for (uint32_t l = lines; l >= 1; --l) {
      next_code[l] = comment_only(file.kind, file.line_text(l)) ? next_code[l + 1] : l;
    }
    for (auto& d : out) {
      if (d.target_line != kOwnLine) continue;
      uint32_t line = d.range.begin.line;
      d.target_line = next_code[line + 1] != 0 ? next_code[line + 1] : line + 1;
    }
  }
  return out;
}

}  // namespace seldon_lint
