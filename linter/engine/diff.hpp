// Pull-request mode (`--diff-base REF`): which lines changed since the merge
// base with REF.  Findings are reported only when their primary or a related
// location lies on such a line; the whole repository is still modelled.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace seldon_lint {

struct ChangedLines {
  // Relative path ('/' separators, relative to the root) -> changed line numbers.
  std::map<std::string, std::set<uint32_t>> lines;
  // Files that are wholly new to git (untracked): every line counts.
  std::set<std::string> whole_files;

  bool contains(const std::string& path, uint32_t line) const {
    if (whole_files.count(path) > 0) return true;
    auto it = lines.find(path);
    return it != lines.end() && it->second.count(line) > 0;
  }
};

// Parses `git diff --unified=0` output: paths from `+++ b/...`, added/changed
// lines from hunk headers.  A pure deletion marks the lines around it.
ChangedLines parse_unified_diff(const std::string& diff);

// Runs `git merge-base REF HEAD` and `git diff --unified=0 <base>` in `root`
// (plus untracked files).  Returns false with a message when git fails.
bool changed_lines_since(const std::string& root, const std::string& ref, ChangedLines& out,
                         std::string& error);

}  // namespace seldon_lint
