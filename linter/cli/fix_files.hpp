// `--fix` and `--diff`: writing a fix plan to disk, one file at a time and
// atomically, or printing it as a unified diff.
#pragma once

#include <ostream>
#include <string>

#include "linter/cli/lint.hpp"
#include "linter/engine/fixes.hpp"

namespace seldon_lint {

struct WriteOutcome {
  size_t files_written = 0;
  size_t files_failed = 0;  // changed on disk since they were read, or not writable
};

// Writes each changed file of `plan` (paths relative to `root`): a temporary
// file beside it, then a rename, so a reader never sees half a file; the
// file's permissions are kept.  A file whose bytes on disk are no longer the
// ones the fixes were computed on is left alone (reported on `err`).
WriteOutcome write_fixes(const std::string& root, const FixPlan& plan, std::ostream& err);

// The fix plan of a lint result, limited to the files the run was asked
// about (named files, or the folders walked): a fix that would edit another
// file is left out.
FixPlan plan_for_run(const LintOptions& options, const LintResult& result);

struct FixRun {
  size_t fixes = 0;  // findings fixed
  size_t files = 0;  // files written
  size_t failed = 0;
  size_t rounds = 0;
};

// --fix: plan, write, lint again, until no fix is left (fixes that overlap
// wait for the next round) or a round limit is reached.  `result` ends as the
// lint of the fixed repository.
FixRun fix_until_clean(const LintOptions& options, LintResult& result, std::ostream& err);

// Every change of `plan` as a unified diff.
void write_diff(const FixPlan& plan, std::ostream& out);

}  // namespace seldon_lint
