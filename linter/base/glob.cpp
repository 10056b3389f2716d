#include "linter/base/glob.hpp"

#include <vector>

#include "linter/base/text.hpp"

namespace seldon_lint {
namespace {

// `*` and `?` within one segment.
bool segment_match(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
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

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (starts_with(pattern, "./")) pattern.remove_prefix(2);
  if (starts_with(path, "./")) path.remove_prefix(2);
  return segments_match(split(pattern, '/'), 0, split(path, '/'), 0);
}

}  // namespace seldon_lint
