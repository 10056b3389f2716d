#include "linter/report/sarif_limits.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>

#include <fmt/format.h>

namespace seldon_lint {

std::string render_sarif_within_limits(Report& report, const SarifLimits& limits, bool* truncated) {
  if (truncated != nullptr) *truncated = false;
  auto render = [](const Report& r) {
    std::ostringstream out;
    write_sarif(r, out);
    return out.str();
  };
  const size_t total = report.findings.size();
  if (total <= limits.max_results) {
    std::string text = render(report);
    if (text.size() <= limits.max_bytes) return text;
  }

  // Most severe first; suppressed findings are the first to go.
  std::vector<size_t> order(total);
  std::iota(order.begin(), order.end(), 0);
  auto rank = [&](size_t i) {
    const Finding& f = report.findings[i];
    return f.suppressed ? -1 : static_cast<int>(f.severity);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return rank(a) > rank(b); });

  std::vector<Finding> all = std::move(report.findings);
  const std::vector<std::string> notes = report.notes;
  size_t keep = std::min(total, limits.max_results);
  std::string text;
  for (;;) {
    std::vector<size_t> kept(order.begin(), order.begin() + static_cast<ptrdiff_t>(keep));
    std::sort(kept.begin(), kept.end());  // back to file order
    report.findings.clear();
    for (size_t i : kept) report.findings.push_back(all[i]);
    report.notes = notes;
    report.notes.push_back(fmt::format(
        "SARIF output limited to {} of {} results to stay within GitHub code scanning limits "
        "({} results per run, {} MB); the most severe were kept. Use --format json for every "
        "finding, or --baseline to hide known ones.",
        keep, total, limits.max_results, limits.max_bytes / 1000000.0));
    text = render(report);
    if (text.size() <= limits.max_bytes || keep == 0) break;
    double ratio = static_cast<double>(limits.max_bytes) / static_cast<double>(text.size());
    size_t next = static_cast<size_t>(static_cast<double>(keep) * ratio * 0.95);
    keep = std::min(next, keep - 1);
  }
  if (truncated != nullptr) *truncated = true;
  return text;
}

}  // namespace seldon_lint
