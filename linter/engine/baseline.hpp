// Baselines (interfaces.md "Baseline"): a JSON file of known findings keyed by
// rule, file and content fingerprint (never line numbers), so a legacy
// repository can adopt the linter and gate only on new findings.
//
//   {"version": 1, "tool": "seldon-lint", "entries": [
//     {"rule": "SL101", "file": "envs/prod/values.yaml", "fingerprint": "0123abcd...:1"}]}
//
// Entries are sorted by file, rule and fingerprint, so rewriting the file after
// unrelated edits gives the same bytes.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "seldon_lint/finding.hpp"
#include "seldon_lint/model.hpp"

namespace seldon_lint {

struct BaselineEntry {
  std::string rule;
  std::string file;
  std::string fingerprint;
  bool operator<(const BaselineEntry& o) const {
    return std::tie(file, rule, fingerprint) < std::tie(o.file, o.rule, o.fingerprint);
  }
  bool operator==(const BaselineEntry& o) const {
    return rule == o.rule && file == o.file && fingerprint == o.fingerprint;
  }
};

struct Baseline {
  static constexpr int kVersion = 1;
  std::vector<BaselineEntry> entries;  // sorted
};

// The entry a finding would have (file: its primary location's path, or "").
BaselineEntry baseline_entry(const Finding& finding, const Model& model);

// Entries for every finding that is not suppressed, sorted and unique.
Baseline make_baseline(const std::vector<Finding>& findings, const Model& model);

void write_baseline(const Baseline& baseline, std::ostream& out);
// Returns false with a message naming the problem for a file that is not a baseline.
bool parse_baseline(const std::string& text, Baseline& out, std::string& error);
bool load_baseline(const std::string& path, Baseline& out, std::string& error);

struct BaselineOutcome {
  size_t matched = 0;  // findings hidden by the baseline
  size_t stale = 0;    // entries whose finding is gone
};

// Marks findings recorded in the baseline as suppressed (kind "external"); each
// entry hides at most one finding.  `is_stale_candidate(entry)` says whether an
// unmatched entry counts as stale (its rule ran and its file was linted or is gone).
BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<Finding>& findings,
                               const Model& model,
                               const std::function<bool(const BaselineEntry&)>& is_stale_candidate);

}  // namespace seldon_lint
