#include "linter/base/glob.hpp"

#include <vector>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

// Where the `[...]` class starting at `open` ends (index of its `]`), or npos
// when it is not closed (then the `[` is a literal).
size_t class_end(std::string_view pattern, size_t open) {
  size_t i = open + 1;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) ++i;
  if (i < pattern.size() && pattern[i] == ']') ++i;  // a leading `]` is a member
  for (; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      ++i;
    } else if (pattern[i] == ']') {
      return i;
    }
  }
  return std::string_view::npos;
}

bool class_matches(std::string_view members, char c) {
  bool negated = !members.empty() && (members[0] == '!' || members[0] == '^');
  if (negated) members.remove_prefix(1);
  bool found = false;
  for (size_t i = 0; i < members.size(); ++i) {
    char low = members[i];
    if (low == '\\' && i + 1 < members.size()) low = members[++i];
    char high = low;
    if (i + 2 < members.size() && members[i + 1] == '-') {
      high = members[i + 2];
      if (high == '\\' && i + 3 < members.size()) high = members[++i + 2];
      i += 2;
    }
    if (c >= low && c <= high) found = true;
  }
  return found != negated;
}

// Does the pattern element at `p` (`?`, `[...]`, `\x` or a literal) match
// `c`?  `next` receives the index after the element.
bool element_matches(std::string_view pattern, size_t p, char c, size_t& next) {
  char head = pattern[p];
  if (head == '?') {
    next = p + 1;
    return true;
  }
  if (head == '[') {
    size_t end = class_end(pattern, p);
    if (end != std::string_view::npos) {
      next = end + 1;
      return class_matches(pattern.substr(p + 1, end - p - 1), c);
    }
  }
  if (head == '\\' && p + 1 < pattern.size()) {
    next = p + 2;
    return pattern[p + 1] == c;
  }
  next = p + 1;
  return head == c;
}

// One path segment: `*` backtracks, everything else is one element.
bool segment_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    size_t next = 0;
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && element_matches(pattern, p, text[t], next)) {
      p = next;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool segments_match(const std::vector<std::string_view>& pattern, size_t pi,
                    const std::vector<std::string_view>& path, size_t si) {
  while (pi < pattern.size()) {
    if (pattern[pi] == "**") {
      // `**` matches zero or more whole segments.
      for (size_t k = si; k <= path.size(); ++k) {
        if (segments_match(pattern, pi + 1, path, k)) return true;
      }
      return false;
    }
    if (si >= path.size() || !segment_match(pattern[pi], path[si])) return false;
    ++pi, ++si;
  }
  return si == path.size();
}

// The `}` closing the brace group opened at `open`, or npos; `commas` gets the
// top-level separators.  A group without a comma is literal, as in bash.
size_t brace_end(std::string_view pattern, size_t open, std::vector<size_t>& commas) {
  int depth = 0;
  for (size_t i = open; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) return commas.empty() ? std::string_view::npos : i;
    } else if (c == ',' && depth == 1) {
      commas.push_back(i);
    }
  }
  return std::string_view::npos;
}

// Appends the expansions of `pattern` to `out`; false when there are too many.
bool expand_into(std::string_view pattern, std::vector<std::string>& out, int depth) {
  if (depth > 32) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
      continue;
    }
    if (pattern[i] != '{') continue;
    std::vector<size_t> commas;
    size_t close = brace_end(pattern, i, commas);
    if (close == std::string_view::npos) continue;
    std::string_view prefix = pattern.substr(0, i);
    std::string_view suffix = pattern.substr(close + 1);
    size_t start = i + 1;
    commas.push_back(close);
    for (size_t end : commas) {
      std::string alternative(prefix);
      alternative += pattern.substr(start, end - start);
      alternative += suffix;
      if (!expand_into(alternative, out, depth + 1)) return false;
      start = end + 1;
    }
    return true;
  }
  if (out.size() >= kMaxGlobAlternatives) return false;
  out.emplace_back(pattern);
  return true;
}

bool plain_match(std::string_view pattern, std::string_view path) {
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  return segments_match(split(pattern, '/'), 0, split(path, '/'), 0);
}

}  // namespace

std::vector<std::string> expand_braces(std::string_view pattern) {
  std::vector<std::string> out;
  if (!expand_into(pattern, out, 0)) out.clear();
  return out;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  if (path.starts_with("./")) path.remove_prefix(2);
  if (pattern.find('{') == std::string_view::npos) return plain_match(pattern, path);
  for (const auto& alternative : expand_braces(pattern)) {
    if (plain_match(alternative, path)) return true;
  }
  return false;
}

}  // namespace seldon_lint
