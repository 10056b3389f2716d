#include "linter/base/text_edits.hpp"

#include <algorithm>

namespace seldon_lint {

bool edits_overlap(const TextEdit& a, const TextEdit& b) {
  if (a.file != b.file) return false;
  if (a.begin == b.begin) return true;
  return a.begin < b.end && b.begin < a.end;
}

std::string apply_edits(std::string_view text, std::vector<TextEdit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const TextEdit& a, const TextEdit& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(text.size());
  size_t done = 0;
  for (const auto& edit : edits) {
    size_t begin = std::min<size_t>(std::max<size_t>(edit.begin, done), text.size());
    size_t end = std::min<size_t>(std::max<size_t>(edit.end, begin), text.size());
    out.append(text.substr(done, begin - done));
    out += edit.replacement;
    done = end;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace seldon_lint
