// Choosing and applying the fixes of a lint run (--fix, --diff): which fixes
// go together, the new text of each file, and a unified diff of the change.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct FileChange {
  FileId file = kNoFile;
  std::string path;    // relative to the root
  std::string before;  // the text the edits were computed on
  std::string after;
  std::vector<TextEdit> edits;  // non-overlapping, sorted by offset
};

struct FixPlan {
  std::vector<FileChange> files;  // by path
  size_t fixes = 0;               // findings whose fix is in the plan
  size_t skipped = 0;             // fixes left out: they overlap one already chosen
};

// The fixes of unsuppressed `findings`, in finding order; a fix whose edits
// overlap an earlier chosen fix's is left for the next round (the caller
// re-lints and plans again).  Identical fixes (two releases sharing a file)
// are applied once.
FixPlan plan_fixes(const Model& model, const std::vector<Finding>& findings);

// A unified diff (`diff -u`, three lines of context) of one change, with
// `a/PATH` and `b/PATH` headers; empty when nothing changes.
std::string unified_diff(const FileChange& change);

}  // namespace seldon_lint
