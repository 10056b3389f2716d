// Keeps a SARIF log within GitHub code scanning's upload limits (25,000
// results per run; 10 MB gzipped, checked conservatively on the uncompressed
// size): beyond them the most severe results are kept and a run-level note
// (SARIF toolExecutionNotifications) says so.
#pragma once

#include <string>

#include "linter/report/report.hpp"

namespace seldon_lint {

struct SarifLimits {
  size_t max_results = 25000;
  size_t max_bytes = size_t{10} * 1000 * 1000;
};

// Renders `report` as SARIF, dropping the least severe findings (suppressed ones
// first, then notes, warnings, errors) until the log fits.  When it drops any,
// it adds the explanation to report.notes and returns true in `truncated`.
std::string render_sarif_within_limits(Report& report, const SarifLimits& limits,
                                       bool* truncated = nullptr);

}  // namespace seldon_lint
