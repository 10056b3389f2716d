// The whole pipeline as one call: discover → read and parse → model → rules
// → suppressions → ordered findings.  The CLI and the fixture tests use it.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "linter/engine/baseline.hpp"
#include "linter/engine/diff.hpp"
#include "linter/engine/engine.hpp"
#include "linter/input/config.hpp"
#include "linter/input/discovery.hpp"
#include "linter/model/model_builder.hpp"
#include "linter/report/report.hpp"
#include "seldon_lint/model.hpp"
#include "seldon_lint/rule.hpp"

namespace seldon_lint {

struct LintOptions {
  std::string root;                    // absolute
  std::vector<std::string> paths;      // absolute; directories are walked
  std::set<std::string> only_files;    // relative paths: report only findings touching these
  std::vector<std::string> only_dirs;  // with only_files: findings under these folders count too
  Config config;
  EnvironmentRules extra_environments;        // --env, before the config's
  std::vector<std::string> extra_production;  // --production-env
  RuleSelection selection;                    // --select/--ignore (severity from config added)
  unsigned jobs = 1;
  bool inline_suppressions = true;
  bool include_suppressed = false;
  bool gitignore = true;  // false: --no-ignore
  // --fix/--diff: keep every text read in memory.  Fixes are planned on the
  // text the parse read; a text read again from disk would hide a change
  // made to the file meanwhile.
  bool keep_texts = false;
  std::string today;                      // YYYY-MM-DD for `until=`; empty: the local date
  const Baseline* baseline = nullptr;     // --baseline: hide these findings
  bool write_baseline = false;            // --write-baseline: record (and hide) every finding
  const ChangedLines* changed = nullptr;  // --diff-base: report only findings on these lines
  // --diff-base with git still running: called once the findings are known,
  // blocks until git answers; nullptr when git failed (lint() then stops).
  std::function<const ChangedLines*()> await_changed;
  // The persistent parse cache (linter/input/file_cache.hpp): its folder
  // (empty: no cache) and what identifies this build of the linter.
  std::string cache_dir;
  std::string cache_identity;
  // Set: lint these files instead of walking `paths` on disk (the repository
  // fuzzer and tests); `root` and `paths` are then unused.
  const std::vector<MemoryFile>* memory_files = nullptr;
};

struct LintResult {
  std::unique_ptr<Model> model;
  // The model builder's working state (it points into `model`), kept with
  // it: a command that ends the process with the result alive (main.cpp)
  // never spends time freeing it.
  std::unique_ptr<ModelReuse> model_state;
  std::vector<std::unique_ptr<Rule>> rules;
  std::vector<Finding> findings;  // sorted; suppressed ones only when include_suppressed
  Summary summary;
  std::vector<std::string> notes;
  Baseline baseline;                  // with write_baseline: the entries to write
  bool changed_lines_failed = false;  // await_changed gave nullptr: nothing else is set
};

LintResult lint(const LintOptions& options);

}  // namespace seldon_lint
