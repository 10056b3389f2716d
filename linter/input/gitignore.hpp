// .gitignore rules (gitignore(5)): files git ignores are not part of the
// repository that CI checks out, so the linter skips them too (--no-ignore
// reads them).  Read: `.gitignore` in the root and every folder below it, and
// `.git/info/exclude` of a repository at the root.  Not read: .gitignore
// files above the root and the user's global excludes file (per user, not per
// repository).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace seldon_lint {

struct GitIgnorePattern {
  std::string glob;  // relative to the folder of its .gitignore, `**/` added when unanchored
  bool negated = false;
  bool directory_only = false;
};

// Parses the text of one .gitignore file.
std::vector<GitIgnorePattern> parse_gitignore(std::string_view text);

class GitIgnore {
 public:
  explicit GitIgnore(std::string root);  // absolute
  // `relative`: a path under the root with '/' separators.  Its parent
  // folders are assumed not ignored (the walker does not enter those).
  // Safe to call from several threads (discovery reads folders in parallel).
  bool ignored(const std::string& relative, bool is_directory);

 private:
  const std::vector<GitIgnorePattern>& patterns_of(const std::string& folder);

  std::string root_;
  std::vector<GitIgnorePattern> exclude_;                       // .git/info/exclude
  std::mutex mutex_;                                            // guards cache_
  std::map<std::string, std::vector<GitIgnorePattern>> cache_;  // folder -> its .gitignore
};

}  // namespace seldon_lint
