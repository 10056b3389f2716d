// .gitignore rules (gitignore(5)): files git ignores are not part of the
// repository that CI checks out, so the linter skips them too (--no-ignore
// reads them).  Read: `.gitignore` in the root and every folder below it, and
// `.git/info/exclude` of a repository at the root.  Not read: .gitignore
// files above the root and the user's global excludes file (per user, not per
// repository).
#pragma once

#include <memory>
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

// The .gitignore files in force in one folder: its own and its ancestors',
// deepest first.  Immutable once made, so the threads of a parallel
// discovery share them without a lock.
struct GitIgnoreFrame;
using GitIgnoreScope = std::shared_ptr<const GitIgnoreFrame>;
struct GitIgnoreFrame {
  std::string folder;  // relative to the root; "" = the root
  std::vector<GitIgnorePattern> patterns;
  GitIgnoreScope parent;
};

class GitIgnore {
 public:
  explicit GitIgnore(std::string root);  // absolute
  // The scope of the folders above `folder` (relative; "" = the root, which
  // has none), each folder's .gitignore read from disk: where a walk starts.
  GitIgnoreScope above(const std::string& folder) const;
  // The scope of `folder`, a folder listed in the scope `parent`: `parent`,
  // plus the folder's own .gitignore when it has one (`has_file`, from the
  // listing, so a folder without one costs no open()).
  GitIgnoreScope enter(const GitIgnoreScope& parent, const std::string& folder,
                       bool has_file) const;
  // `relative`: a path under the root with '/' separators, in the folder
  // whose scope `scope` is.  Its parent folders are assumed not ignored (the
  // walker does not enter those).
  bool ignored(const GitIgnoreScope& scope, const std::string& relative, bool is_directory) const;

 private:
  std::string root_;
  std::vector<GitIgnorePattern> exclude_;  // .git/info/exclude
};

}  // namespace seldon_lint
